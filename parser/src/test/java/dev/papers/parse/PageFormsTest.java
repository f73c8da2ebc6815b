package dev.papers.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.papers.common.Entry;
import dev.papers.common.Json;
import dev.papers.common.Titles;
import dev.papers.parse.ListingParser.Format;
import dev.papers.parse.ListingParser.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The page forms of issue #11 on the fixtures of {@code src/test/resources/forms} (built by {@code make_fixtures.py}
 * from the seed entries): exact entries, chunked == whole at random cut points, the recognised form, the hostile
 * variants' problems, and title recall/precision of the {@code --unique} view.
 */
class PageFormsTest {
    static final Path FORMS = Path.of("src", "test", "resources", "forms");

    /** fixture, recognised form, whether the page is a hostile variant. */
    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("markdown/hf-date.md", Format.MARKDOWN, false),
                Arguments.of("markdown/hostile.md", Format.MARKDOWN, true),
                Arguments.of("browser/hf-dump.txt", Format.BROWSER, false),
                Arguments.of("browser/hostile-truncated.txt", Format.BROWSER, true),
                Arguments.of("text/urls-a.txt", Format.TEXT, false),
                Arguments.of("text/urls-b-hostile.txt", Format.TEXT, true),
                Arguments.of("html/papers-date.html", Format.HTML, false),
                Arguments.of("html/hostile-no-props.html", Format.HTML, true),
                Arguments.of("json/daily_papers.json", Format.JSON, false),
                Arguments.of("json/hostile-cut.json", Format.JSON, true));
    }

    static String page(String fixture) throws IOException {
        return Files.readString(FORMS.resolve(fixture), StandardCharsets.UTF_8);
    }

    static List<Map<String, Object>> expected(String fixture) throws IOException {
        Path p = FORMS.resolve(fixture.substring(0, fixture.lastIndexOf('.')) + ".expected.jsonl");
        List<Map<String, Object>> out = new ArrayList<>();
        for (String l : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            if (!l.isBlank()) out.add(Json.MAPPER.readValue(l, new TypeReference<LinkedHashMap<String, Object>>() {}));
        }
        return out;
    }

    static Map<String, Object> fields(Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", e.title());
        m.put("abstract", e.abstractText());
        m.put("authors", e.authors());
        m.put("organization", e.organization());
        m.put("publishedText", e.publishedText());
        m.put("published", e.published());
        m.put("upvotes", e.upvotes());
        m.put("pageDate", e.pageDate());
        m.put("arxivId", e.arxivId());
        m.put("authorNames", e.authorNames());
        m.put("comments", e.comments());
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyFixtureGivesExactlyItsEntries(String fixture, Format form, boolean hostile) throws IOException {
        ListingParser p = ListingParser.start(fixture);
        List<Entry> es = new ArrayList<>(p.feed(page(fixture)));
        es.addAll(p.finish());
        List<Problem> problems = p.drainProblems();
        assertThat(p.form()).isEqualTo(form);
        List<Map<String, Object>> want = expected(fixture);
        List<Map<String, Object>> got = es.stream().map(PageFormsTest::fields).toList();
        for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
            assertThat(got.get(i)).as("%s entry %d (problems %s)", fixture, i, problems).isEqualTo(want.get(i));
        }
        assertThat(got).as("%s (problems %s)", fixture, problems).hasSameSizeAs(want);
        assertThat(es).allSatisfy(e -> {
            assertThat(e.id()).isEqualTo(Titles.id(e.title()));
            assertThat(e.source()).isEqualTo(fixture);
        });
        if (!hostile) assertThat(problems).as(fixture).isEmpty();
        // Forcing the recognised form gives the same.
        assertThat(ListingParser.parseAll(fixture, page(fixture), form).entries()).isEqualTo(es);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void chunkedEqualsWholeAtRandomCutPoints(String fixture, Format form, boolean hostile) throws IOException {
        String text = page(fixture);
        ListingParser.Result whole = ListingParser.parseAll("s", text);
        boolean document = form == Format.HTML || form == Format.JSON;
        for (long seed = 0; seed < 8; seed++) {
            Random rnd = new Random(seed);
            List<Integer> cuts = new ArrayList<>();
            // Two runs with small chunks (every state of sniffing and look-ahead); a document's whole buffer is in
            // the state, so its small chunks are not that small (the JSON round trip per chunk is quadratic).
            int max = seed < 2 ? (document ? 6000 : 200) : 3000;
            for (int i = 0; i < text.length(); i += 1 + rnd.nextInt(max)) {
                if (i > 0 && Character.isLowSurrogate(text.charAt(i))) i++;
                cuts.add(i);
            }
            ListingParser.Result chunked = parseChunked(text, cuts);
            assertThat(chunked.entries()).as("seed %d on %s", seed, fixture).isEqualTo(whole.entries());
            assertThat(chunked.problems()).as("seed %d on %s", seed, fixture).isEqualTo(whole.problems());
        }
    }

    /** As {@link ListingParserTest#parseChunked}, keeping the problems, with a JSON round trip of every state. */
    static ListingParser.Result parseChunked(String text, List<Integer> starts) {
        ListingParser.State state = ListingParser.start("s").state();
        List<Entry> out = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            int from = starts.get(i);
            int to = i + 1 < starts.size() ? starts.get(i + 1) : text.length();
            ListingParser p = ListingParser.resume(ListingParserTest.roundTrip(state));
            out.addAll(p.feed(text.substring(from, to)));
            if (i == starts.size() - 1) out.addAll(p.finish());
            problems.addAll(p.drainProblems());
            state = p.state();
        }
        return new ListingParser.Result(out, problems);
    }

    // ---- hostile variants: what is reported

    @Test
    void markdownHostileReportsTheTitleWithoutAbstractOnly() throws IOException {
        ListingParser.Result r = ListingParser.parseAll("h", page("markdown/hostile.md"));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.reason()).isEqualTo("title with no abstract");
            assertThat(p.sample()).isEqualTo("A Title Without Any Abstract");
        });
        Entry escaped = r.entries().stream().filter(e -> e.title().startsWith("[CLS]")).findFirst().orElseThrow();
        assertThat(escaped.title()).isEqualTo("[CLS] *Tokens* and snake_case: A \\ Study of Escapes");
    }

    @Test
    void truncatedBrowserDumpReportsTheCutEntryAndKeepsTheRest() throws IOException {
        String text = page("browser/hostile-truncated.txt");
        ListingParser.Result r = ListingParser.parseAll("t", text);
        assertThat(r.entries()).hasSize(18);
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.reason()).startsWith("entry cut off by the end of the capture ([Content truncated])");
            assertThat(text.lines().toList().get((int) p.line() - 1)).startsWith("### [");
        });
    }

    @Test
    void plainTextUrlsInAnyPositionGiveTheArxivIdAndOtherUrlsAreSkipped() throws IOException {
        ListingParser.Result r = ListingParser.parseAll("u", page("text/urls-b-hostile.txt"));
        assertThat(r.problems()).isEmpty();
        assertThat(r.entries()).extracting(Entry::title).noneMatch(t -> t.startsWith("http"));
        assertThat(r.entries().get(10).arxivId()).isNull();
        assertThat(r.entries().get(11).arxivId()).isNotNull();
    }

    @Test
    void htmlWithoutPropsIsReadFromItsVisibleTextAndSaysSo() throws IOException {
        ListingParser.Result r = ListingParser.parseAll("h", page("html/hostile-no-props.html"));
        assertThat(r.problems()).singleElement().satisfies(p ->
                assertThat(p.reason()).isEqualTo("HTML page without the DailyPapers list (data-props); 30 entries read from its visible text"));
    }

    @Test
    void cutJsonKeepsTheItemsBeforeTheCutAndReportsEveryBadItem() throws IOException {
        ListingParser.Result r = ListingParser.parseAll("j", page("json/hostile-cut.json"));
        assertThat(r.problems()).extracting(Problem::reason).satisfiesExactly(
                p -> assertThat(p).isEqualTo("JSON item #5 is not an object, skipped"),
                p -> assertThat(p).isEqualTo("JSON item #10 without a title, skipped"),
                p -> assertThat(p).startsWith("JSON document cut short or malformed at line 1").endsWith("; 19 items before it kept"));
    }

    @Test
    void htmlWithBrokenPropsFallsBackToTheVisibleCards() throws IOException {
        String broken = page("html/papers-date.html").replaceFirst("data-props=\"\\{&quot;dailyPapers", "data-props=\"{&quot;dailyPapers&quot;:[{oops");
        ListingParser.Result r = ListingParser.parseAll("b", broken);
        assertThat(r.entries()).hasSize(50);
        assertThat(r.entries()).allSatisfy(e -> assertThat(e.arxivId()).isNotNull());
        assertThat(r.problems()).extracting(Problem::reason)
                .anySatisfy(p -> assertThat(p).startsWith("JSON document cut short or malformed"))
                .anySatisfy(p -> assertThat(p).startsWith("HTML page whose DailyPapers list is unusable; 50 entries"));
    }

    @Test
    void oversizedDocumentIsDroppedWithAReasonAndBoundedMemory() {
        ListingParser p = ListingParser.start("big");
        p.feed("[{\"title\": \"x\", \"summary\": \"");
        String block = "y".repeat(1 << 20);
        for (int i = 0; i < 70 && !p.rejected(); i++) p.feed(block);
        assertThat(p.rejected()).isTrue();
        assertThat(p.state().document()).isNull();
        assertThat(p.finish()).isEmpty();
        assertThat(p.drainProblems()).singleElement().satisfies(pr -> assertThat(pr.reason()).contains("larger than"));
    }

    @Test
    void documentsAreRecognisedWhateverTheFirstChunk() {
        for (String s : List.of("", " ", "\n\n  ", "[", "[\n", " <", " <ht", "\uFEFF{")) {
            ListingParser p = ListingParser.start("x");
            p.feed(s);
            p.feed(s.contains("<") ? "html><body><h3>T</h3><p>An abstract.</p></body></html>"
                    : s.contains("{") ? "\"dailyPapers\": [{\"title\": \"T\", \"paper\": {\"summary\": \"An abstract.\"}}]}"
                    : s.contains("[") ? "{\"title\": \"T\", \"paper\": {\"summary\": \"An abstract.\"}}]"
                    : "Daily Papers\n\nT\n\nAn abstract long enough.\n");
            List<Entry> es = p.finish();
            assertThat(es).as("first chunk %s", s).singleElement().satisfies(e -> assertThat(e.title()).isEqualTo("T"));
        }
    }

    @Test
    void aTextPageStartingWithAnAutolinkIsNotHtml() {
        ListingParser p = ListingParser.start("x");
        List<Entry> es = new ArrayList<>(p.feed("<https://huggingface.co/papers/2401.00001>\n### A Title\n\nAn abstract.\n"));
        es.addAll(p.finish());
        assertThat(p.form()).isEqualTo(Format.MARKDOWN);
        assertThat(es).singleElement().satisfies(e -> assertThat(e.arxivId()).isEqualTo("2401.00001"));
    }

    @Test
    void seedPagesAreStillRecognisedAsText() throws IOException {
        for (Path seed : ListingParserTest.seeds().toList()) {
            ListingParser p = ListingParser.start("s");
            p.feed(ListingParserTest.read(seed));
            p.finish();
            assertThat(p.form()).as(seed.toString()).isEqualTo(Format.TEXT);
        }
    }

    @Test
    void formatNamesParse() {
        assertThat(Format.parse("lynx")).isEqualTo(Format.BROWSER);
        assertThat(Format.parse("md")).isEqualTo(Format.MARKDOWN);
        assertThat(Format.parse(" Html ")).isEqualTo(Format.HTML);
        assertThat(Format.parse("auto")).isEqualTo(Format.AUTO);
    }

    // ---- title recall and precision of the --unique view

    @Test
    void titleRecallAndPrecisionOfTheUniqueViewPerForm() throws IOException {
        Map<String, int[]> perForm = new LinkedHashMap<>();
        StringBuilder report = new StringBuilder();
        for (Arguments a : fixtures().toList()) {
            String fixture = (String) a.get()[0];
            Set<String> want = new LinkedHashSet<>();
            for (Map<String, Object> m : expected(fixture)) want.add(Titles.normalize((String) m.get("title")));
            Map<String, Entry> unique = new LinkedHashMap<>();
            for (Entry e : ListingParser.parseAll(fixture, page(fixture)).entries()) unique.merge(e.id(), e, EntryMerger::merge);
            Set<String> got = new LinkedHashSet<>();
            for (Entry e : unique.values()) got.add(Titles.normalize(e.title()));
            Set<String> hit = new LinkedHashSet<>(got);
            hit.retainAll(want);
            Set<String> extra = new LinkedHashSet<>(got);
            extra.removeAll(want);
            String form = fixture.substring(0, fixture.indexOf('/'));
            int[] c = perForm.computeIfAbsent(form, k -> new int[3]);
            c[0] += want.size();
            c[1] += got.size();
            c[2] += hit.size();
            report.append(String.format("%-34s expected %3d  got %3d  recall %6.2f%%  precision %6.2f%%  extra %s%n", fixture,
                    want.size(), got.size(), 100.0 * hit.size() / want.size(), 100.0 * hit.size() / Math.max(1, got.size()), extra));
        }
        for (Map.Entry<String, int[]> f : perForm.entrySet()) {
            int[] c = f.getValue();
            report.append(String.format("%-10s recall %6.2f%%  precision %6.2f%%%n", f.getKey(), 100.0 * c[2] / c[0], 100.0 * c[2] / c[1]));
            assertThat(100.0 * c[2] / c[0]).as(f.getKey() + " recall\n" + report).isGreaterThanOrEqualTo(99.0);
            assertThat(100.0 * c[2] / c[1]).as(f.getKey() + " precision\n" + report).isGreaterThanOrEqualTo(99.0);
        }
        System.out.print(report);
    }

    // ---- small hand-written pages (not from the generator): layouts the fixtures do not use

    @Test
    void markdownWithNamesInTheAuthorBulletGluedYearlessDateAndMobileTitleLink() {
        String md = """
                [Skip to main content](#main)

                # Daily Papers

                ## Trending

                * [Daily](https://huggingface.co/papers)
                * [Weekly](https://huggingface.co/papers/week/2025-W11)

                12

                ### [Neural FOXP2 -- Language Specific Neuron Steering](https://huggingface.co/papers/2502.11111)

                LLMs are multilingual by training, yet their lingua franca is often English. We
                argue that language defaultness is governed by a sparse, low-rank control
                circuit.

                - ![](https://a/1.png)
                - 5 authors

                · Jan 312

                [Neural FOXP2 -- Language Specific Neuron Steering](https://huggingface.co/papers/2502.11111)

                -

                ### Second Paper Title Here

                Abstract of the second paper which is long enough
                and wraps over lines\\
                and hard breaks.

                * Alice Smith, Bob Jones - 2 authors

                Published on Mar 3, 2024

                ## Footer

                [About](https://huggingface.co/about)
                """;
        ListingParser.Result r = ListingParser.parseAll("v", md);
        assertThat(r.problems()).isEmpty();
        assertThat(r.entries()).hasSize(2);
        Entry a = r.entries().get(0);
        assertThat(a.abstractText()).isEqualTo("LLMs are multilingual by training, yet their lingua franca is often English. We "
                + "argue that language defaultness is governed by a sparse, low-rank control circuit.");
        assertThat(a.upvotes()).isEqualTo(12);
        assertThat(a.publishedText()).isEqualTo("Jan 31");
        assertThat(a.comments()).isEqualTo(2);
        assertThat(a.arxivId()).isEqualTo("2502.11111");
        Entry b = r.entries().get(1);
        assertThat(b.arxivId()).isNull(); // the mobile title link named the first paper: not the next one's id
        assertThat(b.upvotes()).isZero();
        assertThat(b.abstractText()).isEqualTo("Abstract of the second paper which is long enough and wraps over lines and hard breaks.");
        assertThat(b.authorNames()).containsExactly("Alice Smith", "Bob Jones");
        assertThat(b.published()).isEqualTo("2024-03-03");
    }

    @Test
    void markdownWithMetadataAboveTheAbstractAndRelativeLinks() {
        String md = """
                ### [Title One](https://huggingface.co/papers/2401.00001)

                Submitted by [akhaliq](https://huggingface.co/akhaliq)

                - 4 authors

                The abstract comes after the metadata in this layout
                and wraps.

                Jan 2, 2024

                ### [Title Two](/papers/2401.00002)

                Second abstract.
                """;
        ListingParser.Result r = ListingParser.parseAll("v", md);
        assertThat(r.problems()).isEmpty();
        assertThat(r.entries()).extracting(Entry::title, Entry::abstractText, Entry::authors, Entry::arxivId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Title One", "The abstract comes after the metadata in this layout and wraps.", 4, "2401.00001"),
                org.assertj.core.groups.Tuple.tuple("Title Two", "Second abstract.", null, "2401.00002"));
    }

    @Test
    void browserDumpWithOrganisationAuthorsInBracketsAndTruncation() {
        String dump = """
                   [1]Hugging Face
                     * [2]Models

                Daily Papers

                [Trending][5]

                   5

                ### [A Very Long Title About Something That Wraps Because Text Browsers Have
                ### Narrow Screens][6]

                   An abstract in a text browser dump that is wrapped over several lines and
                   mentions Q\\&A as is.

                   [[microsoft] Microsoft][8]
                   · Feb 3, 2025 4

                   -

                ### [Short Title][9]

                   Another abstract.

                   [* 3 authors][10]
                   · Feb 4, 2025

                   7

                ### [The Cut Entry][11]

                   Half of an abs
                [Content truncated]
                """;
        ListingParser.Result r = ListingParser.parseAll("v", dump);
        assertThat(r.entries()).hasSize(2);
        Entry a = r.entries().get(0);
        assertThat(a.title()).isEqualTo("A Very Long Title About Something That Wraps Because Text Browsers Have Narrow Screens");
        assertThat(a.abstractText()).endsWith("mentions Q\\&A as is.");
        assertThat(a.organization()).isEqualTo("microsoft Microsoft");
        assertThat(a.upvotes()).isEqualTo(5);
        assertThat(a.comments()).isEqualTo(4);
        assertThat(r.entries().get(1).authors()).isEqualTo(3);
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(30);
            assertThat(p.sample()).isEqualTo("The Cut Entry");
        });
    }

    @Test
    void onlyABracketedMarkerTruncatesAndHashWithoutSpaceIsNoHeading() {
        String md = """
                ### [Title A](https://huggingface.co/papers/2401.00001)

                We use a method that yields a rank
                #1 result and
                truncated singular values for the
                Content truncated
                and more.

                - 2 authors

                Jan 2, 2024

                ### Title B

                B abstract.

                [Content truncated: 12,000 more characters]
                """;
        ListingParser.Result r = ListingParser.parseAll("v", md);
        assertThat(r.entries()).singleElement().satisfies(e -> assertThat(e.abstractText()).isEqualTo(
                "We use a method that yields a rank #1 result and truncated singular values for the Content truncated and more."));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(13);
            assertThat(p.reason()).startsWith("entry cut off by the end of the capture ([Content truncated: 12,000");
        });
    }
}
