package dev.papers.parse;

import dev.papers.common.Entry;
import dev.papers.parse.ListingParser.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * The saved HTML page of {@code huggingface.co/papers}: its list is the JSON in the {@code data-props} attribute of
 * the element with {@code data-target="DailyPapers"} (read by {@link JsonApiReader}); without it, the visible text is
 * read as a Markdown capture.
 */
final class HtmlPageReader {
    private HtmlPageReader() {}

    private static final Pattern PAGE_URL_DATE = Pattern.compile("/papers/date/(\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern HREF_PAPER = Pattern.compile(
            "^(?:https?://(?:www\\.)?huggingface\\.co)?/papers/" + ListingText.ARXIV + "/?(?:[?#].*)?$");

    static DocumentReaders.Parsed read(String source, String doc) {
        Document d = Jsoup.parse(doc);
        List<Problem> problems = new ArrayList<>();
        String pageDate = pageDate(d);
        Element list = d.selectFirst("[data-target=DailyPapers][data-props]");
        if (list != null) {
            DocumentReaders.Parsed p = JsonApiReader.read(source, list.attr("data-props"), pageDate);
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
        return new DocumentReaders.Parsed(es, problems);
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
            if (m.find()) return JsonApiReader.shownDay(m.group(1));
        }
        return null;
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
}
