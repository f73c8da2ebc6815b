package dev.papers.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.Entry;
import dev.papers.common.Titles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ListingParserTest {
    static final Path SEEDS = Path.of("..", "demo-data");

    static Stream<Path> seeds() throws IOException {
        return Files.list(SEEDS).filter(p -> p.toString().endsWith(".txt")).sorted();
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    /** Independent count: Format A = single-line blocks after the 6 header blocks, halved; Format B = (lines-2)/2. */
    static int expectedCount(String text) {
        if (text.contains("\n\n")) {
            long single = Arrays.stream(text.split("\n\\s*\n")).map(String::strip)
                    .filter(b -> !b.isEmpty() && !b.contains("\n")).count();
            return (int) (single - 6) / 2;
        }
        long lines = text.lines().count();
        return (int) (lines - 2) / 2;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everySeedPageYieldsTheIndependentlyCountedEntriesWithoutProblems(Path page) throws IOException {
        String text = read(page);
        ListingParser.Result r = ListingParser.parseAll(page.getFileName().toString(), text);
        assertThat(r.entries()).hasSize(expectedCount(text));
        assertThat(r.problems()).isEmpty();
        assertThat(r.entries()).allSatisfy(e -> {
            assertThat(e.title()).isNotBlank().hasSizeLessThan(400);
            assertThat(e.abstractText()).hasSizeGreaterThan(100);
            assertThat(e.id()).isEqualTo(Titles.id(e.title())).hasSize(16);
        });
    }

    @Test
    void seedTotalsAcrossAllPages() throws IOException {
        List<Entry> all = new ArrayList<>();
        for (Path p : seeds().toList()) all.addAll(ListingParser.parseAll(p.getFileName().toString(), read(p)).entries());
        int independent = 0;
        for (Path p : seeds().toList()) independent += expectedCount(read(p));
        assertThat(all).hasSize(independent);
        long distinctNormalized = all.stream().map(e -> Titles.normalize(e.title())).distinct().count();
        assertThat(all.stream().map(Entry::id).distinct().count()).isEqualTo(distinctNormalized).isLessThan(all.size());
    }

    @Test
    void formatAHandCheckedEntries() throws IOException {
        List<Entry> es = ListingParser.parseAll("000.txt", read(SEEDS.resolve("000_d84dd5f55e8a7a8b.txt"))).entries();
        Entry first = es.get(0);
        assertThat(first.title()).isEqualTo("Domain-Specific Language Model Pretraining for Biomedical Natural Language Processing");
        assertThat(first.abstractText()).startsWith("Pretraining large neural language models, such as BERT").endsWith("at https://aka.ms/BLURB.");
        assertThat(first.authors()).isEqualTo(9);
        assertThat(first.organization()).isNull();
        assertThat(first.publishedText()).isEqualTo("Jul 30, 2020");
        assertThat(first.published()).isEqualTo("2020-07-30");
        assertThat(first.upvotes()).isEqualTo(1);
        assertThat(first.pageDate()).isEqualTo("Mar 16");
        assertThat(first.source()).isEqualTo("000.txt");

        Entry second = es.get(1); // date with year, no upvote count
        assertThat(second.authors()).isEqualTo(7);
        assertThat(second.publishedText()).isEqualTo("Sep 8, 2021");
        assertThat(second.published()).isEqualTo("2021-09-08");
        assertThat(second.upvotes()).isZero();

        Entry yearless = byTitle(es, "Neural FOXP2 -- Language Specific Neuron Steering");
        assertThat(yearless.authors()).isEqualTo(5);
        assertThat(yearless.publishedText()).isEqualTo("Jan 31");
        assertThat(yearless.published()).isNull();
        assertThat(yearless.upvotes()).isZero();

        Entry noMeta = byTitle(es, "Innovator-VL: A Multimodal Large Language Model");
        assertThat(noMeta.authors()).isNull();
        assertThat(noMeta.organization()).isNull();
        assertThat(noMeta.publishedText()).isNull();
        assertThat(noMeta.upvotes()).isNull();
        assertThat(noMeta.abstractText()).startsWith("We present Innovator-VL");

        Entry org = byTitle(es, "On Relation-Specific Neurons in Large Language Models");
        assertThat(org.organization()).isEqualTo("cis-lmu CIS, LMU Munich");
        assertThat(org.authors()).isNull();
        assertThat(org.publishedText()).isEqualTo("Feb 24, 2025");
        assertThat(org.published()).isEqualTo("2025-02-24");
        assertThat(org.upvotes()).isEqualTo(2);

        Entry last = es.get(es.size() - 1); // page ends without a newline after the date
        assertThat(last.publishedText()).isEqualTo("Mar 2, 2023");
        assertThat(last.authors()).isEqualTo(5);
    }

    @Test
    void formatBHandCheckedEntries() throws IOException {
        String text = read(SEEDS.resolve("001_3dc8d83b93f1b44b.txt"));
        List<String> lines = text.lines().toList();
        List<Entry> es = ListingParser.parseAll("001.txt", text).entries();
        Entry first = es.get(0);
        assertThat(first.title()).isEqualTo("NeoQA: Evidence-based Question Answering with Generated News Events");
        assertThat(first.abstractText()).isEqualTo(lines.get(3));
        assertThat(first.authors()).isNull();
        assertThat(first.upvotes()).isNull();
        assertThat(first.pageDate()).isNull();
        assertThat(es.get(1).title()).isEqualTo(lines.get(4));
        assertThat(es.get(2).title()).startsWith("ChemAgent: Enhancing LLMs for Chemistry");
        Entry last = es.get(es.size() - 1);
        assertThat(last.title()).isEqualTo(lines.get(lines.size() - 2));
        assertThat(last.abstractText()).isEqualTo(lines.get(lines.size() - 1));
    }

    @Test
    void secondFormatAPageHandCheckedEntries() throws IOException {
        List<Entry> es = ListingParser.parseAll("002.txt", read(SEEDS.resolve("002_fe96d62a43a5071b.txt"))).entries();
        Entry first = es.get(0);
        assertThat(first.title()).startsWith("Augmented Conditioning Is Enough For Effective Training Image Generation");
        assertThat(first.abstractText()).startsWith("Image generation abilities of text-to-image diffusion models");
        assertThat(first.authors()).isEqualTo(3);
        assertThat(first.publishedText()).isEqualTo("Feb 6, 2025");
        assertThat(first.published()).isEqualTo("2025-02-06");
        assertThat(first.upvotes()).isZero();
        assertThat(first.pageDate()).isEqualTo("May 13");
        Entry protap = es.get(1);
        assertThat(protap.title()).startsWith("Protap: A Benchmark for Protein Modeling");
        assertThat(protap.authors()).isEqualTo(10);
        assertThat(protap.published()).isEqualTo("2025-06-01");
        Entry yearlessWithVotes = byTitle(es, "EditCaption: Human-Aligned Instruction Synthesis");
        assertThat(yearlessWithVotes.authors()).isEqualTo(9);
        assertThat(yearlessWithVotes.publishedText()).isEqualTo("Apr 8");
        assertThat(yearlessWithVotes.published()).isNull();
        assertThat(yearlessWithVotes.upvotes()).isEqualTo(1);
        Entry noMeta = byTitle(es, "REDSearcher: A Scalable and Cost-Efficient Framework");
        assertThat(noMeta.abstractText()).startsWith("Large language models are transitioning");
        assertThat(noMeta.authors()).isNull();
        assertThat(noMeta.upvotes()).isNull();
        assertThat(noMeta.pageDate()).isEqualTo("May 13");
        // The entry after a metadata-less one is still read in full.
        Entry afterNoMeta = es.get(es.indexOf(noMeta) + 1);
        assertThat(afterNoMeta.title()).startsWith("MUSCLE: A Model Update Strategy for Compatible LLM Evolut");
        assertThat(afterNoMeta.abstractText()).startsWith("Large Language Models (LLMs) are frequently updated");
    }

    @Test
    void secondFormatBPageHandCheckedEntries() throws IOException {
        String text = read(SEEDS.resolve("003_fd32bd25a03948be.txt"));
        List<Entry> es = ListingParser.parseAll("003.txt", text).entries();
        assertThat(es.get(0).title()).isEqualTo("ERNIE 3.0: Large-scale Knowledge Enhanced Pre-training for Language Understanding and Generation");
        assertThat(es.get(0).abstractText()).startsWith("Pre-trained models have achieved state-of-the-art").endsWith("(90.6% vs. 89.8%).");
        assertThat(es.get(1).title()).isEqualTo("SKEP: Sentiment Knowledge Enhanced Pre-training for Sentiment Analysis");
        assertThat(es.get(1).abstractText()).endsWith("hub.com/baidu/Senta.");
        assertThat(byTitle(es, "Protein Multimer Structure Prediction via Prompt Learning").abstractText())
                .startsWith("Understanding the 3D structures of protein multime");
        assertThat(es.get(118).title()).startsWith("C3: Continued Pretraining with Contrastive Weak Supervision");
        assertThat(es).allSatisfy(e -> {
            assertThat(e.authors()).isNull();
            assertThat(e.upvotes()).isNull();
            assertThat(e.publishedText()).isNull();
            assertThat(e.source()).isEqualTo("003.txt");
        });
    }

    static List<Integer> chunkSizes() {
        return List.of(1, 2, 3, 7, 64, 200, 4096);
    }

    @ParameterizedTest
    @MethodSource("chunkSizes")
    void chunkedEqualsWholeForEverySeed(int size) throws IOException {
        for (Path p : seeds().toList()) {
            String text = read(p);
            assertThat(parseChunked(text, cutEvery(text, size))).isEqualTo(ListingParser.parseAll("s", text).entries());
        }
    }

    @Test
    void chunkedEqualsWholeForRandomCutsAndStateRoundTrips() throws IOException {
        for (Path p : seeds().toList()) {
            String text = read(p);
            List<Entry> whole = ListingParser.parseAll("s", text).entries();
            for (long seed = 0; seed < 40; seed++) {
                Random rnd = new Random(seed);
                List<Integer> cuts = new ArrayList<>();
                for (int i = 0; i < text.length(); i += 1 + rnd.nextInt(3000)) cuts.add(i);
                assertThat(parseChunked(text, cuts)).as("seed %d on %s", seed, p).isEqualTo(whole);
            }
        }
    }

    /** Feeds the pieces, resuming from the serialized state before every chunk as the processor does. */
    static List<Entry> parseChunked(String text, List<Integer> starts) {
        ListingParser.State state = ListingParser.start("s").state();
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            int from = starts.get(i);
            int to = i + 1 < starts.size() ? starts.get(i + 1) : text.length();
            // JSON round trip as in the state store; skipped for tiny chunks to keep the suite fast.
            ListingParser p = ListingParser.resume(to - from >= 64 ? roundTrip(state) : state);
            out.addAll(p.feed(text.substring(from, to)));
            if (i == starts.size() - 1) out.addAll(p.finish());
            state = p.state();
        }
        return out;
    }

    static ListingParser.State roundTrip(ListingParser.State s) {
        return dev.papers.common.Json.read(dev.papers.common.Json.write(s), ListingParser.State.class);
    }

    static List<Integer> cutEvery(String text, int size) {
        List<Integer> cuts = new ArrayList<>();
        for (int i = 0; i < text.length(); i += size) {
            // Cut by code point like the ingest: never inside a surrogate pair.
            if (i > 0 && Character.isLowSurrogate(text.charAt(i))) i++;
            cuts.add(i);
        }
        if (cuts.isEmpty()) cuts.add(0);
        return cuts;
    }

    static Entry byTitle(List<Entry> es, String prefix) {
        return es.stream().filter(e -> e.title().startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError("no entry " + prefix));
    }

    // ---- malformed input: every problem reported, good entries survive ----

    static final String GOOD_A = "Daily Papers\n\nMar 16\n\nTitle One\n\nAbstract one is here and it is long enough.\n\n  • 3 authors\n·\nJan 5\n\n";

    @Test
    void titleWithoutAbstractAtEndIsReportedAndEarlierEntriesKept() {
        ListingParser.Result r = ListingParser.parseAll("x", GOOD_A + "Lonely Title\n");
        assertThat(r.entries()).extracting(Entry::title).containsExactly("Title One");
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.reason()).contains("title with no abstract");
            assertThat(p.line()).isEqualTo(13);
        });
    }

    @Test
    void crlfAndStrayWhitespaceParseLikeLf() {
        String crlf = GOOD_A.replace("\n", "\r\n").replace("Title One", "  Title One\t");
        ListingParser.Result r = ListingParser.parseAll("x", crlf);
        assertThat(r.entries()).singleElement().satisfies(e -> {
            assertThat(e.title()).isEqualTo("Title One");
            assertThat(e.authors()).isEqualTo(3);
            assertThat(e.publishedText()).isEqualTo("Jan 5");
        });
        assertThat(r.problems()).isEmpty();
    }

    static final String TWO_ENTRIES = GOOD_A + "Title Two\n\nAbstract two is here and it is long enough.\n\n  • 4 authors\n·\nJan 6 7\n";

    @Test
    void loneCarriageReturnsAndCrlfAreLineBreaksEvenWhenCutBetweenCrAndLf() {
        List<Entry> lf = ListingParser.parseAll("x", TWO_ENTRIES).entries();
        for (String eol : List.of("\r", "\r\n")) {
            String text = TWO_ENTRIES.replace("\n", eol);
            assertThat(ListingParser.parseAll("x", text).entries()).as("eol %s", eol.replace("\r", "CR").replace("\n", "LF")).isEqualTo(lf);
            // Cut right after every CR: the next piece decides between CR and CRLF.
            ListingParser p = ListingParser.start("x");
            List<Entry> got = new ArrayList<>();
            int from = 0;
            for (int i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
                got.addAll(p.feed(text.substring(from, i + 1)));
                from = i + 1;
            }
            got.addAll(p.feed(text.substring(from)));
            got.addAll(p.finish());
            assertThat(got).isEqualTo(lf);
            assertThat(p.drainProblems()).isEmpty();
        }
    }

    @Test
    void upvoteCountBeyondIntRangeIsReportedAndTheEntryKept() {
        ListingParser.Result r = ListingParser.parseAll("x", TWO_ENTRIES.replace("Jan 6 7", "Jan 6 99999999999"));
        assertThat(r.entries()).extracting(Entry::title).containsExactly("Title One", "Title Two");
        assertThat(r.entries().get(1).upvotes()).isNull();
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("upvote count out of range"));
    }

    @Test
    void aTitleWithTerminalEscapesIsCleanedNotDroppedSoLaterPairsStayAligned() {
        String text = GOOD_A + "\u001B[31mRed Title\u001B[0m With Escapes\u0007\n\nIts abstract.\n\nTitle Three\n\nAbstract three.\n";
        ListingParser.Result r = ListingParser.parseAll("x", text);
        assertThat(r.entries()).extracting(Entry::title).containsExactly("Title One", "Red Title With Escapes", "Title Three");
        assertThat(r.entries()).extracting(Entry::abstractText).endsWith("Its abstract.", "Abstract three.");
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("control characters removed"));
    }

    @Test
    void aGarbledDateFieldIsDroppedSoTheNextTitleStaysATitle() {
        String text = GOOD_A.replace("Jan 5", "not a date") + "Title Two\n\nAbstract two is here and long enough.\n";
        ListingParser.Result r = ListingParser.parseAll("x", text);
        assertThat(r.entries()).extracting(Entry::title).containsExactly("Title One", "Title Two");
        assertThat(r.entries().get(0).authors()).isEqualTo(3);
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("metadata block without a date"));
    }

    @Test
    void metadataWithoutTitlesGivesNoPaperEvenWhereADateStandsForTheTitle() {
        ListingParser.Result r = ListingParser.parseAll("m.txt", "  • 3 authors\n·\nJan 1, 2024\n  • 4 authors\n·\nFeb 2, 2024 5\n");
        assertThat(r.entries()).isEmpty();
        assertThat(r.problems()).extracting(ListingParser.Problem::line).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(r.problems().get(2).reason()).isEqualTo("date outside an entry");
    }

    @Test
    void binaryLinesAreReportedAndSkipped() {
        ListingParser.Result r = ListingParser.parseAll("x", "Daily Papers\n\n\u0000\u0001\u0002garbage\n\n" + GOOD_A.substring(14));
        assertThat(r.entries()).extracting(Entry::title).containsExactly("Title One");
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("binary"));
    }

    @Test
    void invalidUtf8IsReportedWithItsLine() {
        byte[] bytes = ("Daily Papers\n\nBad \u00e9 title\n\nAbstract text long enough to be an abstract.\n").getBytes(StandardCharsets.UTF_8);
        bytes[16] = (byte) 0xC3; // é is bytes 16-17: make it an invalid sequence
        bytes[17] = (byte) 0x28;
        String decoded = new String(bytes, StandardCharsets.UTF_8);
        ListingParser.Result r = ListingParser.parseAll("x", decoded);
        assertThat(r.entries()).hasSize(1);
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.reason()).contains("invalid UTF-8");
            assertThat(p.line()).isEqualTo(3);
        });
    }

    @Test
    void tenMegabyteLineIsSkippedWithBoundedMemory() {
        String huge = "x".repeat(10 * 1024 * 1024);
        ListingParser p = ListingParser.start("x");
        List<Entry> out = new ArrayList<>(p.feed(GOOD_A));
        for (int i = 0; i < huge.length(); i += 65536) {
            out.addAll(p.feed(huge.substring(i, Math.min(huge.length(), i + 65536))));
            assertThat(p.state().partial().length()).isLessThanOrEqualTo(ListingParser.MAX_LINE_CHARS);
        }
        out.addAll(p.feed("\nTitle Two\n\nAbstract two is here and long enough too.\n"));
        out.addAll(p.finish());
        assertThat(out).extracting(Entry::title).containsExactly("Title One", "Title Two");
        assertThat(p.drainProblems()).singleElement().satisfies(pr -> assertThat(pr.reason()).contains("longer than"));
    }

    @Test
    void emptyPageAndHtmlAndJsonYieldNothingWithAReason() {
        assertThat(ListingParser.parseAll("x", "").problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).isEqualTo("empty page"));
        ListingParser.Result html = ListingParser.parseAll("x", "<!DOCTYPE html>\n<html><body><h1>Daily Papers</h1>\n<p>text</p>\n</body></html>\n");
        assertThat(html.entries()).isEmpty();
        assertThat(html.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("HTML"));
        ListingParser.Result json = ListingParser.parseAll("x", "{\"papers\": [1, 2]}\n");
        assertThat(json.entries()).isEmpty();
        assertThat(json.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("JSON"));
    }

    @Test
    void unicodeTitlesNormaliseToTheSameId() {
        assertThat(Titles.normalize("TEMPLE:Temporal")).isEqualTo(Titles.normalize("Temple: temporal")).isEqualTo("temple temporal");
        assertThat(Titles.id("ＬＬＭ Agents")).isEqualTo(Titles.id("llm agents")); // NFKC folds full-width letters
        ListingParser.Result r = ListingParser.parseAll("x", "Daily Papers\n\nعنوان 🚀 Émergence\n\nAn abstract with RTL and emoji text long enough.\n");
        assertThat(r.entries()).singleElement().satisfies(e -> assertThat(e.title()).isEqualTo("عنوان 🚀 Émergence"));
    }

    @Test
    void mergeKeepsLongestAbstractMetadataAndMaxUpvotes() {
        Entry a = new Entry("a", "id", "T", "short", null, null, null, null, null, null);
        Entry b = new Entry("b", "id", "T", "a much longer abstract", 4, null, "Jan 3, 2024", "2024-01-03", 7, "Mar 1");
        Entry c = new Entry("c", "id", "T", "mid", 5, "org", "Jan 3", null, 9, null);
        Entry m = EntryMerger.merge(EntryMerger.merge(a, b), c);
        assertThat(m.source()).isEqualTo("a");
        assertThat(m.abstractText()).isEqualTo("a much longer abstract");
        assertThat(m.authors()).isEqualTo(4);
        assertThat(m.organization()).isEqualTo("org");
        assertThat(m.published()).isEqualTo("2024-01-03");
        assertThat(m.upvotes()).isEqualTo(9);
        assertThat(m.pageDate()).isEqualTo("Mar 1");
    }
}
