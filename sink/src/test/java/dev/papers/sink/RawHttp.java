package dev.papers.sink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Requests java.net.http will not send: a chunked body without Content-Length, left open after its first chunk. */
final class RawHttp {
    private RawHttp() {}

    /** Status line and body of the answer. */
    record Answer(int status, String body) {}

    /**
     * Sends {@code method path} with a chunked body made of {@code chunks}; unless {@code finish}, the final empty chunk
     * is never sent, so an answer proves the server did not wait for (or read) the whole body.
     */
    static Answer chunked(String base, String method, String path, boolean finish, byte[]... chunks) throws IOException {
        URI u = URI.create(base);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(u.getHost(), u.getPort()), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + u.getHost() + ":" + u.getPort()
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (byte[] c : chunks) {
                out.write((Integer.toHexString(c.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(c);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            if (finish) out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return read(s.getInputStream());
        }
    }

    /** Reads one answer: status line, headers, then a Content-Length body (Jetty sends one for these JSON errors). */
    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new IOException("connection closed before the end of the headers: " + head);
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(headers.substring(9, 12));
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
        }
        return new Answer(status, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }
}
