package dev.papers.sink;

import dev.papers.common.Json;
import dev.papers.common.Paper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The catalogue for other tools: Atom/RSS feeds of a query ({@code /feed.atom}, {@code /feed.rss}), the whole result of
 * a query as NDJSON ({@code /papers.ndjson}, streamed page by page: memory stays bounded whatever it matches) and a
 * paper's BibTeX ({@code /papers/{id}.bib}). Filters: {@code tag} (several: all of them), {@code q}, {@code min-upvotes},
 * {@code since} (an ISO day; the publication date, else the day first seen). A feed holds the newest
 * {@link #FEED_ENTRIES} matches among the first {@link #FEED_SCAN_PAGES} pages of {@link QueryService#MAX_LIMIT}.
 */
final class Exports {
    /** Entries in a feed: the newest ones. */
    static final int FEED_ENTRIES = 50;
    /** A feed reads at most this many pages of {@link QueryService#MAX_LIMIT} papers looking for matches. */
    static final int FEED_SCAN_PAGES = 20;

    record Filter(List<String> tags, String q, Integer minUpvotes, LocalDate since) {
        static Filter of(Context ctx) {
            List<String> tags = HttpApi.checkedTags(ctx.queryParams("tag"));
            String q = ctx.queryParam("q");
            QueryLimits.check(null, q, null);
            String m = ctx.queryParam("min-upvotes");
            Integer min = m == null || m.isBlank() ? null : HttpApi.intParam(ctx, "min-upvotes", 0, 0, Integer.MAX_VALUE);
            LocalDate since = null;
            String s = ctx.queryParam("since");
            if (s != null && !s.isBlank()) {
                try {
                    since = LocalDate.parse(s.trim());
                } catch (DateTimeParseException e) {
                    throw ApiException.badParam("since", "an ISO day such as 2025-03-01, got " + s);
                }
            }
            return new Filter(tags, q, min, since);
        }

        boolean accepts(Paper p) {
            if (minUpvotes != null && (p.upvotes() == null || p.upvotes() < minUpvotes)) return false;
            return since == null || !day(p).isBefore(since);
        }
    }

    private Exports() {}

    /** The publication day when known, else the day the catalogue first saw the paper (the feed's date, as a day). */
    static LocalDate day(Paper p) {
        LocalDate published = PaperFeed.published(p);
        return published != null ? published : LocalDate.ofInstant(Instant.ofEpochMilli(p.firstSeen()), ZoneOffset.UTC);
    }

    static void feed(Context ctx, QueryService q, PaperFeed.Type type) {
        Filter f = Filter.of(ctx);
        // The newest FEED_ENTRIES by the feed's own date (publication, else first seen: undated papers sort last in the
        // index), kept in a bounded heap while at most FEED_SCAN_PAGES pages are read.
        Comparator<Paper> newest = Comparator.comparing(PaperFeed::date).thenComparing(Paper::id);
        PriorityQueue<Paper> keep = new PriorityQueue<>(newest);
        String cursor = null;
        for (int page = 0; page < FEED_SCAN_PAGES; page++) {
            QueryService.Page p = q.list(f.tags(), f.q(), QueryService.Sort.PUBLISHED, false, QueryService.MAX_LIMIT, cursor);
            for (Paging.Item i : p.items()) {
                Paper paper = Json.read(i.paper(), Paper.class);
                if (!f.accepts(paper)) continue;
                keep.add(paper);
                if (keep.size() > FEED_ENTRIES) keep.poll();
            }
            cursor = p.nextCursor();
            if (cursor == null) break;
        }
        List<Paper> out = new ArrayList<>(keep);
        out.sort(newest.reversed());
        String base = ctx.scheme() + "://" + ctx.host();
        String self = ctx.fullUrl();
        String title = "Hugging Face papers" + (f.tags().isEmpty() ? "" : ": " + String.join(" + ", f.tags()))
                + (f.q() == null || f.q().isBlank() ? "" : " matching \"" + f.q() + "\"");
        ctx.contentType(type.contentType + "; charset=utf-8").result(PaperFeed.write(type, title, self, base, out));
    }

    /** Every match, one JSON paper per line, in title order; written page by page as it is read. */
    static void ndjson(Context ctx, QueryService q) throws IOException {
        Filter f = Filter.of(ctx);
        QueryService.Page p = q.list(f.tags(), f.q(), QueryService.Sort.TITLE, true, QueryService.MAX_LIMIT, null);
        ctx.contentType("application/x-ndjson; charset=utf-8");
        OutputStream out = ctx.outputStream();
        while (true) {
            for (Paging.Item i : p.items()) {
                if (f.minUpvotes() != null || f.since() != null) {
                    if (!f.accepts(Json.read(i.paper(), Paper.class))) continue;
                }
                out.write(i.paper().getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
            if (p.nextCursor() == null) break;
            p = q.list(f.tags(), f.q(), QueryService.Sort.TITLE, true, QueryService.MAX_LIMIT, p.nextCursor());
        }
        out.flush();
    }

    static void bib(Context ctx, Paper p) {
        ctx.contentType("application/x-bibtex; charset=utf-8").result(BibTex.of(p));
    }
}
