package dev.papers.sink;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papers.common.Json;
import dev.papers.common.Paper;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The internal listener: the endpoints the sinks of one application call on each other ({@code /internal/...}),
 * bound apart from the public listener so that a client of the public port never reaches them, and with its own
 * threads, so that public requests waiting for peers can never starve the peers' answers. Kafka Streams advertises
 * this listener ({@code application.server}), which is how the instances find each other. Bodies are bounded
 * ({@link #MAX_BODY_BYTES}); errors go through {@link HttpErrors}.
 */
public final class InternalApi extends Listener {
    /** The largest body a peer sends: a page request (query limits included) or up to 500 paper ids. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    public InternalApi() {
        super(MAX_BODY_BYTES, c -> {});
        install();
    }

    public void attach(QueryService query) {
        attachQuery(query);
    }

    @Override
    protected void routes() {
        app.get("/internal/paper", ctx -> {
            String id = required(ctx, "id");
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
            String p = q().local().paperJson(id, partition, "true".equals(ctx.queryParam("stale")));
            if (p == null) throw ApiException.notFound("no paper " + id);
            ctx.contentType("application/json").result(p);
        });
        app.get("/internal/similar", ctx -> {
            String id = required(ctx, "id");
            HttpErrors.json(ctx, q().localSimilar(ctx.queryParams("tag"), id, HttpApi.limit(ctx, QueryService.DEFAULT_LIMIT)));
        });
        app.get("/internal/tag-counts", ctx -> HttpErrors.json(ctx, q().local().tagCounts()));
        app.get("/internal/stats", ctx -> HttpErrors.json(ctx, q().local().stats()));
        app.get("/internal/trends", ctx -> HttpErrors.json(ctx,
                q().localTrends(Trends.By.parse(ctx.queryParam("by")), HttpApi.checkedTags(ctx.queryParams("tag")))));
        app.post("/internal/page", ctx -> {
            Paging.PageRequest req;
            try {
                req = Json.MAPPER.readValue(BodyLimit.body(ctx, MAX_BODY_BYTES), Paging.PageRequest.class);
            } catch (IOException | RuntimeException e) {
                if (e instanceof ApiException a) throw a;
                throw ApiException.badParam("body", "not a page request");
            }
            if (req == null) throw ApiException.badParam("body", "not a page request");
            HttpErrors.json(ctx, q().localPage(req));
        });
        app.post("/internal/papers", ctx -> {
            JsonNode body;
            try {
                body = Json.MAPPER.readTree(BodyLimit.body(ctx, MAX_BODY_BYTES));
            } catch (IOException e) {
                throw ApiException.badParam("body", "not JSON");
            }
            if (body == null || !body.path("ids").isArray()) throw ApiException.badParam("ids", "required: an array of paper ids");
            if (body.get("ids").size() > QueryService.MAX_LIMIT) throw ApiException.badParam("ids", "at most " + QueryService.MAX_LIMIT);
            List<String> ids = new ArrayList<>();
            for (JsonNode n : body.get("ids")) ids.add(n.asText());
            HttpErrors.json(ctx, q().localPapers(ids));
        });
    }

    private static String required(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) throw ApiException.badParam(name, "required");
        return v;
    }
}
