package dev.hoshi.local;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code infra/start.sh} runs this: Hoshi on this machine with demo data. Prints the URLs once everything is healthy
 * and stops everything on Ctrl-C.
 */
public final class HoshiLocal {

    private HoshiLocal() {}

    public static void main(String[] args) throws Exception {
        LocalStack.Config config = LocalStack.Config.fromEnvironment(Path.of("").toAbsolutePath());
        LocalStack.Progress progress = line -> System.out.println("  " + line);
        System.out.println("Starting Hoshi (store, directory, compliance, insights, gateway); logs in "
                + config.dataDir().resolve("logs"));
        LocalStack stack = LocalStack.create(config)
                .withMailCatcher(port("HOSHI_SMTP_PORT", 2525), port("HOSHI_MAILS_PORT", 8025));
        CountDownLatch stopped = new CountDownLatch(1);
        // registered before anything starts, so Ctrl-C during start-up stops what has started too
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("\nStopping Hoshi…");
                            stack.close();
                            System.out.println("Stopped. Data kept in " + config.dataDir());
                            stopped.countDown();
                        },
                        "hoshi-local-stop"));
        try {
            stack.startAll(progress);
        } catch (IllegalStateException e) {
            System.err.println("Hoshi did not start: " + e.getMessage());
            System.exit(1);
            return;
        }

        DemoData demo = new DemoData(config.gatewayUrl());
        if (demo.isSeeded()) {
            progress.say("Demo data is already there (reusing " + config.dataDir() + ")");
        } else {
            demo.seed(progress);
        }
        System.out.println(urls(config, stack.mailPageUrl().orElseThrow()));
        stopped.await();
    }

    private static int port(String variable, int fallback) {
        return Integer.parseInt(System.getenv().getOrDefault(variable, String.valueOf(fallback)));
    }

    static String urls(LocalStack.Config c, String mails) {
        String g = c.gatewayUrl();
        return """

                Hoshi is running. Open %1$s/ in a browser (sign in as a demo persona).
                  Web dashboards   %1$s/
                  Gateway (API)    %1$s
                  Demo personas    %1$s/demo/personas
                  Mails sent       %5$s (demo: reminders stop here, nothing is delivered)
                  GraphiQL         %1$s/directory/graphiql
                                   %1$s/compliance/graphiql
                                   %1$s/insights/graphiql
                  Health           %1$s/actuator/health
                                   http://127.0.0.1:%2$d/actuator/health (directory)
                                   http://127.0.0.1:%3$d/actuator/health (compliance)
                                   http://127.0.0.1:%4$d/actuator/health (insights)

                Try it:
                  TOKEN=$(curl -s -X POST %1$s/demo/token -H 'Content-Type: application/json' \\
                          -d '{"persona":"sato"}' | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
                  curl -s %1$s/compliance/graphql -H "Authorization: Bearer $TOKEN" \\
                       -H 'X-Hoshi-Organization: sato-seisakusho' -H 'Content-Type: application/json' \\
                       -d '{"query":"{ organizationStatus { name level } }"}'

                Press Ctrl-C to stop.
                """
                .formatted(g, c.directoryPort(), c.compliancePort(), c.insightsPort(), mails);
    }
}
