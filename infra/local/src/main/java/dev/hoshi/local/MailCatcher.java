package dev.hoshi.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Demo mode only: an SMTP server in the runner's JVM (GreenMail) that keeps every mail the services send instead of
 * delivering it, and a page on 127.0.0.1 that lists them, newest first, so a new user sees the reminders the demo
 * data triggers. Nothing leaves the machine; the mails are gone when the runner stops.
 */
final class MailCatcher implements AutoCloseable {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Tokyo"));

    private final GreenMail smtp;
    private final HttpServer page;

    private MailCatcher(GreenMail smtp, HttpServer page) {
        this.smtp = smtp;
        this.page = page;
    }

    /** Starts the SMTP server on {@code smtpPort} and the page on {@code pagePort}, both on 127.0.0.1. */
    static MailCatcher start(int smtpPort, int pagePort) throws IOException {
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, LocalStack.LOOPBACK, ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            HttpServer page = HttpServer.create(new InetSocketAddress(LocalStack.LOOPBACK, pagePort), 0);
            MailCatcher catcher = new MailCatcher(smtp, page);
            page.createContext("/", catcher::serve);
            page.start();
            return catcher;
        } catch (IOException | RuntimeException e) {
            smtp.stop();
            throw e;
        }
    }

    int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    String pageUrl() {
        return "http://" + LocalStack.LOOPBACK + ":" + page.getAddress().getPort() + "/";
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())
                    || !"/".equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = html().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders()
                    .set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The page: every mail caught, newest first, as plain text (escaped: a mail cannot put markup on the page). */
    String html() {
        List<MimeMessage> mails = new ArrayList<>(Arrays.asList(smtp.getReceivedMessages()));
        Collections.reverse(mails);
        StringBuilder out = new StringBuilder(
                """
                <!DOCTYPE html>
                <html lang="ja"><head><meta charset="utf-8"><title>Hoshi demo: mails sent / 送信したメール</title>
                <style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
                article{border:1px solid #ccc;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
                pre{white-space:pre-wrap}</style></head><body>
                <h1>送信したメール / Mails sent (demo)</h1>
                <p>Hoshi's mails in demo mode stop here instead of being delivered. Reload to see new ones.
                デモモードのメールは配信されず、ここに表示されます。</p>
                """);
        out.append("<p>").append(mails.size()).append(" mail(s)</p>\n");
        for (MimeMessage mail : mails) {
            out.append("<article><h2>")
                    .append(escape(read(mail::getSubject)))
                    .append("</h2><p>To: ")
                    .append(escape(addresses(mail)))
                    .append("<br>Sent: ")
                    .append(escape(sent(mail)))
                    .append("</p><pre>")
                    .append(escape(read(() -> String.valueOf(mail.getContent()))))
                    .append("</pre></article>\n");
        }
        return out.append("</body></html>\n").toString();
    }

    private static String sent(MimeMessage mail) {
        return read(() ->
                mail.getSentDate() == null ? "" : WHEN.format(mail.getSentDate().toInstant()));
    }

    private static String addresses(MimeMessage mail) {
        return read(() -> {
            Address[] to = mail.getAllRecipients();
            return to == null ? "" : Arrays.stream(to).map(Address::toString).collect(Collectors.joining(", "));
        });
    }

    private interface MailPart {
        String get() throws MessagingException, IOException;
    }

    private static String read(MailPart part) {
        try {
            String value = part.get();
            return value == null ? "" : value;
        } catch (MessagingException | IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    @Override
    public void close() {
        page.stop(0);
        smtp.stop();
    }
}
