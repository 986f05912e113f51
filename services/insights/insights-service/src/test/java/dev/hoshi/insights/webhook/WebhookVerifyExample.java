package dev.hoshi.insights.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The receiver's check as docs/notifications.md shows it (the test compares the text and runs it). */
final class WebhookVerifyExample {

    private WebhookVerifyExample() {}

    // example:start
    static boolean verify(String secret, String header, String body, long nowSeconds) throws Exception {
        String t = header.replaceAll(".*t=(\\d+).*", "$1");
        String v1 = header.replaceAll(".*v1=([0-9a-f]{64}).*", "$1");
        if (!t.matches("\\d+") || Math.abs(nowSeconds - Long.parseLong(t)) > 300) return false;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(UTF_8)));
        return MessageDigest.isEqual(expected.getBytes(UTF_8), v1.getBytes(UTF_8));
    }
    // example:end
}
