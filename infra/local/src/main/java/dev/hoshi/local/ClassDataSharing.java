package dev.hoshi.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.zip.CRC32;

/**
 * Class-data sharing for the child JVMs, the way Spring Boot recommends running in production: each runnable jar is
 * extracted once (Boot's {@code -Djarmode=tools extract}) and a training run that stops right after the application
 * context is refreshed ({@code -Dspring.context.exit=onRefresh}, before any processor, schedule or port starts) writes
 * the classes it loaded to an archive ({@code -XX:ArchiveClassesAtExit}). Every later start maps that archive instead
 * of loading, parsing and verifying the same classes again: measured here (2 cores), the whole system was up in 20–21 s
 * instead of 35–36 s, and a crashed service restarting under load in 4–15 s instead of 7–26 s.
 *
 * <p>The extracted jar and its archive live beside the built jar ({@code target/cds/<jar>/}) with a stamp of the
 * jar's size and content, of the JVM and of that folder; a jar that changed, another JVM or a moved checkout trains
 * again. A training run that fails costs nothing but its time: that part starts from its jar as before, and the runner
 * says why. {@code HOSHI_CLASS_DATA_SHARING=false} turns the whole thing off.
 */
final class ClassDataSharing {

    /** The environment variable that turns class-data sharing off ({@code false}); on by default. */
    static final String SWITCH = "HOSHI_CLASS_DATA_SHARING";

    private static final long TRAINING_TIMEOUT_SECONDS = 180;

    private final String java;
    private final List<String> jvmOptions;

    ClassDataSharing(String java, List<String> jvmOptions) {
        this.java = java;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    static boolean enabled(Map<String, String> environment) {
        return !"false"
                .equalsIgnoreCase(environment.getOrDefault(SWITCH, "true").trim());
    }

    /**
     * What follows the JVM options to start each jar: {@code -XX:SharedArchiveFile=<archive> -jar <extracted jar>}
     * where an archive is ready or could be trained now, else {@code -jar <jar>}. The training runs (for jars without
     * a current archive) run side by side; {@code environment} gives each its part's settings, since the context
     * must refresh as it will in earnest (its store reachable).
     */
    Map<String, List<String>> prepare(
            Map<String, Path> jars, Function<String, Map<String, String>> environment, LocalStack.Progress progress)
            throws IOException, InterruptedException {
        Map<String, List<String>> launch = new LinkedHashMap<>();
        Map<String, Training> trainings = new LinkedHashMap<>();
        for (Map.Entry<String, Path> entry : jars.entrySet()) {
            String name = entry.getKey();
            Path jar = entry.getValue();
            Path home = home(jar);
            if (stamp(jar).equals(readStamp(home))) {
                launch.put(name, shared(home, jar));
            } else {
                trainings.put(name, train(jar, environment.apply(name)));
            }
        }
        if (!trainings.isEmpty()) {
            progress.say("Preparing class-data sharing for " + String.join(", ", trainings.keySet())
                    + " (once per build; makes every later start faster)");
        }
        for (Map.Entry<String, Training> entry : trainings.entrySet()) {
            String name = entry.getKey();
            Path jar = jars.get(name);
            String failure = entry.getValue().await();
            if (failure == null) {
                launch.put(name, shared(home(jar), jar));
            } else {
                progress.say("Class-data sharing for " + name + " is off this time: " + failure);
                launch.put(name, List.of("-jar", jar.toString()));
            }
        }
        return launch;
    }

    private Training train(Path jar, Map<String, String> environment) throws IOException, InterruptedException {
        // trained where it will be used: the archive records the class path it was made from and is refused for any
        // other; the stamp, written last, is what marks it complete
        Path home = home(jar);
        deleteRecursively(home);
        Files.createDirectories(home);
        Process extract = new ProcessBuilder(
                        java, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", home.toString())
                .redirectErrorStream(true)
                .redirectOutput(
                        home.resolveSibling(home.getFileName() + ".extract.log").toFile())
                .start();
        if (!extract.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS) || extract.exitValue() != 0) {
            extract.destroyForcibly();
            return new Training(jar, null, "extracting " + jar.getFileName() + " failed");
        }
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-XX:ArchiveClassesAtExit=" + home.resolve("app.jsa"));
        command.add("-Dspring.context.exit=onRefresh");
        command.add("-jar");
        command.add(home.resolve(jar.getFileName()).toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("training.log").toFile());
        builder.environment().putAll(environment);
        return new Training(jar, builder.start(), null);
    }

    /** A training run in progress; {@link #await()} gives null once its archive is in place, else what went wrong. */
    private record Training(Path jar, Process process, String failure) {

        String await() throws InterruptedException, IOException {
            if (failure != null) {
                return failure;
            }
            Path home = home(jar);
            if (!process.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "the training run took longer than " + TRAINING_TIMEOUT_SECONDS + " s (log: "
                        + home.resolve("training.log") + ")";
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(home.resolve("app.jsa"))) {
                return "the training run ended with exit code " + process.exitValue() + " and no archive (log: "
                        + home.resolve("training.log") + ")";
            }
            Files.writeString(home.resolve("stamp"), stamp(jar), StandardCharsets.UTF_8);
            return null;
        }
    }

    private static List<String> shared(Path home, Path jar) {
        return List.of(
                "-XX:SharedArchiveFile=" + home.resolve("app.jsa"),
                "-jar",
                home.resolve(jar.getFileName()).toString());
    }

    private static Path home(Path jar) {
        return jar.resolveSibling("cds").resolve(jar.getFileName().toString());
    }

    /**
     * The jar's size and content (CRC-32: every build writes the jar afresh, with the same bytes when nothing changed),
     * this JVM and where the archive lives: an archive only fits the classes, the JVM and the class path it was made
     * from (a moved checkout trains again).
     */
    static String stamp(Path jar) throws IOException {
        return Files.size(jar) + " " + Long.toHexString(crc32(jar)) + " "
                + ProcessHandle.current().info().command().orElse("java") + " "
                + System.getProperty("java.vm.version") + " " + home(jar).toAbsolutePath();
    }

    private static long crc32(Path file) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.getValue();
    }

    private static String readStamp(Path home) throws IOException {
        Path stamp = home.resolve("stamp");
        return Files.isRegularFile(stamp) ? Files.readString(stamp, StandardCharsets.UTF_8) : "";
    }

    /** Deletes a file or a folder with everything in it; nothing when it is not there. */
    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
