package dev.hoshi.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The image recipe (infra/deploy/images): build.sh's table of runnables and the Dockerfile they all use.
 *
 * @param image the image's name without registry or tag
 * @param jar the runnable jar, relative to the repository root
 * @param ports the ports the image exposes (the runnable's own first)
 */
record ImageRecipe(String image, String jar, List<Integer> ports) {

    static final String DOCKERFILE = "infra/deploy/images/Dockerfile";
    static final String BUILD_SCRIPT = "infra/deploy/images/build.sh";
    private static final Pattern ROW = Pattern.compile("^\\s*\"(hoshi-\\S+)\\s+(\\S+\\.jar)\\s+([0-9,]+)\"\\s*$");

    /** The rows of build.sh's RUNNABLES table, in order. */
    static List<ImageRecipe> all() {
        List<ImageRecipe> rows = Repository.read(BUILD_SCRIPT)
                .lines()
                .map(ROW::matcher)
                .filter(Matcher::matches)
                .map(m -> new ImageRecipe(
                        m.group(1),
                        m.group(2),
                        Arrays.stream(m.group(3).split(","))
                                .map(Integer::valueOf)
                                .toList()))
                .toList();
        if (rows.isEmpty()) {
            throw new IllegalStateException(BUILD_SCRIPT + " has no RUNNABLES rows");
        }
        return rows;
    }

    static ImageRecipe of(String runnable) {
        return all().stream()
                .filter(r -> r.image().equals("hoshi-" + runnable))
                .findFirst()
                .orElseThrow(() -> new AssertionError(BUILD_SCRIPT + " builds no image for " + runnable));
    }

    /** The jar, which the reactor built before these tests (this module depends on every runnable). */
    Path jarFile() {
        Path path = Repository.root().resolve(jar);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(
                    path + " is missing: build it first (./mvnw -o -B package -DskipTests" + " -pl infra/deploy -am)");
        }
        return path;
    }

    /** Runs the jar's Spring Boot tools mode ({@code java -Djarmode=tools -jar <jar> <arguments>}); its output. */
    String tools(Path workingDirectory, String... arguments) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(
                List.of(java, "-Djarmode=tools", "-jar", jarFile().toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The layer directories the Dockerfile copies into the image, in order. */
    static List<String> dockerfileLayers() {
        Matcher m = Pattern.compile("COPY --from=layers /build/extracted/([a-z-]+)/ \\./")
                .matcher(Repository.read(DOCKERFILE));
        List<String> layers = new java.util.ArrayList<>();
        while (m.find()) {
            layers.add(m.group(1));
        }
        return layers;
    }

    /** The value of a Dockerfile instruction in the final stage (the last one in the file). */
    static String dockerfileInstruction(String instruction) {
        return Repository.read(DOCKERFILE)
                .lines()
                .filter(l -> l.startsWith(instruction + " "))
                .reduce((first, last) -> last)
                .map(l -> l.substring(instruction.length() + 1).trim())
                .orElseThrow(() -> new AssertionError(DOCKERFILE + " has no " + instruction));
    }
}
