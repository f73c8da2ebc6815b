package dev.papers.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.papers.common.Entry;
import dev.papers.common.Json;
import dev.papers.common.Reject;
import dev.papers.common.Titles;
import dev.papers.parse.ListingParser.Problem;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON of {@code api/daily_papers}: an array of items {@code {title, publishedAt, numComments, paper: {id, title,
 * summary, authors: [{name}], upvotes, publishedAt}}} (2024 and 2025 schemas), or an object holding it.
 */
final class JsonApiReader {
    private JsonApiReader() {}

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter SHOWN_DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

    /**
     * An {@code api/daily_papers} array, or an object holding it ({@code dailyPapers}, {@code papers}, or the first
     * array of objects). Items are read one by one, so a document cut short keeps every item before the cut.
     */
    static DocumentReaders.Parsed read(String source, String doc, String pageDate) {
        List<Entry> out = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        int[] index = {0};
        int[] usable = {0};
        try (JsonParser p = Json.MAPPER.getFactory().createParser(doc)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                readItems(source, p, pageDate, out, problems, index, usable);
            } else if (t == JsonToken.START_OBJECT) {
                JsonNode root = p.readValueAsTree();
                if (pageDate == null) pageDate = shownDay(root.path("date").asText(""));
                JsonNode arr = itemsOf(root);
                if (arr != null) {
                    for (JsonNode item : arr) {
                        index[0]++;
                        item(source, item, pageDate, 0, index[0], out, problems, usable);
                    }
                }
            } else {
                problems.add(new Problem(0, "JSON document is not a daily papers array or object", null));
                return new DocumentReaders.Parsed(out, problems);
            }
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            problems.add(new Problem(e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "JSON document cut short or malformed" + where + " (" + e.getOriginalMessage()
                            + "); " + out.size() + " items before it kept", null));
        } catch (IOException e) {
            problems.add(new Problem(0, "JSON document unreadable: " + e.getMessage(), null));
        }
        if (usable[0] == 0 && problems.stream().noneMatch(pr -> pr.reason().startsWith("JSON document"))) {
            problems.clear();
            problems.add(new Problem(0, "JSON document without daily papers items (objects with a title)", null));
        }
        return new DocumentReaders.Parsed(out, problems);
    }

    private static void readItems(String source, JsonParser p, String pageDate, List<Entry> out, List<Problem> problems,
                                  int[] index, int[] usable) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != null && t != JsonToken.END_ARRAY) {
            index[0]++;
            long line = p.currentTokenLocation().getLineNr();
            JsonNode item = p.readValueAsTree();
            item(source, item, pageDate, line, index[0], out, problems, usable);
        }
    }

    private static JsonNode itemsOf(JsonNode root) {
        for (String k : List.of("dailyPapers", "papers", "items", "data")) {
            if (root.path(k).isArray()) return root.path(k);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            JsonNode v = it.next().getValue();
            if (v.isArray() && v.size() > 0 && v.get(0).isObject()) return v;
        }
        return null;
    }

    private static void item(String source, JsonNode item, String pageDate, long line, int index, List<Entry> out,
                             List<Problem> problems, int[] usable) {
        if (!item.isObject()) {
            problems.add(new Problem(line, "JSON item #" + index + " is not an object, skipped", Reject.sample(item.toString())));
            return;
        }
        JsonNode paper = item.path("paper");
        String title = text(item, "title");
        if (title == null) title = text(paper, "title");
        title = bounded(title, ListingParser.MAX_TITLE_CHARS, "title", line, index, problems);
        if (title == null || Titles.normalize(title).isEmpty()) {
            problems.add(new Problem(line, "JSON item #" + index + " without a title, skipped", Reject.sample(item.toString())));
            return;
        }
        usable[0]++;
        String summary = text(paper, "summary");
        if (summary == null) summary = text(item, "summary");
        if (summary == null) {
            problems.add(new Problem(line, "JSON item #" + index + " without a summary, skipped", Reject.sample(title)));
            return;
        }
        summary = bounded(summary, ListingParser.MAX_ABSTRACT_CHARS, "summary", line, index, problems);
        String arxiv = text(paper, "id");
        if (arxiv == null && !item.has("paper")) arxiv = text(item, "id"); // a bare paper object
        List<String> names = null;
        JsonNode as = paper.has("authors") ? paper.path("authors") : item.path("authors");
        if (as.isArray()) {
            names = new ArrayList<>();
            for (JsonNode a : as) {
                String n = a.isTextual() ? a.asText() : text(a, "name");
                if (n != null) names.add(n);
            }
        }
        Integer upvotes = integer(paper, "upvotes");
        if (upvotes == null) upvotes = integer(item, "upvotes");
        Integer comments = integer(item, "numComments");
        if (comments == null) comments = integer(paper, "numComments");
        String at = text(paper, "publishedAt");
        if (at == null) at = text(item, "publishedAt");
        String published = null;
        String publishedText = null;
        if (at != null && at.length() >= 10) {
            try {
                LocalDate date = LocalDate.parse(at.substring(0, 10));
                published = date.toString();
                publishedText = date.format(SHOWN);
            } catch (DateTimeParseException e) {
                problems.add(new Problem(line, "JSON item #" + index + ": unreadable publishedAt", Reject.sample(at)));
            }
        }
        String org = organization(item.path("organization"));
        if (org == null) org = organization(paper.path("organization"));
        out.add(new Entry(source, Titles.id(title), title, summary, names == null ? null : names.size(), org,
                publishedText, published, upvotes, pageDate, arxiv, names, comments));
    }

    /** The bounds of the text forms hold here too: a longer title or summary is cut at a word and reported. */
    private static String bounded(String s, int max, String what, long line, int index, List<Problem> problems) {
        if (s == null || s.length() <= max) return s;
        problems.add(new Problem(line, "JSON item #" + index + ": " + what + " longer than " + max + " characters, cut",
                Reject.sample(s)));
        return ListingText.cutAtWord(s, max);
    }

    private static String organization(JsonNode o) {
        if (o.isTextual()) return o.asText().isBlank() ? null : o.asText().strip();
        if (!o.isObject()) return null;
        String name = text(o, "name");
        String full = text(o, "fullname");
        if (name == null) return full;
        return full == null || full.equals(name) ? name : name + " " + full;
    }

    /** A text field with its whitespace runs collapsed (titles and summaries carry arXiv line breaks), or null. */
    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (!v.isTextual() && !v.isNumber()) return null;
        String s = v.asText().replaceAll("\\s+", " ").strip();
        return s.isEmpty() ? null : s;
    }

    private static Integer integer(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.canConvertToInt() && v.isNumber() ? Integer.valueOf(v.asInt()) : null;
    }

    /** "Mar 16" from "2025-03-16", null when it is not a date. */
    static String shownDay(String iso) {
        try {
            return LocalDate.parse(iso).format(SHOWN_DAY);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
