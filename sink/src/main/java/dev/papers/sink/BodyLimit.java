package dev.papers.sink;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Bounds request bodies on one listener, with or without a {@code Content-Length}: a declared length over the limit
 * is a 413 before anything is read; a chunked body is read up to one byte past the limit, never further, and is a
 * 413 when it goes past it. Handlers read the (bounded) body through {@link #body}. Javalin 6's own
 * {@code maxRequestSize} only looks at {@code Content-Length}, which a chunked body does not have.
 */
final class BodyLimit {
    private static final String BODY = "sink.body";

    private BodyLimit() {}

    static void install(Javalin app, int maxBytes) {
        app.before(ctx -> {
            long declared = ctx.req().getContentLengthLong();
            if (declared > maxBytes) throw tooLarge(maxBytes);
            if (declared < 0 && ctx.header("Transfer-Encoding") != null) ctx.attribute(BODY, read(ctx, maxBytes));
        });
    }

    /** The request body, at most {@code maxBytes} (a 413 beyond). */
    static byte[] body(Context ctx, int maxBytes) {
        byte[] cached = ctx.attribute(BODY);
        if (cached != null) return cached;
        byte[] b = read(ctx, maxBytes);
        ctx.attribute(BODY, b);
        return b;
    }

    private static byte[] read(Context ctx, int maxBytes) {
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] b = in.readNBytes(maxBytes + 1);
            if (b.length > maxBytes) throw tooLarge(maxBytes);
            return b;
        } catch (IOException e) {
            // A body cut off or not chunked properly: the client's fault, and nothing more to read.
            throw new ApiException(400, "bad request body: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new ApiException(400, "bad request body: " + e.getMessage());
        }
    }

    private static ApiException tooLarge(int maxBytes) {
        return new ApiException(413, "request body over " + maxBytes + " bytes");
    }
}
