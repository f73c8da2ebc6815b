package dev.papers.sink;

import com.fasterxml.jackson.databind.util.RawValue;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The public listener, a thin Javalin layer: parameter parsing, limits and JSON writing. Every endpoint is a GET: a
 * request body over {@link #MAX_BODY_BYTES} is a 413 (see {@link BodyLimit}); errors go through {@link HttpErrors}.
 * The endpoints the sinks call on each other are on another listener ({@link InternalApi}), not here.
 */
public final class HttpApi extends Listener {
    /** No endpoint here reads a body: a small one is ignored, a larger one refused. */
    static final int MAX_BODY_BYTES = 1024;

    /** What the health endpoints report. */
    public interface Health {
        /** False once the process cannot recover by itself (Kafka Streams in ERROR, or stopped without a close). */
        boolean live();

        /** True when queries can be answered: Kafka Streams RUNNING with live threads, stores and index ready. */
        boolean ready();

        /** The Kafka Streams state, for the answer. */
        String state();
    }

    private static final Health STARTING = new Health() {
        @Override public boolean live() { return true; }
        @Override public boolean ready() { return false; }
        @Override public String state() { return "STARTING"; }
    };

    private final PrometheusMeterRegistry registry;
    private final String indexHtml;
    private volatile Health health = STARTING;

    public HttpApi(PrometheusMeterRegistry registry) {
        super(MAX_BODY_BYTES, c -> c.requestLogger.http((ctx, ms) -> record(registry, ctx, ms)));
        this.registry = registry;
        this.indexHtml = loadIndex();
        install();
    }

    /** Makes the query side available once Kafka Streams is built. */
    public void attach(QueryService query, Health health) {
        attachQuery(query);
        this.health = health;
    }

    @Override
    protected void routes() {
        app.get("/", ctx -> ctx.html(indexHtml));
        app.get("/health/live", ctx -> {
            Health h = health;
            boolean ok = h.live();
            ctx.status(ok ? 200 : 503);
            json(ctx, Map.of("status", ok ? "UP" : "DOWN", "streams", h.state()));
        });
        app.get("/health/ready", ctx -> {
            Health h = health;
            boolean ok = h.ready();
            ctx.status(ok ? 200 : 503);
            if (!ok) ctx.header("Retry-After", "1");
            json(ctx, Map.of("status", ok ? "READY" : "NOT_READY", "streams", h.state()));
        });
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));

        app.get("/papers", ctx -> json(ctx, list(ctx, ctx.queryParams("tag"))));
        app.get("/papers.ndjson", ctx -> Exports.ndjson(ctx, q()));
        app.get("/papers/{id}", ctx -> {
            String id = ctx.pathParam("id");
            if (id.endsWith(".bib")) Exports.bib(ctx, q().paper(id.substring(0, id.length() - 4)));
            else ctx.contentType("application/json").result(q().paperJson(id));
        });
        app.get("/feed.atom", ctx -> Exports.feed(ctx, q(), PaperFeed.Type.ATOM));
        app.get("/feed.rss", ctx -> Exports.feed(ctx, q(), PaperFeed.Type.RSS));
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
        app.get("/trends", ctx -> {
            Trends.By by = Trends.By.parse(ctx.queryParam("by"));
            List<String> tags = checkedTags(ctx.queryParams("tag"));
            int top = intParam(ctx, "top", Trends.DEFAULT_TOP, 1, Trends.MAX_TOP);
            json(ctx, q().trends(by, tags, top));
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
                case "rising" -> QueryService.Sort.RISING;
                default -> throw ApiException.badParam("sort", "one of upvotes, published, title, rising");
            };
        }
        String order = ctx.queryParam("order");
        boolean asc;
        if (order == null || order.isEmpty()) asc = sort == QueryService.Sort.TITLE;
        else if (order.equalsIgnoreCase("asc")) asc = true;
        else if (order.equalsIgnoreCase("desc")) asc = false;
        else throw ApiException.badParam("order", "asc or desc");
        checkedTags(tags);
        String text = ctx.queryParam("q"), cursor = ctx.queryParam("cursor");
        QueryLimits.check(null, text, cursor);
        Projection fields = Projection.parse(ctx.queryParams("fields"));
        QueryService.Page page = q().list(tags, text, sort, asc, limit, cursor, fields);
        Map<String, Object> out = new LinkedHashMap<>();
        // the stored JSON of each paper (only the asked fields of it), spliced in as it is
        out.put("items", page.items().stream().map(i -> new RawValue(i.paper())).toList());
        out.put("total", page.total());
        out.put("nextCursor", page.nextCursor());
        return out;
    }

    static int limit(Context ctx, int dflt) {
        return intParam(ctx, "limit", dflt, 1, QueryService.MAX_LIMIT);
    }

    static int intParam(Context ctx, String name, int dflt, int min, int max) {
        String s = ctx.queryParam(name);
        if (s == null || s.isEmpty()) return dflt;
        int n;
        try {
            n = Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badParam(name, "not an integer: " + s);
        }
        if (n < min || n > max) throw ApiException.badParam(name, "must be between " + min + " and " + max);
        return n;
    }

    /** Tags of a request (list filters, trend series): none empty, within {@link QueryLimits}. */
    static List<String> checkedTags(List<String> tags) {
        for (String t : tags) if (t == null || t.isBlank()) throw ApiException.badParam("tag", "must not be empty");
        QueryLimits.check(tags, null, null);
        return tags;
    }

    private static void json(Context ctx, Object value) {
        HttpErrors.json(ctx, value);
    }

    private static void record(PrometheusMeterRegistry registry, Context ctx, float ms) {
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
