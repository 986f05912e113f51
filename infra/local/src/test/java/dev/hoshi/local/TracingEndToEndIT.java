package dev.hoshi.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One trace through the real system: the real jars as separate JVMs (as {@code infra/start.sh} runs them), configured
 * only by environment variables to export their spans over OTLP/HTTP to a collector in this test. A mutation sent to
 * the gateway yields one trace id from the gateway's span through the service's request and its command handler to
 * the event handlers, in the service that handled the command and in another service reading the same event.
 */
class TracingEndToEndIT {

    @TempDir
    static Path data;

    static final List<Span> SPANS = new CopyOnWriteArrayList<>();
    static HttpServer collector;
    static LocalStack stack;
    static DemoData demo;

    @BeforeAll
    static void start() throws Exception {
        collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            try (exchange) {
                String type = exchange.getRequestHeaders().getFirst("Content-Type");
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (!"application/x-protobuf".equals(type)) {
                    exchange.sendResponseHeaders(415, -1);
                    return;
                }
                SPANS.addAll(Otlp.spans(body));
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
            }
        });
        collector.start();

        LocalStack.Config config = LocalStackFixture.config(data);
        demo = new DemoData(config.gatewayUrl());
        stack = LocalStack.create(config)
                .withEnvironment(
                        "MANAGEMENT_OTLP_TRACING_ENDPOINT",
                        "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces")
                .withEnvironment("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "1.0")
                .withEnvironment("MANAGEMENT_TRACING_OPENTELEMETRY_EXPORT_SCHEDULE_DELAY", "500ms");
        stack.startAll(line -> System.out.println("[local] " + line));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (collector != null) {
            collector.stop(0);
        }
    }

    @Test
    void oneTraceIdSpansTheGatewayTheServiceTheCommandHandlerAndTheEventHandlers() throws Exception {
        demo.graphql(
                "directory",
                demo.token("operator"),
                null,
                "mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) {"
                        + " organization { id } errors { code } } }",
                Map.of("input", Map.of("id", "traced-kobayashi", "name", "小林工業株式会社", "owner", "demo-suzuki")));

        // the command's span names the trace; the other services' event handlers export theirs on their own schedule
        Span command = awaitSpan(s -> s.name().equals("command RegisterOrganizationCommand"));
        Span inDirectory = awaitSpan(s -> s.traceId().equals(command.traceId())
                && s.name().equals("event OrganizationRegisteredEvent")
                && s.service().equals("directory"));
        Span inCompliance = awaitSpan(s -> s.traceId().equals(command.traceId())
                && s.name().equals("event OrganizationRegisteredEvent")
                && s.service().equals("compliance"));

        // each JVM exports a span when it ends: the service's request span ends after its event handler's may have
        // gone out, so wait until the directory's chain reaches a span without a parent (or give up and report)
        Map<String, Span> trace = awaitTrace(command.traceId(), inDirectory);
        String all = trace.values().stream()
                .map(s -> s.service() + ":" + s.name() + " " + s.spanId() + "<-" + s.parentSpanId())
                .collect(Collectors.joining("; "));
        System.out.println("[trace] " + all);

        List<Span> fromDirectoryEvent = ancestry(inDirectory, trace);
        assertThat(fromDirectoryEvent)
                .as("from directory's event handler up to the trace's root: %s", all)
                .extracting(s -> s.service() + ":" + s.name())
                .contains("directory:command RegisterOrganizationCommand");
        Span root = fromDirectoryEvent.get(fromDirectoryEvent.size() - 1);
        assertThat(root.parentSpanId())
                .as("the chain reaches the root: %s", all)
                .isEmpty();
        assertThat(root.service())
                .as("the trace starts in the gateway: %s", all)
                .isEqualTo("gateway");
        assertThat(fromDirectoryEvent)
                .as("the service's request span lies between the gateway and the command: %s", all)
                .anyMatch(s -> s.service().equals("directory") && s.name().startsWith("http post"));
        assertThat(ancestry(inCompliance, trace))
                .as("compliance's event handler, in another JVM, descends from the same command: %s", all)
                .extracting(Span::spanId)
                .contains(command.spanId(), root.spanId());
    }

    /** The spans of one trace by id, once the chain from {@code leaf} reaches a root, or as they stand after 60 s. */
    private static Map<String, Span> awaitTrace(String traceId, Span leaf) throws InterruptedException {
        return poll(
                () -> SPANS.stream()
                        .filter(s -> s.traceId().equals(traceId))
                        .collect(Collectors.toMap(Span::spanId, Function.identity(), (a, b) -> a)),
                trace -> {
                    List<Span> chain = ancestry(leaf, trace);
                    return chain.get(chain.size() - 1).parentSpanId().isEmpty();
                });
    }

    /** The span and its parents, up to the first one whose parent is not in the trace (the root, if complete). */
    private static List<Span> ancestry(Span span, Map<String, Span> trace) {
        List<Span> chain = new ArrayList<>();
        for (Span s = span; s != null && chain.size() < 50; s = trace.get(s.parentSpanId())) {
            chain.add(s);
        }
        return chain;
    }

    private static Span awaitSpan(Predicate<Span> wanted) throws InterruptedException {
        return poll(() -> SPANS.stream().filter(wanted).findFirst(), Optional::isPresent)
                .orElseThrow(() -> new AssertionError("No such span exported within 60 s; exported: "
                        + SPANS.stream()
                                .map(s -> s.service() + ":" + s.name())
                                .distinct()
                                .toList()));
    }

    /** Reads the collector's spans every 100 ms until {@code done} holds, for at most 60 s; the last reading. */
    private static <T> T poll(Supplier<T> read, Predicate<T> done) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        T reading = read.get();
        while (!done.test(reading) && Instant.now().isBefore(until)) {
            Thread.sleep(100); // polling the collector's list, not waiting for a time to pass
            reading = read.get();
        }
        return reading;
    }

    /** One exported span: its ids in hex ({@code parentSpanId} empty for a root) and its service's name. */
    record Span(String traceId, String spanId, String parentSpanId, String name, String service) {}

    /**
     * Just enough of the protobuf wire format to read an OTLP {@code ExportTraceServiceRequest}: resource spans (1)
     * → resource (1) → attributes (1: key 1, value 2 → string 1) and scope spans (2) → spans (2) → trace id (1),
     * span id (2), parent span id (4), name (5).
     */
    static final class Otlp {

        static List<Span> spans(byte[] request) {
            List<Span> spans = new ArrayList<>();
            for (ByteBuffer resourceSpans : fields(ByteBuffer.wrap(request), 1)) {
                String service = "";
                for (ByteBuffer resource : fields(resourceSpans.duplicate(), 1)) {
                    for (ByteBuffer attribute : fields(resource, 1)) {
                        if (string(fields(attribute.duplicate(), 1)).equals("service.name")) {
                            service = string(fields(first(fields(attribute, 2)), 1));
                        }
                    }
                }
                for (ByteBuffer scopeSpans : fields(resourceSpans, 2)) {
                    for (ByteBuffer span : fields(scopeSpans, 2)) {
                        spans.add(new Span(
                                hex(fields(span.duplicate(), 1)),
                                hex(fields(span.duplicate(), 2)),
                                hex(fields(span.duplicate(), 4)),
                                string(fields(span, 5)),
                                service));
                    }
                }
            }
            return spans;
        }

        /** The length-delimited fields numbered {@code number} in a message, skipping every other field. */
        private static List<ByteBuffer> fields(ByteBuffer message, int number) {
            ByteBuffer in = message.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            List<ByteBuffer> found = new ArrayList<>();
            while (in.hasRemaining()) {
                long key = varint(in);
                int type = (int) (key & 7);
                switch (type) {
                    case 0 -> varint(in);
                    case 1 -> in.position(in.position() + 8);
                    case 5 -> in.position(in.position() + 4);
                    case 2 -> {
                        int length = (int) varint(in);
                        ByteBuffer value = in.slice(in.position(), length);
                        in.position(in.position() + length);
                        if (key >>> 3 == number) {
                            found.add(value);
                        }
                    }
                    default -> throw new UncheckedIOException(new IOException("wire type " + type));
                }
            }
            return found;
        }

        private static long varint(ByteBuffer in) {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = in.get();
                value |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return value;
                }
            }
        }

        private static ByteBuffer first(List<ByteBuffer> values) {
            return values.isEmpty() ? ByteBuffer.allocate(0) : values.get(0);
        }

        private static byte[] bytes(List<ByteBuffer> values) {
            ByteBuffer value = first(values).duplicate();
            byte[] bytes = new byte[value.remaining()];
            value.get(bytes);
            return bytes;
        }

        private static String string(List<ByteBuffer> values) {
            return new String(bytes(values), StandardCharsets.UTF_8);
        }

        private static String hex(List<ByteBuffer> values) {
            return HexFormat.of().formatHex(bytes(values));
        }
    }
}
