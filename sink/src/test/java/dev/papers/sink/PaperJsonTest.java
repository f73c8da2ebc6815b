package dev.papers.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.Json;
import dev.papers.common.Paper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaperJsonTest {
    static byte[] json(String abstractText, String arxivId) {
        Paper p = new Paper(Paper.SCHEMA_VERSION, "id1", "A Title", "a title", abstractText, 2, null, null, null, 3,
                "Mar 16", arxivId, List.of("s"), List.of(), 1L, 2L, 0);
        return Json.serde(Paper.class).serializer().serialize("papers", p);
    }

    @Test
    void arxivIdIsReadFromTheTopLevelFieldOnly() {
        assertThat(PaperJson.arxivId(json("plain", "2401.00001"))).isEqualTo("2401.00001");
        assertThat(PaperJson.arxivId(json("plain", null))).isNull();
        // the field's text inside a string value is escaped, so it is not taken for the field
        assertThat(PaperJson.arxivId(json("we write \"arxivId\":\"9999.99999\" in JSON", null))).isNull();
        assertThat(PaperJson.arxivId(json("we write \"arxivId\":\"9999.99999\" in JSON", "2401.00002"))).isEqualTo("2401.00002");
        assertThat(PaperJson.arxivId("{\"nested\":{\"arxivId\":\"1\"},\"arxivId\":\"2\"}".getBytes(StandardCharsets.UTF_8))).isEqualTo("2");
        assertThat(PaperJson.arxivId("{\"arxivId\":\"".getBytes(StandardCharsets.UTF_8))).isNull(); // cut: no crash
        assertThat(PaperJson.arxivId(null)).isNull();
    }

    @Test
    void decodeGivesThePaperAndSkipsWhatIsNotOne() {
        assertThat(PaperJson.decode("id1", json("abstract", "2401.00001")).abstractText()).isEqualTo("abstract");
        assertThat(PaperJson.decode("x", "not json".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(PaperJson.decode("x", null)).isNull();
    }

    /** /stats reads only duplicates and sources; on every demo paper (histories, evidence, nested lists) they are the decoded ones. */
    @Test
    void tallyReadsDuplicatesAndSourcesAsADecodeDoes() throws Exception {
        List<Paper> papers = DemoCatalogue.all();
        assertThat(papers).hasSizeGreaterThan(300).anySatisfy(p -> assertThat(p.sources()).hasSizeGreaterThan(1));
        for (Paper p : papers) {
            byte[] bytes = Json.serde(Paper.class).serializer().serialize("papers", p);
            List<String> sources = new java.util.ArrayList<>();
            assertThat(PaperJson.tally(p.id(), bytes, sources::add)).as(p.id()).isEqualTo(p.duplicates());
            assertThat(sources).as(p.id()).isEqualTo(p.sources());
        }
        // "sources" and "duplicates" inside another field's value are not the paper's
        byte[] nested = "{\"x\":{\"duplicates\":9,\"sources\":[\"no\"]},\"duplicates\":2,\"sources\":[\"a\",\"b\"]}".getBytes(StandardCharsets.UTF_8);
        List<String> sources = new java.util.ArrayList<>();
        assertThat(PaperJson.tally("n", nested, sources::add)).isEqualTo(2);
        assertThat(sources).containsExactly("a", "b");
        for (String bad : List.of("not json", "[1]", "{\"duplicates\":", "{\"sources\":[1]}", "")) {
            assertThat(PaperJson.tally("x", bad.getBytes(StandardCharsets.UTF_8), s -> {})).as(bad).isEqualTo(-1);
        }
        assertThat(PaperJson.tally("x", null, s -> {})).isEqualTo(-1);
    }

    @Test
    void onlyAWholeJsonObjectIsSplicedIntoAPage() {
        byte[] good = json("abstract with \"quotes\" and \u00e9", "2401.00001");
        assertThat(PaperJson.rawObject("id1", good)).isEqualTo(new String(good, StandardCharsets.UTF_8));
        for (String bad : List.of("{\"a\":", "{\"a\":1} {\"b\":2}", "[1,2]", "\"text\"", "not json", "")) {
            assertThat(PaperJson.rawObject("x", bad.getBytes(StandardCharsets.UTF_8))).as(bad).isNull();
        }
        assertThat(PaperJson.rawObject("x", null)).isNull();
    }

    /** A page crosses instances as JSON: the paper stays the exact stored text, the upvotes key stays a Long. */
    @Test
    void aPageItemSurvivesTheTripBetweenInstances() throws Exception {
        String paper = new String(json("abstract", null), StandardCharsets.UTF_8);
        Paging.LocalPage page = new Paging.LocalPage(List.of(new Paging.Item(7L, "id1", paper),
                new Paging.Item("a title", "id2", "{\"id\":\"id2\",\"x\":[1,{\"y\":null}]}")), 9, 3);
        String wire = Json.write(page);
        assertThat(wire).contains("\"paper\":" + paper); // raw, not a quoted string
        Paging.LocalPage back = Json.MAPPER.readValue(wire, Paging.LocalPage.class);
        assertThat(back.items().get(0).key()).isEqualTo(7L);
        assertThat(back.items().get(1).key()).isEqualTo("a title");
        assertThat(Json.MAPPER.readTree(back.items().get(0).paper())).isEqualTo(Json.MAPPER.readTree(paper));
        assertThat(back.items().get(1).paper()).isEqualTo("{\"id\":\"id2\",\"x\":[1,{\"y\":null}]}");
        assertThat(back.total()).isEqualTo(9);
    }
}
