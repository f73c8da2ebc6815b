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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * The whole-document forms of a listing: the saved HTML page of {@code huggingface.co/papers} (its list is the JSON in
 * the {@code data-props} attribute of the element with {@code data-target="DailyPapers"}; without it, the visible
 * text is read as a Markdown capture) and the JSON of {@code api/daily_papers} (an array of items
 * {@code {title, publishedAt, numComments, paper: {id, title, summary, authors: [{name}], upvotes, publishedAt}}}).
 */
final class PageDocuments {
    private PageDocuments() {}

    record Parsed(List<Entry> entries, List<Problem> problems) {}

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter SHOWN_DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);
    private static final Pattern PAGE_URL_DATE = Pattern.compile("/papers/date/(\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern HREF_PAPER = Pattern.compile(
            "^(?:https?://(?:www\\.)?huggingface\\.co)?/papers/" + ListingParser.ARXIV + "/?(?:[?#].*)?$");

    // ------------------------------------------------------------------ HTML

    static Parsed html(String source, String doc) {
        Document d = Jsoup.parse(doc);
        List<Problem> problems = new ArrayList<>();
        String pageDate = pageDate(d);
        Element list = d.selectFirst("[data-target=DailyPapers][data-props]");
        if (list != null) {
            Parsed p = json(source, list.attr("data-props"), pageDate);
            if (!p.entries().isEmpty()) return p;
            problems.addAll(p.problems());
        }
        String text = visibleText(d);
        ListingParser.Result r = ListingParser.parseAll(source, text, ListingParser.Format.MARKDOWN);
        String why = list == null ? "HTML page without the DailyPapers list (data-props)" : "HTML page whose DailyPapers list is unusable";
        problems.add(new Problem(0, why + (r.entries().isEmpty() ? "; no entries in its visible text either"
                : "; " + r.entries().size() + " entries read from its visible text"), null));
        for (Problem p : r.problems()) {
            if (p.reason().equals("no entries found") || p.reason().equals("empty page")) continue;
            problems.add(new Problem(0, "visible text line " + p.line() + ": " + p.reason(), p.sample()));
        }
        List<Entry> es = new ArrayList<>();
        for (Entry e : r.entries()) {
            es.add(pageDate != null && e.pageDate() == null ? withPageDate(e, pageDate) : e);
        }
        return new Parsed(es, problems);
    }

    private static Entry withPageDate(Entry e, String pageDate) {
        return new Entry(e.source(), e.id(), e.title(), e.abstractText(), e.authors(), e.organization(), e.publishedText(),
                e.published(), e.upvotes(), pageDate, e.arxivId(), e.authorNames(), e.comments());
    }

    /** "Mar 16" from a canonical/og URL {@code /papers/date/2025-03-16}, else null. */
    private static String pageDate(Document d) {
        for (Element e : d.select("link[rel=canonical], meta[property=og:url]")) {
            String u = e.hasAttr("href") ? e.attr("href") : e.attr("content");
            Matcher m = PAGE_URL_DATE.matcher(u);
            if (m.find()) return shownDay(m.group(1));
        }
        return null;
    }

    private static String shownDay(String iso) {
        try {
            return LocalDate.parse(iso).format(SHOWN_DAY);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The visible text as a simple Markdown capture: headings as {@code ###}, paper links in headings kept as
     * {@code [t](url)}, one line per block; scripts, styles and navigation dropped.
     */
    static String visibleText(Document d) {
        d.select("script, style, noscript, template, svg, head, nav, footer, header, [hidden], [aria-hidden=true]").remove();
        // A link around an image (organisation chip, thumbnail) becomes one Markdown line the text machine knows.
        for (Element a : d.select("a:has(img)")) {
            if (!a.parents().select("h1, h2, h3, h4, h5, h6").isEmpty()) continue;
            Element img = a.selectFirst("img");
            String href = a.attr("href");
            if (href.startsWith("/")) href = "https://huggingface.co" + href;
            String md = "[![" + img.attr("alt").replaceAll("[\\[\\]]", "") + "](" + img.attr("src").replaceAll("[\\s()]", "")
                    + ")" + a.text().replace("[", "").replace("]", "") + "](" + href.replaceAll("[\\s()]", "") + ")";
            Element line = new Element("div");
            line.appendChild(new TextNode(md));
            a.replaceWith(line);
        }
        StringBuilder sb = new StringBuilder();
        Element body = d.body();
        if (body == null) return "";
        body.traverse(new NodeVisitor() {
            int inHeading;

            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    String s = t.text().replaceAll("\\s+", " ");
                    if (s.startsWith("[![")) {
                        sb.append(s);
                        return;
                    }
                    if (!s.isBlank()) {
                        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n' && sb.charAt(sb.length() - 1) != ' '
                                && sb.charAt(sb.length() - 1) != '[' && !s.startsWith(" ")) sb.append(' ');
                        s = s.replace("\\", "\\\\");
                        sb.append(inHeading > 0 ? s.replace("[", "\\[").replace("]", "\\]") : s);
                    }
                } else if (node instanceof Element e) {
                    String tag = e.normalName();
                    if (tag.matches("h[1-6]")) {
                        newline(sb);
                        sb.append("#".repeat(tag.charAt(1) - '0')).append(' ');
                        inHeading++;
                    } else if (tag.equals("a") && inHeading > 0 && HREF_PAPER.matcher(e.attr("href")).matches()) {
                        sb.append('[');
                    } else if (tag.equals("br") || block(tag)) {
                        newline(sb);
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e) {
                    String tag = e.normalName();
                    if (tag.matches("h[1-6]")) {
                        inHeading--;
                        newline(sb);
                    } else if (tag.equals("a") && inHeading > 0 && HREF_PAPER.matcher(e.attr("href")).matches()) {
                        String href = e.attr("href");
                        if (href.startsWith("/")) href = "https://huggingface.co" + href;
                        while (sb.length() > 0 && sb.charAt(sb.length() - 1) == ' ') sb.setLength(sb.length() - 1);
                        sb.append("](").append(href).append(')');
                    } else if (block(tag)) {
                        newline(sb);
                    }
                }
            }
        });
        return sb.toString();
    }

    private static boolean block(String tag) {
        return switch (tag) {
            case "p", "div", "li", "ul", "ol", "article", "section", "main", "aside", "tr", "table", "blockquote",
                 "pre", "dl", "dt", "dd", "form", "figure", "figcaption", "hr", "time" -> true;
            default -> false;
        };
    }

    private static void newline(StringBuilder sb) {
        while (sb.length() > 0 && sb.charAt(sb.length() - 1) == ' ') sb.setLength(sb.length() - 1);
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') sb.append('\n');
    }

    // ------------------------------------------------------------------ JSON

    /**
     * An {@code api/daily_papers} array, or an object holding it ({@code dailyPapers}, {@code papers}, or the first
     * array of objects). Items are read one by one, so a document cut short keeps every item before the cut.
     */
    static Parsed json(String source, String doc, String pageDate) {
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
                return new Parsed(out, problems);
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
        return new Parsed(out, problems);
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
        return ListingParser.cutAtWord(s, max);
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
}
