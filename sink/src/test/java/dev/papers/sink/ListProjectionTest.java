package dev.papers.sink;

import static dev.papers.sink.TestData.get;
import static dev.papers.sink.TestData.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papers.common.Json;
import dev.papers.common.Paper;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code fields=} on the list endpoints, against a real broker and the demo-data papers: projected items hold exactly
 * the asked fields with the papers' own values, in the same order as whole items; a bad field list is a 400 naming
 * the parameter and the bad value; and every list page of 20 the web page asks for is under 8 KB.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class ListProjectionTest {
    static final int PAGE_BOUND_BYTES = 8 * 1024;

    @TempDir
    static Path tmp;
    DemoSink demo;
    SinkService sink;
    String base;
    Map<String, Paper> papers;

    @BeforeAll
    void start() throws Exception {
        demo = DemoSink.start(tmp, "proj");
        sink = demo.sink;
        base = demo.base;
        papers = demo.papers.stream().collect(Collectors.toMap(Paper::id, Function.identity()));
    }

    @AfterAll
    void stop() throws Exception {
        if (demo != null) demo.close();
    }

    @Test
    void projectedItemsHoldExactlyTheAskedFieldsWithThePapersValues() {
        JsonNode whole = ok("/papers?limit=20&sort=upvotes");
        JsonNode proj = ok("/papers?limit=20&sort=upvotes&fields=tags,upvotes,title,id");
        assertThat(ids(proj.path("items"))).containsExactlyElementsOf(ids(whole.path("items"))).hasSize(20);
        assertThat(proj.path("total").asLong()).isEqualTo(papers.size());
        assertThat(proj.path("nextCursor").asText()).isEqualTo(whole.path("nextCursor").asText());
        for (JsonNode item : proj.path("items")) {
            // the paper's field order, whatever the order asked
            assertThat(names(item)).containsExactly("id", "title", "upvotes", "tags");
            JsonNode expected = Json.MAPPER.valueToTree(papers.get(item.path("id").asText()));
            for (String f : List.of("id", "title", "upvotes", "tags")) assertThat(item.get(f)).as(f).isEqualTo(expected.get(f));
        }
        // the next page through the cursor is projected too
        JsonNode next = ok("/papers?limit=20&sort=upvotes&fields=id&cursor=" + enc(proj.path("nextCursor").asText()));
        assertThat(next.path("items")).hasSize(20).allSatisfy(i -> assertThat(names(i)).containsExactly("id"));
    }

    @Test
    void tagListsAndRepeatedParametersProjectToo() {
        String tag = ok("/tags").get(0).path("tag").asText();
        JsonNode whole = ok("/tags/" + enc(tag) + "?limit=50");
        JsonNode proj = ok("/tags/" + enc(tag) + "?limit=50&fields=id&fields=abstract");
        assertThat(ids(proj.path("items"))).containsExactlyElementsOf(ids(whole.path("items"))).isNotEmpty();
        for (JsonNode item : proj.path("items")) {
            assertThat(names(item)).containsExactly("id", "abstract");
            assertThat(item.path("abstract").asText()).isEqualTo(papers.get(item.path("id").asText()).abstractText());
        }
    }

    @Test
    void everyFieldOfAWholePaperCanBeAsked() {
        Paper full = new Paper(Paper.SCHEMA_VERSION, "p1", "T", "t", "A", 2, "O", "Jan 1", "2024-01-01", 5, "2024-01-02",
                "2401.00001", List.of("Ann", "Bo"), 3, List.of("s"), List.of(), 1L, 2L, 0, List.of(new dev.papers.common.Sighting(1L, 5, "s")));
        assertThat(Projection.KNOWN).containsExactlyElementsOf(names(Json.MAPPER.valueToTree(full)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fields=id,bogus", "fields=ID", "fields=id,,title", "fields=", "fields=id&fields=abstract%20text"})
    void aBadFieldListIs400NamingTheParameter(String param) {
        for (String path : List.of("/papers?", "/tags/llm?", "/papers?q=model&")) {
            TestData.Resp r = get(base, path + param);
            assertThat(r.status()).as(path + param + ": " + r.body()).isEqualTo(400);
            String error = r.json().path("error").asText();
            assertThat(error).startsWith("bad parameter 'fields': ");
            if (param.contains("bogus")) assertThat(error).contains("unknown field 'bogus'");
            if (param.equals("fields=ID")) assertThat(error).contains("unknown field 'ID'");
            if (param.contains("%20")) assertThat(error).contains("unknown field 'abstract text'");
        }
    }

    @Test
    void aPeerAsksForTheProjectionInItsPageRequestAndGetsProjectedItems() throws Exception {
        // what a coordinating sink sends another (QueryService.list): the fields travel in the page request
        Paging.PageRequest req = new Paging.PageRequest(List.of(), null, QueryService.Sort.UPVOTES, false, null, 5,
                List.of("title", "id"));
        String body = Json.write(req);
        assertThat(Json.MAPPER.readTree(body).path("fields")).hasSize(2);
        TestData.Resp r = RequestLimitsTest.send(sink.internalUrl(), "POST", "/internal/page", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode items = r.json().path("items");
        assertThat(items).hasSize(5);
        for (JsonNode i : items) {
            assertThat(names(i.path("paper"))).containsExactly("id", "title");
            assertThat(i.path("paper").path("title").asText()).isEqualTo(papers.get(i.path("id").asText()).title());
        }
        String bad = Json.write(new Paging.PageRequest(List.of(), null, QueryService.Sort.UPVOTES, false, null, 5, List.of("nope")));
        TestData.Resp refused = RequestLimitsTest.send(sink.internalUrl(), "POST", "/internal/page", bad);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error").asText()).startsWith("bad parameter 'fields': unknown field 'nope'");
    }

    @Test
    void aStoredValueThatIsNotOneJsonObjectProjectsToNothing() {
        Projection p = Projection.parse(List.of("id,tags"));
        String stored = "{\"id\":\"a\",\"abstract\":\"x\\\"y\",\"tags\":[{\"tag\":\"t\",\"score\":0.5}],\"upvotes\":1}";
        assertThat(p.fromStored("a", stored.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("{\"id\":\"a\",\"tags\":[{\"tag\":\"t\",\"score\":0.5}]}");
        for (String notOne : List.of("[1]", "{\"id\":\"a\"} {}", "{\"id\":", "\"id\"", "null")) {
            assertThat(p.fromStored("a", notOne.getBytes(StandardCharsets.UTF_8))).as(notOne).isNull();
        }
        assertThat(p.fromStored("a", null)).isNull();
    }

    @Test
    void everyListPageTheWebPageAsksForIsUnder8KB() throws Exception {
        String fields = webPageListFields();
        assertThat(fields).doesNotContain("abstract").contains("title");
        int wholeFirst = 0, projFirst = 0, pages = 0, largest = 0;
        for (String query : List.of("sort=upvotes", "sort=title", "sort=published&order=asc", "q=model&sort=upvotes")) {
            String cursor = null;
            do {
                String path = "/papers?limit=20&" + query + "&fields=" + enc(fields) + (cursor == null ? "" : "&cursor=" + enc(cursor));
                TestData.Resp r = get(base, path);
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                int bytes = r.body().getBytes(StandardCharsets.UTF_8).length;
                assertThat(bytes).as("bytes of " + path).isLessThan(PAGE_BOUND_BYTES);
                largest = Math.max(largest, bytes);
                if (pages == 0) {
                    projFirst = bytes;
                    wholeFirst = get(base, "/papers?limit=20&" + query).body().getBytes(StandardCharsets.UTF_8).length;
                }
                pages++;
                JsonNode next = r.json().path("nextCursor");
                cursor = next.isNull() ? null : next.asText();
            } while (cursor != null);
        }
        assertThat(pages).isGreaterThan(16); // 325 papers: every page of each order was looked at
        System.out.printf("list page of 20 (demo catalogue, sort=upvotes): %,d bytes whole, %,d bytes with fields=%s;"
                + " largest of %d projected pages: %,d bytes%n", wholeFirst, projFirst, fields, pages, largest);
    }

    /** The fields the web page's list view asks for, read from the page itself. */
    static String webPageListFields() throws Exception {
        try (InputStream in = HttpApi.class.getResourceAsStream("/web/index.html")) {
            Matcher m = Pattern.compile("const LIST_FIELDS = '([^']+)'").matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertThat(m.find()).as("LIST_FIELDS in index.html").isTrue();
            return m.group(1);
        }
    }

    private JsonNode ok(String path) {
        TestData.Resp r = get(base, path);
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> names(JsonNode item) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = item.fieldNames(); it.hasNext(); ) out.add(it.next());
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
