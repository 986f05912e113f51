package dev.hoshi.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoshi.store.EmbeddedStore;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local runner is for one machine: it listens on loopback only, and demo mode stays off real databases. */
class LocalStackTest {

    @TempDir
    Path data;

    @Test
    void demoModeAgainstAnExternalMongoDbIsRefusedUnlessAllowedExplicitly() {
        LocalStack.Config external = config(Optional.of("mongodb://db.example.com:27017/?replicaSet=rs0"), false);

        assertThatThrownBy(() -> LocalStack.start(external, line -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MONGODB_URI is set")
                .hasMessageContaining("demo mode")
                .hasMessageContaining("HOSHI_ALLOW_DEMO_ON_EXTERNAL_MONGODB=true");
        assertThatCode(() -> LocalStack.checkDemoAllowed(config(Optional.of("mongodb://db.example.com"), true)))
                .doesNotThrowAnyException();
        assertThatCode(() -> LocalStack.checkDemoAllowed(config(Optional.empty(), false)))
                .doesNotThrowAnyException();
    }

    @Test
    void everyChildProcessIsToldToListenOnLoopbackOnly() {
        LocalStack stack = LocalStack.create(config(Optional.empty(), false));

        for (String name : List.of("directory", "compliance", "insights", "gateway")) {
            assertThat(stack.childEnvironment(name, 18080, "mongodb://127.0.0.1:27017"))
                    .as(name)
                    .containsEntry("SERVER_ADDRESS", "127.0.0.1");
        }
    }

    @Test
    void theEmbeddedStoreCannotBeReachedFromAnotherInterface() throws Exception {
        try (EmbeddedStore store = EmbeddedStore.start(data, 0)) {
            try (Socket loopback = new Socket()) {
                loopback.connect(new InetSocketAddress("127.0.0.1", store.port()), 2000);
            }
            Optional<InetAddress> other = nonLoopbackAddress();
            System.out.println("[local] non-loopback address tried: " + other.map(InetAddress::getHostAddress));
            if (other.isPresent()) {
                assertThatThrownBy(() -> {
                            try (Socket socket = new Socket()) {
                                socket.connect(new InetSocketAddress(other.get(), store.port()), 2000);
                            }
                        })
                        .isInstanceOf(IOException.class);
            }
        }
    }

    static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }

    private LocalStack.Config config(Optional<String> mongoUri, boolean demoOnExternalStore) {
        return new LocalStack.Config(
                Path.of("../..").toAbsolutePath().normalize(),
                data,
                mongoUri,
                0,
                0,
                0,
                0,
                0,
                Duration.ofSeconds(5),
                demoOnExternalStore);
    }
}
