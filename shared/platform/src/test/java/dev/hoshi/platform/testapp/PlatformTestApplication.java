package dev.hoshi.platform.testapp;

import dev.hoshi.testsupport.InternalTokens;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PlatformTestApplication {

    /** Stands in for the gateway: tests mint internal tokens with this key, served as a JWK set. */
    public static final InternalTokens TOKENS = InternalTokens.shared();
}
