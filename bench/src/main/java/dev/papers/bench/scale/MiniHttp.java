package dev.papers.bench.scale;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal blocking HTTP/1.1 client over one keep-alive connection (GET only, Content-Length and chunked
 * bodies). One per load thread: no selector thread or connection pool between the measurement and the socket,
 * which keeps the client's own cost small on a 2-core machine shared with the server.
 */
public final class MiniHttp implements Closeable {
    /** Status and body of one answer. */
    public record Response(int status, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String host;
    private final int port;
    private final int timeoutMs;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public MiniHttp(String host, int port, int timeoutMs) {
        this.host = host;
        this.port = port;
        this.timeoutMs = timeoutMs;
    }

    public static MiniHttp of(String baseUrl, int timeoutMs) {
        URI u = URI.create(baseUrl);
        return new MiniHttp(u.getHost(), u.getPort() < 0 ? 80 : u.getPort(), timeoutMs);
    }

    /** GET {@code pathAndQuery}; reconnects once if the kept-alive connection was closed by the server. */
    public Response get(String pathAndQuery) throws IOException {
        boolean reused = socket != null;
        try {
            return exchange(pathAndQuery);
        } catch (IOException e) {
            close();
            if (!reused) throw e;
            return exchange(pathAndQuery);
        }
    }

    private Response exchange(String path) throws IOException {
        if (socket == null) connect();
        String req = "GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAccept: application/json\r\n\r\n";
        out.write(req.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String status = line();
        if (status == null) throw new IOException("connection closed before the status line");
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) throw new IOException("bad status line: " + status);
        int code = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        boolean close = parts[0].equals("HTTP/1.0");
        String h;
        while ((h = line()) != null && !h.isEmpty()) {
            int c = h.indexOf(':');
            if (c < 0) continue;
            String name = h.substring(0, c).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(c + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close") || (close && !value.equalsIgnoreCase("keep-alive"));
                default -> { }
            }
        }
        if (h == null) throw new IOException("connection closed in the headers");
        byte[] body;
        if (chunked) body = chunkedBody();
        else if (length >= 0) body = in.readNBytes((int) length);
        else {
            body = in.readAllBytes();
            close = true;
        }
        if (close) close();
        return new Response(code, body);
    }

    private byte[] chunkedBody() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            if (size == null) throw new IOException("connection closed in a chunked body");
            int semi = size.indexOf(';');
            int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                String t;
                while ((t = line()) != null && !t.isEmpty()) { /* trailers */ }
                return b.toByteArray();
            }
            b.write(in.readNBytes(n));
            line();
        }
    }

    private String line() throws IOException {
        StringBuilder s = new StringBuilder(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int l = s.length();
                if (l > 0 && s.charAt(l - 1) == '\r') s.setLength(l - 1);
                return s.toString();
            }
            s.append((char) c);
        }
        return s.length() == 0 ? null : s.toString();
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(timeoutMs);
        s.connect(new InetSocketAddress(host, port), timeoutMs);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
        out = s.getOutputStream();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
