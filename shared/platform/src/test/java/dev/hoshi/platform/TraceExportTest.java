package dev.hoshi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Exporting traces is a matter of configuration alone: with the OTLP exporter on every runnable's class path, a
 * finished span is sent to {@code management.otlp.tracing.endpoint} when it is set, and without it there is no
 * exporter at all, so nothing is sent nor tried (a receiver on a free port sees no request).
 */
class TraceExportTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    OpenTelemetryAutoConfiguration.class,
                    OpenTelemetryTracingAutoConfiguration.class,
                    OtlpTracingAutoConfiguration.class,
                    MicrometerTracingAutoConfiguration.class))
            .withPropertyValues("management.tracing.sampling.probability=1.0", "spring.application.name=traced");

    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                            + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body.length);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void withoutAnEndpointNoExporterExistsAndNothingIsSent() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty();
            finishOneSpanAndFlush(context);
            assertThat(received).isEmpty();
        });
    }

    @Test
    void withAnEndpointFinishedSpansArePostedThereAsOtlpProtobuf() {
        runner.withPropertyValues("management.otlp.tracing.endpoint=http://127.0.0.1:"
                        + receiver.getAddress().getPort() + "/v1/traces")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeansOfType(SpanExporter.class)).hasSize(1);
                    finishOneSpanAndFlush(context);
                    assertThat(received).hasSize(1);
                    assertThat(received.get(0)).startsWith("POST /v1/traces application/x-protobuf ");
                });
    }

    private static void finishOneSpanAndFlush(AssertableApplicationContext context) {
        Tracer tracer = context.getBean(Tracer.class);
        tracer.nextSpan().name("one").start().end();
        // the batch processor's flush returns once the exporter has had its answer (or the span was dropped)
        assertThat(context.getBean(SdkTracerProvider.class)
                        .forceFlush()
                        .join(10, TimeUnit.SECONDS)
                        .isSuccess())
                .isTrue();
    }
}
