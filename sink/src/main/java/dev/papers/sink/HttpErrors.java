package dev.papers.sink;

import dev.papers.common.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become HTTP statuses, installed on both listeners: {@link ApiException} carries its
 * own status (its factories are the error table), a store that is not queryable is a 503, Javalin's own errors keep
 * theirs, anything else is a 500 logged with its stack trace. Every error is JSON {@code {error}}, a 503 has
 * {@code Retry-After}.
 */
final class HttpErrors {
    private static final Logger log = LoggerFactory.getLogger(HttpErrors.class);
    private static final String HANDLED = "sink.errorHandled";

    private HttpErrors() {}

    static void install(Javalin app) {
        app.exception(Exception.class, (e, ctx) -> {
            int status = status(e);
            if (status == 500) log.warn("request {} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, status, message(e));
        });
        app.error(404, ctx -> {
            if (ctx.attribute(HANDLED) == null) json(ctx, Map.of("error", "no such resource " + ctx.path()));
        });
        app.error(405, ctx -> {
            if (ctx.attribute(HANDLED) == null) json(ctx, Map.of("error", "method not allowed"));
        });
    }

    static int status(Throwable e) {
        if (e instanceof ApiException a) return a.status();
        if (e instanceof InvalidStateStoreException) return 503;
        if (e instanceof HttpResponseException h) return h.getStatus();
        return 500;
    }

    private static String message(Exception e) {
        int status = status(e);
        if (e instanceof InvalidStateStoreException) return "not ready: " + e.getMessage();
        if (status == 500) return "internal error: " + e.getClass().getSimpleName();
        return e.getMessage();
    }

    private static void error(Context ctx, int status, String message) {
        ctx.attribute(HANDLED, Boolean.TRUE);
        ctx.status(status);
        if (status == 503) ctx.header("Retry-After", "1");
        if (status == 413) ctx.header("Connection", "close"); // the rest of the body is not read
        json(ctx, Map.of("error", message == null ? "error" : message));
    }

    static void json(Context ctx, Object value) {
        ctx.contentType("application/json").result(Json.write(value));
    }
}
