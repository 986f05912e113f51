package dev.hoshi.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server time per web page on this machine: signs in as the demo personas (a session cookie, as a browser does), asks
 * for each page {@code --rounds} times after {@code --warmup} rounds, one request at a time, and prints per page the
 * median, p95 and max of the time from sending the request to the last byte of the HTML. The pages call the services
 * through the gateway's public GraphQL routes, so this is the whole path a page takes. {@code infra/bench/pages.sh}
 * runs it: against {@code --gateway=http://127.0.0.1:8080} (a seeded system already running), or it starts the
 * system with the demo data itself in a temporary directory.
 */
public final class PageTimeBenchmark {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** A page: who asks for it, and its path. */
    record Page(String persona, String path) {}

    static final List<Page> PAGES = List.of(
            new Page(null, "/signin"),
            new Page("sato", "/app"),
            new Page("sato", "/app/orgs/sato-seisakusho"),
            new Page("sato", "/app/orgs/sato-seisakusho/controls"),
            new Page("sato", "/app/orgs/sato-seisakusho/controls?status=NOT_STARTED"),
            new Page("sato", "/app/orgs/sato-seisakusho/timeline"),
            new Page("sato", "/app/orgs/sato-seisakusho/access-log"),
            new Page("sato", "/app/orgs/sato-seisakusho/consent"),
            new Page("sato", "/app/orgs/sato-seisakusho/people"),
            new Page("sato", "/app/orgs/someone-else"),
            new Page("tanaka", "/app/association/" + DemoData.ASSOCIATION),
            new Page("tanaka", "/app/association/" + DemoData.ASSOCIATION + "/members"),
            new Page("bank", "/app/attestation?q=sato-seisakusho"),
            new Page(null, "/compliance/graphiql"));

    private final HttpClient http = fresh();
    private final String base;

    PageTimeBenchmark(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> given = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("Options look like --rounds=50; got " + arg);
            }
            given.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        int rounds = Integer.parseInt(given.getOrDefault("rounds", "50"));
        int warmup = Integer.parseInt(given.getOrDefault("warmup", "10"));
        String gateway = given.getOrDefault("gateway", "");
        if (gateway.isBlank()) {
            Path data = Files.createTempDirectory("hoshi-pages-");
            LocalStack.Config config = LocalStackFixture.config(data);
            try (LocalStack stack = LocalStackFixture.startSeeded(
                    config, new DemoData(config.gatewayUrl()), LocalStackFixture.NO_RATE_LIMIT)) {
                new PageTimeBenchmark(config.gatewayUrl()).run(rounds, warmup);
            }
        } else {
            new PageTimeBenchmark(gateway).run(rounds, warmup);
        }
    }

    void run(int rounds, int warmup) throws IOException, InterruptedException {
        Map<String, String> sessions = new LinkedHashMap<>();
        for (Page page : PAGES) {
            if (page.persona() != null && !sessions.containsKey(page.persona())) {
                sessions.put(page.persona(), signIn(page.persona()));
            }
        }
        System.out.printf(
                "Page time on %s (%d cores): %d rounds after %d warm-up, one request at a time%n",
                base, Runtime.getRuntime().availableProcessors(), rounds, warmup);
        System.out.printf("  %-58s %6s %9s %9s %9s%n", "page (persona)", "status", "median", "p95", "max");
        for (Page page : PAGES) {
            String session = page.persona() == null ? null : sessions.get(page.persona());
            int status = 0;
            for (int i = 0; i < warmup; i++) {
                status = get(page.path(), session).statusCode();
            }
            long[] nanos = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                long started = System.nanoTime();
                HttpResponse<byte[]> response = get(page.path(), session);
                nanos[i] = System.nanoTime() - started;
                status = response.statusCode();
            }
            Arrays.sort(nanos);
            System.out.printf(
                    "  %-58s %6d %6.1f ms %6.1f ms %6.1f ms%n",
                    page.path() + (page.persona() == null ? "" : " (" + page.persona() + ")"),
                    status,
                    EndToEndBenchmark.percentile(nanos, 50),
                    EndToEndBenchmark.percentile(nanos, 95),
                    EndToEndBenchmark.percentile(nanos, 100));
        }
    }

    /** Signs in as a demo persona the way a browser does: the sign-in page's cookie and CSRF token, then the form. */
    private String signIn(String persona) throws IOException, InterruptedException {
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create(base + "/signin")).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = cookie(page);
        Matcher csrf = CSRF.matcher(page.body());
        if (!csrf.find()) {
            throw new IllegalStateException("No CSRF token on " + base + "/signin: is demo mode on?");
        }
        HttpResponse<String> signedIn = http.send(
                HttpRequest.newBuilder(URI.create(base + "/signin"))
                        .header("Cookie", "HOSHI_SESSION=" + cookie)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("persona=" + persona + "&_csrf=" + csrf.group(1)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 303 && signedIn.statusCode() != 302) {
            throw new IllegalStateException("Signing in as " + persona + " answered " + signedIn.statusCode());
        }
        return cookie(signedIn);
    }

    private static String cookie(HttpResponse<?> response) {
        List<String> found = new ArrayList<>();
        response.headers().allValues("Set-Cookie").forEach(header -> {
            if (header.startsWith("HOSHI_SESSION=")) {
                found.add(header.substring("HOSHI_SESSION=".length(), header.indexOf(';')));
            }
        });
        if (found.isEmpty()) {
            throw new IllegalStateException("No session cookie from " + response.uri());
        }
        return found.get(found.size() - 1);
    }

    /** A client of its own for each page request: a new connection each time, as after a browser's idle pause. */
    private static HttpClient fresh() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    private HttpResponse<byte[]> get(String path, String session) throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (session != null) {
            request.header("Cookie", "HOSHI_SESSION=" + session);
        }
        HttpResponse<byte[]> response = fresh().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 300 && response.statusCode() != 404) {
            throw new IllegalStateException(path + " answered " + response.statusCode()
                    + (response.statusCode() == 429
                            ? " (rate limited: start the system with the HOSHI_GATEWAY_RATELIMIT_* settings of"
                                    + " LocalStackFixture.NO_RATE_LIMIT, or leave out --gateway)"
                            : " (session ended?)"));
        }
        return response;
    }
}
