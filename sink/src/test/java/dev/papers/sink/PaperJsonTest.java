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
}
