package dev.hoshi.insights.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/notifications.md's verification examples are the code that is run against real signatures. */
class WebhookDocExamplesTest {

    private static final String SECRET = "whsec_q2X7c1lT0n4k9m3b8v6z5x4c3v2b1n0m9l8k7j6h5g4";
    private static final String BODY = "{\"id\":\"whd_0123\",\"organizationId\":\"yamada-insatsu\",\"name\":\"山田印刷\"}";
    private static final long NOW = 1_795_000_000L;

    @Test
    void theJavaExampleInTheDocsIsTheOneTestedHereAndAcceptsOnlyTheRealSignature() throws Exception {
        String source = Files.readString(Path.of("src/test/java/dev/hoshi/insights/webhook/WebhookVerifyExample.java"));
        String example = source.substring(
                source.indexOf("// example:start\n") + "// example:start\n".length(),
                source.indexOf("    // example:end"));
        String unindented =
                example.lines().map(line -> line.replaceFirst("^    ", "")).collect(Collectors.joining("\n"));
        assertThat(Files.readString(Path.of("../../../docs/notifications.md"))).contains(unindented);
        assertThat(unindented.lines().count()).isLessThanOrEqualTo(10);

        String header = WebhookSignature.header(SECRET, NOW, BODY);
        assertThat(WebhookVerifyExample.verify(SECRET, header, BODY, NOW + 60)).isTrue();
        assertThat(WebhookVerifyExample.verify(SECRET, header, BODY + "x", NOW)).isFalse();
        assertThat(WebhookVerifyExample.verify(SECRET + "x", header, BODY, NOW)).isFalse();
        assertThat(WebhookVerifyExample.verify(SECRET, header, BODY, NOW + 3600))
                .as("too old")
                .isFalse();
        assertThat(WebhookVerifyExample.verify(SECRET, "v1=00", BODY, NOW)).isFalse();
    }

    @Test
    void thePythonExampleInTheDocsAcceptsOnlyTheRealSignature() throws Exception {
        String header = WebhookSignature.header(SECRET, NOW, BODY);
        assertThat(WebhookIT.NotificationsDoc.pythonVerifies(SECRET, header, BODY, NOW + 60))
                .isTrue();
        assertThat(WebhookIT.NotificationsDoc.pythonVerifies(SECRET, header, BODY + "x", NOW))
                .isFalse();
        assertThat(WebhookIT.NotificationsDoc.pythonVerifies(SECRET + "x", header, BODY, NOW))
                .isFalse();
        assertThat(WebhookIT.NotificationsDoc.pythonVerifies(SECRET, header, BODY, NOW + 3600))
                .isFalse();
    }
}
