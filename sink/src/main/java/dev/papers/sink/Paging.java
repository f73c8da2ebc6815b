package dev.papers.sink;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.papers.common.Json;
import dev.papers.common.Paper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;

/**
 * Keyset paging over the stores, without holding the matching papers in memory.
 *
 * <p>Every sort is a total order: the sort key (upvotes, published date, lower-cased title or {@link Rising}) in the requested
 * direction, then the paper id ascending. A cursor is the position of the last paper of a page — sort, direction,
 * that paper's sort key and id — so the next page is "the first {@code limit} papers strictly after it". Each
 * instance streams over its local store (or over the ids the tag index selected), counts the matches and keeps only
 * a bounded top-N heap of the {@code limit} best papers after the cursor ({@link TopN}); the instance answering the
 * request merges those per-instance heaps (at most instances × limit papers) and keeps the best {@code limit}.
 * The papers store is keyed by a hash of the title, so no key order matches a sort; a full local scan is needed
 * anyway to report {@code total}, and it runs in O(limit) memory for every sort. Unlike offsets, a cursor does not
 * shift when papers arrive between two requests: a new paper shows up only if it sorts after the cursor. A paper
 * whose sort key changes meanwhile (upvotes rising, a date filled in) can move across the cursor and be skipped or
 * seen twice; an unchanged catalogue is walked exactly once.
 */
public final class Paging {
    private static final int VERSION = 1;

    private Paging() {}

    /** The position after which a page starts: a sort key ({@code Long} for upvotes and rising, else {@code String}) and an id. */
    public record Cursor(QueryService.Sort sort, boolean asc, Comparable<?> key, String id) {}

    /** What a local page call needs (the body of {@code /internal/page}): papers with all {@code tags} and words of {@code q}. */
    /** @param fields the {@code fields=} projection of the items, null for whole papers */
    public record PageRequest(List<String> tags, String q, QueryService.Sort sort, boolean asc, String cursor, int limit,
                              List<String> fields) {
        public PageRequest(List<String> tags, String q, QueryService.Sort sort, boolean asc, String cursor, int limit) {
            this(tags, q, sort, asc, cursor, limit, null);
        }
    }

    /**
     * One paper of a page: its sort key ({@code Long} for upvotes, else {@code String}) and id, which are all the
     * merging and the cursor need, and its JSON as the papers topic holds it, which goes into the answer as it is
     * (decoding and re-encoding each paper was most of a list request's cost).
     */
    public record Item(Object key, String id,
                       @JsonRawValue @JsonDeserialize(using = RawJson.class) String paper) {
        public Item {
            if (key instanceof Number n) key = n.longValue(); // JSON gives Integer for small numbers
        }
    }

    /** Reads a JSON value as its text (the other side of {@link JsonRawValue}). */
    static final class RawJson extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            return p.readValueAsTree().toString();
        }
    }

    /** One instance's answer: its best {@code limit} papers after the cursor, all its matches, its matches after the cursor (up to limit + 1). */
    public record LocalPage(List<Item> items, long total, long remaining) {}

    /** The order of {@link #order} on items. */
    public static Comparator<Item> itemOrder(boolean asc) {
        return (a, b) -> compare((Comparable<?>) a.key(), a.id(), (Comparable<?>) b.key(), b.id(), asc);
    }

    /** Whether the item comes strictly after the cursor. */
    public static boolean after(Item i, Cursor c) {
        return c == null || compare((Comparable<?>) i.key(), i.id(), c.key(), c.id(), c.asc()) > 0;
    }

    public static Cursor cursorAt(Item last, QueryService.Sort sort, boolean asc) {
        return new Cursor(sort, asc, (Comparable<?>) last.key(), last.id());
    }

    /**
     * Title sort keys are cut to this many chars: the search index keeps sort keys as doc values (at most 32 KiB),
     * and the cut must be the same everywhere the order is computed.
     */
    static final int TITLE_KEY_CHARS = 1000;

    /** The sort key of a paper: never null. */
    public static Comparable<?> key(Paper p, QueryService.Sort sort) {
        return switch (sort) {
            case UPVOTES -> p.upvotes() == null ? Long.valueOf(Integer.MIN_VALUE) : Long.valueOf(p.upvotes());
            case PUBLISHED -> nz(p.published());
            case TITLE -> titleKey(p.title());
            case RISING -> Rising.milliPerDay(p.history());
        };
    }

    private static String titleKey(String title) {
        String t = nz(title).toLowerCase(Locale.ROOT);
        if (t.length() <= TITLE_KEY_CHARS) return t;
        int end = Character.isHighSurrogate(t.charAt(TITLE_KEY_CHARS - 1)) ? TITLE_KEY_CHARS - 1 : TITLE_KEY_CHARS;
        return t.substring(0, end);
    }

    public static Comparator<Paper> order(QueryService.Sort sort, boolean asc) {
        return (a, b) -> compare(key(a, sort), a.id(), key(b, sort), b.id(), asc);
    }

    /** Whether {@code p} comes strictly after the cursor in the cursor's order (a null cursor: everything does). */
    public static boolean after(Paper p, Cursor c) {
        return c == null || compare(key(p, c.sort()), p.id(), c.key(), c.id(), c.asc()) > 0;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Comparable<?> ka, String ia, Comparable<?> kb, String ib, boolean asc) {
        int c = ka instanceof String sa && kb instanceof String sb ? byCodePoint(sa, sb) : ((Comparable) ka).compareTo(kb);
        if (!asc) c = -c;
        return c != 0 ? c : byCodePoint(nz(ia), nz(ib));
    }

    /**
     * Strings in code point order, which is the UTF-8 byte order the search index sorts by ({@link String#compareTo}
     * compares UTF-16 units and puts U+E000..U+FFFF after the supplementary characters).
     */
    static int byCodePoint(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i), y = b.charAt(i);
            if (x == y) continue;
            if (Character.isSurrogate(x) != Character.isSurrogate(y)) return Character.isSurrogate(x) ? 1 : -1;
            return x - y;
        }
        return a.length() - b.length();
    }

    public static Cursor cursorAt(Paper last, QueryService.Sort sort, boolean asc) {
        return new Cursor(sort, asc, key(last, sort), last.id());
    }

    public static String encode(Cursor c) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("v", VERSION);
        n.put("s", c.sort().name().toLowerCase(Locale.ROOT));
        n.put("o", c.asc() ? "asc" : "desc");
        if (c.key() instanceof Long l) n.put("k", l);
        else n.put("k", (String) c.key());
        n.put("i", c.id());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(n).getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor for a request with this sort and order; anything else is a 400 naming {@code cursor}. */
    public static Cursor decode(String cursor, QueryService.Sort sort, boolean asc) {
        if (cursor == null || cursor.isEmpty()) return null;
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | IOException e) {
            throw ApiException.badParam("cursor", "not a cursor returned by this API");
        }
        if (n == null || !n.isObject() || n.path("v").asInt() != VERSION || !n.path("i").isTextual()) {
            throw ApiException.badParam("cursor", "not a cursor returned by this API");
        }
        String s = sort.name().toLowerCase(Locale.ROOT);
        String o = asc ? "asc" : "desc";
        if (!s.equals(n.path("s").asText()) || !o.equals(n.path("o").asText())) {
            throw ApiException.badParam("cursor", "was issued for sort=" + n.path("s").asText() + "&order="
                    + n.path("o").asText() + ", not sort=" + s + "&order=" + o);
        }
        JsonNode k = n.path("k");
        Comparable<?> key;
        if (sort == QueryService.Sort.UPVOTES || sort == QueryService.Sort.RISING) {
            if (!k.isIntegralNumber() || !k.canConvertToLong()) throw ApiException.badParam("cursor", "bad sort key");
            key = k.asLong();
        } else {
            if (!k.isTextual()) throw ApiException.badParam("cursor", "bad sort key");
            key = k.asText();
        }
        return new Cursor(sort, asc, key, n.path("i").asText());
    }

    /**
     * Keeps the best {@code limit} items offered (in {@code order}) in a heap whose head is the worst kept one:
     * memory stays O(limit) however many items stream through.
     */
    public static final class TopN<T> {
        private final int limit;
        private final Comparator<T> order;
        private final Function<T, String> id;
        private final PriorityQueue<T> heap;
        private final Set<String> ids = new HashSet<>();

        public TopN(int limit, Comparator<T> order, Function<T, String> id) {
            this.limit = limit;
            this.order = order;
            this.id = id;
            this.heap = new PriorityQueue<>(Math.min(limit, 64) + 1, order.reversed());
        }

        /** Offers an item; a second item with an id already kept is ignored. */
        public void offer(T p) {
            String key = id.apply(p);
            if (ids.contains(key)) return;
            if (heap.size() < limit) {
                heap.add(p);
                ids.add(key);
            } else if (order.compare(p, heap.peek()) < 0) {
                ids.remove(id.apply(heap.poll()));
                heap.add(p);
                ids.add(key);
            }
        }

        /** The kept items, best first. */
        public List<T> sorted() {
            List<T> out = new ArrayList<>(heap);
            out.sort(order);
            return out;
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
