package dev.papers.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.papers.common.Json;
import dev.papers.common.Paper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Thin Javalin layer: parameter parsing, JSON writing and the one error table. */
public final class HttpApi {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);

    private final Javalin app;
    private final PrometheusMeterRegistry registry;
    private final String indexHtml;
    private volatile QueryService query;
    private volatile BooleanSupplier ready = () -> false;

    public HttpApi(PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.indexHtml = loadIndex();
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.requestLogger.http((ctx, ms) -> record(ctx, ms));
        });
        routes();
    }

    /** Binds the HTTP port (0 = any free port) and returns the actual port. */
    public int start(String host, int port) {
        app.start(host, port);
        return app.port();
    }

    /** Makes the query side available once Kafka Streams is built. */
    public void attach(QueryService query, BooleanSupplier ready) {
        this.query = query;
        this.ready = ready;
    }

    public void stop() {
        app.stop();
    }

    private QueryService q() {
        QueryService s = query;
        if (s == null) throw ApiException.notReady("starting");
        return s;
    }

    private void routes() {
        app.get("/", ctx -> ctx.html(indexHtml));
        app.get("/health/live", ctx -> json(ctx, Map.of("status", "UP")));
        app.get("/health/ready", ctx -> {
            boolean ok = ready.getAsBoolean();
            ctx.status(ok ? 200 : 503);
            if (!ok) ctx.header("Retry-After", "1");
            json(ctx, Map.of("status", ok ? "READY" : "NOT_READY"));
        });
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));

        app.get("/papers", ctx -> json(ctx, list(ctx, ctx.queryParams("tag"))));
        app.get("/papers/{id}", ctx -> json(ctx, q().paper(ctx.pathParam("id"))));
        app.get("/papers/{id}/similar", ctx -> {
            int limit = limit(ctx, 10);
            json(ctx, Map.of("items", q().similar(ctx.pathParam("id"), limit)));
        });
        app.get("/tags", ctx -> {
            String kw = ctx.queryParam("kw");
            if (kw != null && !kw.equals("true") && !kw.equals("false")) throw ApiException.badParam("kw", "true or false");
            json(ctx, q().tags("true".equals(kw)));
        });
        app.get("/tags/{tag}", ctx -> json(ctx, list(ctx, List.of(ctx.pathParam("tag")))));
        app.get("/stats", ctx -> json(ctx, q().stats()));

        // local-only endpoints called by peers
        app.get("/internal/paper", ctx -> {
            String id = ctx.queryParam("id");
            if (id == null || id.isEmpty()) throw ApiException.badParam("id", "required");
            Integer partition = null;
            String ps = ctx.queryParam("partition");
            if (ps != null) {
                try {
                    partition = Integer.parseInt(ps);
                } catch (NumberFormatException e) {
                    throw ApiException.badParam("partition", "not an integer: " + ps);
                }
                if (partition < 0) throw ApiException.badParam("partition", "must not be negative");
            }
            Paper p = q().local().paper(id, partition, "true".equals(ctx.queryParam("stale")));
            if (p == null) throw ApiException.notFound("no paper " + id);
            json(ctx, p);
        });
        app.get("/internal/similar", ctx -> {
            String id = ctx.queryParam("id");
            if (id == null || id.isEmpty()) throw ApiException.badParam("id", "required");
            json(ctx, q().localSimilar(ctx.queryParams("tag"), id, limit(ctx, QueryService.DEFAULT_LIMIT)));
        });
        app.get("/internal/tag-counts", ctx -> json(ctx, q().local().tagCounts()));
        app.get("/internal/stats", ctx -> json(ctx, q().local().stats()));
        app.post("/internal/page", ctx -> {
            Paging.PageRequest req;
            try {
                req = Json.MAPPER.readValue(ctx.body(), Paging.PageRequest.class);
            } catch (IOException | RuntimeException e) {
                throw ApiException.badParam("body", "not a page request");
            }
            if (req == null) throw ApiException.badParam("body", "not a page request");
            json(ctx, q().localPage(req));
        });
        app.post("/internal/papers", ctx -> {
            JsonNode body;
            try {
                body = Json.MAPPER.readTree(ctx.body());
            } catch (IOException e) {
                throw ApiException.badParam("body", "not JSON");
            }
            if (body == null || !body.path("ids").isArray()) throw ApiException.badParam("ids", "required: an array of paper ids");
            List<String> ids = new ArrayList<>();
            for (JsonNode n : body.get("ids")) ids.add(n.asText());
            json(ctx, q().localPapers(ids));
        });

        app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        app.exception(InvalidStateStoreException.class, (e, ctx) -> error(ctx, 503, "not ready: " + e.getMessage()));
        app.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            log.warn("request {} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error: " + e.getClass().getSimpleName());
        });
        app.error(404, ctx -> {
            if (ctx.attribute(HANDLED) == null) json(ctx, Map.of("error", "no such resource " + ctx.path()));
        });
        app.error(405, ctx -> {
            if (ctx.attribute(HANDLED) == null) json(ctx, Map.of("error", "method not allowed"));
        });
    }

    private Map<String, Object> list(Context ctx, List<String> tags) {
        int limit = limit(ctx, QueryService.DEFAULT_LIMIT);
        String sortParam = ctx.queryParam("sort");
        QueryService.Sort sort;
        if (sortParam == null || sortParam.isEmpty()) sort = QueryService.Sort.UPVOTES;
        else {
            sort = switch (sortParam.toLowerCase(Locale.ROOT)) {
                case "upvotes" -> QueryService.Sort.UPVOTES;
                case "published" -> QueryService.Sort.PUBLISHED;
                case "title" -> QueryService.Sort.TITLE;
                default -> throw ApiException.badParam("sort", "one of upvotes, published, title");
            };
        }
        String order = ctx.queryParam("order");
        boolean asc;
        if (order == null || order.isEmpty()) asc = sort == QueryService.Sort.TITLE;
        else if (order.equalsIgnoreCase("asc")) asc = true;
        else if (order.equalsIgnoreCase("desc")) asc = false;
        else throw ApiException.badParam("order", "asc or desc");
        for (String t : tags) if (t == null || t.isBlank()) throw ApiException.badParam("tag", "must not be empty");
        QueryService.Page page = q().list(tags, ctx.queryParam("q"), sort, asc, limit, ctx.queryParam("cursor"));
        Map<String, Object> out = new LinkedHashMap<>();
        // the stored JSON of each paper, spliced in as it is
        out.put("items", page.items().stream().map(i -> new RawValue(i.paper())).toList());
        out.put("total", page.total());
        out.put("nextCursor", page.nextCursor());
        return out;
    }

    private static int limit(Context ctx, int dflt) {
        String s = ctx.queryParam("limit");
        if (s == null || s.isEmpty()) return dflt;
        int n;
        try {
            n = Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badParam("limit", "not an integer: " + s);
        }
        if (n < 1 || n > QueryService.MAX_LIMIT) {
            throw ApiException.badParam("limit", "must be between 1 and " + QueryService.MAX_LIMIT);
        }
        return n;
    }

    private static void json(Context ctx, Object value) {
        ctx.contentType("application/json").result(Json.write(value));
    }

    private static final String HANDLED = "sink.errorHandled";

    private static void error(Context ctx, int status, String message) {
        ctx.attribute(HANDLED, Boolean.TRUE);
        ctx.status(status);
        if (status == 503) ctx.header("Retry-After", "1");
        json(ctx, Map.of("error", message == null ? "error" : message));
    }

    private void record(Context ctx, float ms) {
        String route;
        try {
            route = ctx.endpointHandlerPath();
        } catch (RuntimeException e) {
            route = "unmatched";
        }
        if (route == null || route.isEmpty()) route = "unmatched";
        String method = ctx.method().name();
        String status = Integer.toString(ctx.statusCode());
        Counter.builder("sink_http_requests").description("HTTP requests")
                .tags("method", method, "route", route, "status", status).register(registry).increment();
        Timer.builder("sink_http_request_duration").description("HTTP request latency")
                .tags("method", method, "route", route, "status", status).register(registry)
                .record((long) (ms * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    private static String loadIndex() {
        try (InputStream in = HttpApi.class.getResourceAsStream("/web/index.html")) {
            if (in == null) return "<!doctype html><title>papers</title><p>index.html missing</p>";
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
