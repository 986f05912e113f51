package dev.hoshi.local;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MailCatcherTest {

    @Test
    void aMailSentToTheCatcherShowsOnItsPageAsTextNewestFirst() throws Exception {
        try (MailCatcher catcher = MailCatcher.start(freePort(), freePort())) {
            send(catcher.smtpPort(), "yamada@demo.hoshi.example", "【Hoshi】最初", "一通目");
            send(catcher.smtpPort(), "smith@demo.hoshi.example", "[Hoshi] second", "<script>alert(1)</script> & more");

            HttpResponse<String> page = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(catcher.pageUrl()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
            String html = page.body();
            assertThat(html)
                    .contains("2 mail(s)", "【Hoshi】最初", "一通目", "To: yamada@demo.hoshi.example")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more")
                    .doesNotContain("<script>");
            assertThat(html.indexOf("[Hoshi] second")).isLessThan(html.indexOf("【Hoshi】最初"));
            assertThat(catcher.pageUrl()).startsWith("http://127.0.0.1:");
        }
    }

    private static void send(int port, String to, String subject, String body) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("hoshi@demo.hoshi.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");
        message.setSentDate(new Date());
        Transport.send(message);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
