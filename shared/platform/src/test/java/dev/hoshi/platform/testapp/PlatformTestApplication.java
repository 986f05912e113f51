package dev.hoshi.platform.testapp;

import dev.hoshi.platform.security.HoshiSecurityAutoConfiguration;
import dev.hoshi.testsupport.InternalTokens;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

@SpringBootApplication
public class PlatformTestApplication {

    /** Stands in for the gateway: tests mint internal tokens with this key. */
    public static final InternalTokens TOKENS = new InternalTokens();

    @Bean
    JwtDecoder testGatewayKey() {
        NimbusJwtDecoder decoder =
                NimbusJwtDecoder.withPublicKey(TOKENS.publicKey()).build();
        decoder.setJwtValidator(HoshiSecurityAutoConfiguration.internalTokenValidator());
        return decoder;
    }
}
