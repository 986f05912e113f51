package dev.hoshi.gateway.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One kept-alive HTTP/1.1 connection, request after request, as a browser or a pooling client uses it (no client
 * library that might open a second connection when one stalls). Answers must carry Content-Length.
 */
public final class OneConnection implements AutoCloseable {

    private final Socket socket;

    private OneConnection(Socket socket) {
        this.socket = socket;
    }

    /** Connects to 127.0.0.1; a read waiting longer than {@code patience} throws SocketTimeoutException. */
    public static OneConnection to(int port, Duration patience) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) patience.toMillis());
        return new OneConnection(socket);
    }

    /** Sends a GET of {@code path} and returns its answer's body. */
    public String get(String path) throws IOException {
        socket.getOutputStream()
                .write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        String head = readHead(in);
        int length = head.lines()
                .filter(line -> line.toLowerCase().startsWith("content-length:"))
                .mapToInt(line ->
                        Integer.parseInt(line.substring(line.indexOf(':') + 1).trim()))
                .findFirst()
                .orElseThrow(() -> new IOException("no Content-Length in " + head));
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] end = {'\r', '\n', '\r', '\n'};
        int matched = 0;
        while (matched < end.length) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed after " + head);
            }
            head.write(next);
            matched = next == end[matched] ? matched + 1 : (next == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
