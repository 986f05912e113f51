package dev.hoshi.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local runner's own JVM (it holds the embedded store) has its options in one file, which the runner and the
 * end-to-end benchmark both use, so the benchmark measures the store as the runner runs it.
 */
class LauncherOptionsTest {

    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void theRunnerAndTheBenchmarkStartJavaWithTheSameArgumentFile() throws Exception {
        String argument = "@infra/local/launcher.jvmoptions";
        assertThat(LocalStack.LAUNCHER_OPTIONS).isEqualTo(argument.substring(1));

        assertThat(Files.readString(REPOSITORY.resolve("infra/start.sh")))
                .contains("exec java " + argument + " -jar infra/local/target/hoshi-local.jar");
        // e2e.sh names the module's directory through $module (infra/local)
        assertThat(Files.readString(REPOSITORY.resolve("infra/bench/e2e.sh")))
                .contains("module=infra/local")
                .contains("exec java @\"$module/launcher.jvmoptions\" -cp");
    }

    @Test
    void javaAcceptsTheArgumentFile() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "@" + LocalStack.LAUNCHER_OPTIONS, "-version")
                .directory(REPOSITORY.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(LocalStack.missingOptions(REPOSITORY.resolve(LocalStack.LAUNCHER_OPTIONS), List.of()))
                .as("the options in the file")
                .isNotEmpty()
                .allMatch(option -> option.startsWith("-"));
    }

    @Test
    void theStartLineNamesTheOptionsThisJvmLacks() throws Exception {
        Path file = dir.resolve("launcher.jvmoptions");
        Files.writeString(
                file,
                """
                # why the collector
                -XX:+UseParallelGC

                # two on one line
                -Xms64m  -Xmx1g
                """);

        assertThat(LocalStack.missingOptions(file, List.of("-XX:+UseParallelGC", "-Xms64m", "-Xmx1g")))
                .isEmpty();
        assertThat(LocalStack.missingOptions(file, List.of("-Xmx1g", "-Dfile.encoding=UTF-8")))
                .containsExactly("-XX:+UseParallelGC", "-Xms64m");
    }
}
