package dev.hoshi.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The requests a page made, read from Chromium's performance log (the DevTools {@code Network.*} events): every URL,
 * which of them went elsewhere than the system under test, which were answered from elsewhere, and which did not load
 * (failed, blocked, or an asset answered with an error status). Reading the log empties it.
 */
final class NetworkLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The kinds of request whose error status means the page did not load completely. */
    private static final Set<String> ASSETS = Set.of("Script", "Stylesheet", "Image", "Font", "Media");

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "::1", "[::1]");

    private NetworkLog() {}

    /**
     * One request (one hop of a redirect): its URL, its kind (Document, Script, Fetch, …), its status (0 when nothing
     * answered), the address that answered (empty when nothing did, or the browser answered itself, as for an internal
     * redirect), and why it failed if it did.
     */
    record Request(String url, String type, int status, String remoteAddress, String failure) {

        boolean loaded() {
            return failure == null && !(ASSETS.contains(type) && status >= 400);
        }
    }

    record Requests(String base, List<Request> all) {

        List<String> urls() {
            return all.stream().map(Request::url).toList();
        }

        /** Requests to anywhere but {@code base} (data: and blob: URLs never reach a network). */
        List<String> outside() {
            return all.stream()
                    .map(Request::url)
                    .filter(url -> !url.startsWith(base + "/")
                            && !url.equals(base)
                            && !url.startsWith("data:")
                            && !url.startsWith("blob:"))
                    .toList();
        }

        /** Requests answered from an address other than this machine's loopback. */
        List<String> answeredFromOutside() {
            return all.stream()
                    .filter(request ->
                            !request.remoteAddress().isEmpty() && !LOOPBACK.contains(request.remoteAddress()))
                    .map(request -> request.url() + " from " + request.remoteAddress())
                    .toList();
        }

        List<Request> failed() {
            return all.stream().filter(request -> !request.loaded()).toList();
        }

        void appendTo(Path file) {
            StringBuilder lines = new StringBuilder();
            all.forEach(request -> lines.append(request.status())
                    .append(' ')
                    .append(request.type())
                    .append(' ')
                    .append(request.url())
                    .append(request.remoteAddress().isEmpty() ? "" : " from " + request.remoteAddress())
                    .append(request.failure() == null ? "" : " FAILED " + request.failure())
                    .append('\n'));
            try {
                Files.writeString(
                        file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** What is known of one request so far. */
    private static final class Hop {
        final String url;
        final String type;
        int status;
        String remoteAddress = "";
        String failure;

        Hop(String url, String type) {
            this.url = url;
            this.type = type;
        }

        void answered(JsonNode response) {
            status = response.path("status").asInt(0);
            remoteAddress = response.path("remoteIPAddress").asText("");
        }
    }

    /** The requests since the last read, in the order they were sent. */
    static Requests read(WebDriver browser, String base) {
        Map<String, Hop> byId = new HashMap<>();
        List<Hop> order = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message;
            try {
                message = JSON.readTree(entry.getMessage()).path("message");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            JsonNode params = message.path("params");
            String id = params.path("requestId").asText();
            Hop hop = byId.get(id);
            switch (message.path("method").asText()) {
                case "Network.requestWillBeSent" -> {
                    // a redirect sends the same request id again, with the previous hop's response
                    if (hop != null && params.has("redirectResponse")) {
                        hop.answered(params.path("redirectResponse"));
                    }
                    Hop next = new Hop(
                            params.path("request").path("url").asText(),
                            params.path("type").asText("Other"));
                    byId.put(id, next);
                    order.add(next);
                }
                case "Network.responseReceived" -> {
                    if (hop != null) {
                        hop.answered(params.path("response"));
                    }
                }
                case "Network.loadingFailed" -> {
                    boolean blocked = params.has("blockedReason");
                    // a load the page itself ended (a navigation replacing it) is not a failure to load
                    if (hop != null && (blocked || !params.path("canceled").asBoolean())) {
                        hop.failure = params.path("errorText").asText()
                                + (blocked ? " (" + params.path("blockedReason").asText() + ")" : "");
                    }
                }
                default -> {}
            }
        }
        return new Requests(
                base,
                order.stream()
                        .map(hop -> new Request(hop.url, hop.type, hop.status, hop.remoteAddress, hop.failure))
                        .toList());
    }
}
