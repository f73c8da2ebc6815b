package dev.papers.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.Entry;
import dev.papers.common.Json;
import dev.papers.common.Paper;
import dev.papers.common.TagScore;
import dev.papers.common.Titles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The optional fields of issue #11 (arxivId, authorNames, comments) on Entry and Paper: JSON, old shapes, merge. */
class EntryPaperFieldsTest {
    static final Entry FULL = new Entry("s", Titles.id("T"), "T", "abs", 2, null, "Jan 3, 2024", "2024-01-03", 5, "Mar 1",
            "2401.00001", List.of("Ada Lovelace", "Alan Turing"), 3);

    @Test
    void seedShapedEntriesSerialiseExactlyAsBefore() {
        Entry old = new Entry("s", "id", "T", "abs", 2, null, "Jan 3", null, 0, null);
        assertThat(old.arxivId()).isNull();
        assertThat(old.authorNames()).isNull();
        assertThat(old.comments()).isNull();
        assertThat(Json.write(old)).isEqualTo("{\"source\":\"s\",\"id\":\"id\",\"title\":\"T\",\"abstract\":\"abs\",\"authors\":2,"
                + "\"organization\":null,\"publishedText\":\"Jan 3\",\"published\":null,\"upvotes\":0,\"pageDate\":null}");
        assertThat(Json.read(Json.write(old), Entry.class)).isEqualTo(old);
    }

    @Test
    void newFieldsRoundTripAndOldJsonStillReads() {
        assertThat(Json.write(FULL)).endsWith(",\"arxivId\":\"2401.00001\",\"authorNames\":[\"Ada Lovelace\",\"Alan Turing\"],\"comments\":3}");
        assertThat(Json.read(Json.write(FULL), Entry.class)).isEqualTo(FULL);
        Entry fromOld = Json.read("{\"source\":\"s\",\"id\":\"i\",\"title\":\"T\",\"abstract\":\"a\"}", Entry.class);
        assertThat(fromOld.arxivId()).isNull();
        assertThat(fromOld.authorNames()).isNull();
    }

    @Test
    void authorNamesAreCopiedImmutably() {
        List<String> names = new ArrayList<>(List.of("A"));
        Entry e = new Entry("s", "i", "T", "a", 1, null, null, null, null, null, null, names, null);
        names.add("B");
        assertThat(e.authorNames()).containsExactly("A");
    }

    @Test
    void paperOfCarriesTheNewFieldsAndTheOldConstructorStillWorks() {
        Paper p = Paper.of(FULL, 42);
        assertThat(p.arxivId()).isEqualTo("2401.00001");
        assertThat(p.authorNames()).containsExactly("Ada Lovelace", "Alan Turing");
        assertThat(p.comments()).isEqualTo(3);
        assertThat(Json.read(Json.write(p), Paper.class)).isEqualTo(p);
        assertThat(p.withTags(List.of(new TagScore("nlp", 1.0, "e"))).authorNames()).isEqualTo(p.authorNames());
        Paper old = new Paper(Paper.SCHEMA_VERSION, "i", "T", "t", "a", 1, null, null, null, null, null, null,
                List.of("s"), List.of(), 1, 1, 0);
        assertThat(old.authorNames()).isNull();
        assertThat(old.comments()).isNull();
        assertThat(Json.write(old)).doesNotContain("authorNames").doesNotContain("comments").contains("\"arxivId\":null");
    }

    @Test
    void mergeTakesNonNullIdsTheLongerNameListAndMaxComments() {
        Entry bare = new Entry("a", FULL.id(), "T", "a longer abstract than abs", null, null, null, null, 9, null);
        Entry m = EntryMerger.merge(bare, FULL);
        assertThat(m.source()).isEqualTo("a");
        assertThat(m.arxivId()).isEqualTo("2401.00001");
        assertThat(m.authorNames()).hasSize(2);
        assertThat(m.authors()).isEqualTo(2);
        assertThat(m.comments()).isEqualTo(3);
        assertThat(m.upvotes()).isEqualTo(9);
        assertThat(m.abstractText()).isEqualTo("a longer abstract than abs");
        Entry three = new Entry("b", FULL.id(), "T", "x", 3, null, null, null, null, null, "2401.99999",
                List.of("A", "B", "C"), 1);
        Entry m2 = EntryMerger.merge(m, three);
        assertThat(m2.arxivId()).isEqualTo("2401.00001"); // first non-null wins
        assertThat(m2.authorNames()).containsExactly("A", "B", "C"); // longer list wins
        assertThat(m2.authors()).isEqualTo(3);
        assertThat(m2.comments()).isEqualTo(3);
    }

    @Test
    void oldSerialisedParserStateResumesAsATextPage() {
        String old = "{\"source\":\"s\",\"lineNo\":2,\"partial\":\"\",\"skippingLongLine\":false,\"inHeader\":false,"
                + "\"rejected\":false,\"pageDate\":null,\"title\":\"A Title\",\"titleLine\":1,\"abstractText\":null,"
                + "\"authors\":null,\"organization\":null,\"separatorSeen\":false,\"held\":null,\"heldLine\":0,\"entries\":0}";
        ListingParser p = ListingParser.resume(Json.read(old, ListingParser.State.class));
        assertThat(p.form()).isEqualTo(ListingParser.Format.TEXT);
        p.feed("An abstract for the title held in the old state.\n");
        assertThat(p.finish()).singleElement().satisfies(e -> assertThat(e.title()).isEqualTo("A Title"));
    }
}
