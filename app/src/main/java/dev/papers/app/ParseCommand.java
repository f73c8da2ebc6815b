package dev.papers.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.papers.common.Entry;
import dev.papers.common.Json;
import dev.papers.parse.EntryMerger;
import dev.papers.parse.ListingParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "parse", mixinStandardHelpOptions = true,
        description = {"Parse listing pages offline and print one JSON object per entry (NDJSON), in page order.",
                "Every form of the listing is read, recognised per file (--format forces one): the scraped text formats",
                "(also with paper URLs), plain-text exports with URL lines, Markdown captures, text-browser dumps, the saved HTML",
                "page, api/daily_papers JSON, RSS/Atom/JSON feeds; recognised by content, never by file name.",
                "Problems go to stderr as 'source: line N: reason'. Exit 0 when every file gave entries, 2 when one gave none."})
final class ParseCommand implements Callable<Integer> {
    @Option(names = "--unique", description = {"One object per paper id, merged across all inputs, with its sources.",
            "An arXiv id found on two titles (dedup is by title) is reported on stderr."})
    boolean unique;

    @Option(names = "--format", paramLabel = "FORM", defaultValue = "auto", converter = FormatConverter.class,
            description = "Force the page form: auto (default: recognised per file by content), text, link-lines, markdown, browser (lynx/links), html, json, feed (rss/atom/jsonfeed).")
    ListingParser.Format format;

    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<Path> files;

    @Override
    public Integer call() throws IOException {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8); // UTF-8 whatever the locale
        boolean someFileEmpty = false;
        Map<String, Entry> merged = new LinkedHashMap<>();
        Map<String, List<String>> sources = new LinkedHashMap<>();
        for (Path f : files) {
            String source = f.getFileName().toString();
            List<Entry> entries = new ArrayList<>();
            try {
                parseFile(f, source, format, entries);
            } catch (IOException e) {
                System.err.println(source + ": line 0: cannot read file: " + e.getMessage());
            }
            if (entries.isEmpty()) someFileEmpty = true;
            for (Entry e : entries) {
                if (!unique) {
                    out.println(Json.write(e));
                    continue;
                }
                merged.merge(e.id(), e, EntryMerger::merge);
                List<String> s = sources.computeIfAbsent(e.id(), k -> new ArrayList<>());
                if (!s.contains(source)) s.add(source);
            }
        }
        if (unique) {
            for (Entry e : merged.values()) {
                ObjectNode node = Json.MAPPER.valueToTree(e);
                ArrayNode arr = node.putArray("sources");
                sources.get(e.id()).forEach(arr::add);
                out.println(Json.MAPPER.writeValueAsString(node));
            }
            reportArxivOnTwoTitles(merged.values());
        }
        out.flush();
        return someFileEmpty ? 2 : 0;
    }

    /** Streams the file through the incremental parser: bounded memory whatever the file size. */
    private static void parseFile(Path f, String source, ListingParser.Format format, List<Entry> sink) throws IOException {
        ListingParser parser = ListingParser.start(source, format);
        try (InputStream in = Files.newInputStream(f);
             Reader r = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                     .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE))) {
            char[] buf = new char[64 * 1024];
            int n;
            while ((n = r.read(buf)) > 0) {
                sink.addAll(parser.feed(new String(buf, 0, n)));
                report(source, parser);
            }
        }
        sink.addAll(parser.finish());
        report(source, parser);
    }

    /** Dedup is by normalised title, so one arXiv paper listed under two titles stays two papers: say so. */
    private static void reportArxivOnTwoTitles(Collection<Entry> unique) {
        Map<String, List<String>> byArxiv = new TreeMap<>();
        for (Entry e : unique) {
            if (e.arxivId() != null) {
                byArxiv.computeIfAbsent(e.arxivId(), k -> new ArrayList<>()).add("\"" + e.title() + "\" (" + e.id() + ")");
            }
        }
        byArxiv.forEach((arxiv, ids) -> {
            if (ids.size() > 1) System.err.println("arXiv " + arxiv + " is on " + ids.size() + " titles: " + String.join(" | ", ids));
        });
    }

    static final class FormatConverter implements ITypeConverter<ListingParser.Format> {
        @Override
        public ListingParser.Format convert(String value) {
            try {
                return ListingParser.Format.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not a page form (" + java.util.Arrays.stream(ListingParser.Format.values())
                                .map(ListingParser.Format::cliName).collect(java.util.stream.Collectors.joining(", ")) + ")");
            }
        }
    }

    private static void report(String source, ListingParser parser) {
        for (ListingParser.Problem p : parser.drainProblems()) {
            System.err.println(source + ": line " + p.line() + ": " + p.reason());
        }
    }
}
