package dev.hoshi.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Outside demo mode the gateway refuses to start without a readable signing key, and says what to do. */
@ExtendWith(OutputCaptureExtension.class)
class StartupWithoutKeyIT {

    @Test
    void refusesToStartWithoutAKeyOutsideDemoMode(CapturedOutput output) {
        assertThatThrownBy(() -> start("--hoshi.gateway.demo.enabled=false"))
                .rootCause()
                .hasMessageContaining("hoshi.gateway.internal-token.key-location is not set and demo mode is off");
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("HOSHI_GATEWAY_INTERNAL_TOKEN_KEY_LOCATION")
                .contains("openssl genpkey");
    }

    @Test
    void refusesToStartWithAKeyFileThatIsNotThere(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-key.pem");

        assertThatThrownBy(() -> start("--hoshi.gateway.internal-token.key-location=" + missing))
                .rootCause()
                .hasMessageContaining(missing.toString());
    }

    @Test
    void refusesToStartWithAKeyFileThatIsNotAPkcs8Key(@TempDir Path dir) throws Exception {
        Path notAKey = Files.writeString(dir.resolve("key.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n");

        assertThatThrownBy(() -> start("--hoshi.gateway.internal-token.key-location=file:" + notAKey))
                .rootCause()
                .hasMessageContaining("not a PKCS#8 PEM private key");
    }

    private static void start(String... args) {
        new SpringApplicationBuilder(GatewayApplication.class)
                .run(concat(args, "--server.port=0", "--spring.main.banner-mode=off"))
                .close();
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
