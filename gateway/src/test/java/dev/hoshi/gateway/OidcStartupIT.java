package dev.hoshi.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** With an OIDC provider configured, the gateway refuses to start without Hoshi's audience, and says what to do. */
@ExtendWith(OutputCaptureExtension.class)
class OidcStartupIT {

    @Test
    void refusesToStartWithAnIssuerButNoAudience(CapturedOutput output) {
        Path key = TestKeys.writePem(TestKeys.rsa(2048));

        assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class)
                        .run(
                                "--hoshi.gateway.demo.enabled=false",
                                "--hoshi.gateway.internal-token.key-location=" + key,
                                "--hoshi.gateway.oidc.issuer-uri=https://login.example.com/realms/hoshi",
                                "--server.port=0",
                                "--spring.main.banner-mode=off")
                        .close())
                .rootCause()
                .hasMessageContaining("hoshi.gateway.oidc.audience is not");
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("HOSHI_GATEWAY_OIDC_AUDIENCE")
                .contains("azp");
    }
}
