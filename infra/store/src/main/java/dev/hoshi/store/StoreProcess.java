package dev.hoshi.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The embedded store in a child JVM of its own ({@link EmbeddedStore#main}), for tests that kill it as a crash would:
 * {@link #kill()} sends SIGKILL, so no shutdown hook runs and nothing is flushed; {@link #start()} opens the same
 * file on the same port again. The child's classpath is this JVM's.
 */
public final class StoreProcess implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private Process process;

    private StoreProcess(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** A store for {@code dataDir} on a free port of 127.0.0.1, not started yet. */
    public static StoreProcess onFreePort(Path dataDir) throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return new StoreProcess(dataDir, socket.getLocalPort());
        }
    }

    /** Starts the child JVM and waits until it listens (at most {@code within}); its output goes to store.log. */
    public synchronized StoreProcess start(Duration within) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("The store process is running already.");
        }
        Files.createDirectories(dataDir);
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(
                        java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), EmbeddedStore.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dataDir.resolve("store.log").toFile()));
        builder.environment().put("HOSHI_STORE_PORT", String.valueOf(port));
        builder.environment().put("HOSHI_DATA_DIR", dataDir.toString());
        process = builder.start();
        Instant deadline = Instant.now().plus(within);
        while (!listening()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The store process stopped while starting (exit code "
                        + process.exitValue() + "); see " + dataDir.resolve("store.log"));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The store process did not listen within " + within);
            }
            Thread.sleep(50);
        }
        return this;
    }

    /** SIGKILL, then waits until the process is gone. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The store process did not die within 30 s of SIGKILL");
            }
        }
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    private boolean listening() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the child as Ctrl-C would (its shutdown hook closes the file), forcibly after 20 s. */
    @Override
    public synchronized void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
