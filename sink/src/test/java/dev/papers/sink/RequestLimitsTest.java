package dev.papers.sink;

import static dev.papers.sink.TestData.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The HTTP surface itself, without Kafka: bodies are bounded on both listeners (with and without Content-Length),
 * query parameters are bounded (400 naming the parameter and the bound, checked before any query runs), the
 * internal endpoints exist only on the internal listener, and every error is JSON. No query side is attached, so a
 * request that passes every check answers 503 "starting": that is how a test tells "refused" from "accepted".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class RequestLimitsTest {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HttpApi api = new HttpApi(registry);
    InternalApi internal = new InternalApi();
    String pub, priv;

    @BeforeAll
    void start() {
        pub = "http://127.0.0.1:" + api.start("127.0.0.1", 0);
        priv = "http://127.0.0.1:" + internal.start("127.0.0.1", 0);
    }

    @AfterAll
    void stop() {
        api.stop();
        internal.stop();
        registry.close();
    }

    static TestData.Resp send(String base, String method, String path, String body) throws Exception {
        HttpResponse<String> r = TestData.HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new TestData.Resp(r.statusCode(), r.body(), r);
    }

    // ------------------------------------------------------------ 1. bodies

    @Test
    void aDeclaredBodyOverTheLimitIs413OnBothListeners() throws Exception {
        TestData.Resp pubBig = send(pub, "GET", "/papers", "x".repeat(HttpApi.MAX_BODY_BYTES + 1));
        assertThat(pubBig.status()).isEqualTo(413);
        assertThat(pubBig.json().path("error").asText()).isEqualTo("request body over 1024 bytes");
        // at the limit: ignored by a GET, which then answers as usual
        assertThat(send(pub, "GET", "/papers", "x".repeat(HttpApi.MAX_BODY_BYTES)).status()).isEqualTo(503);

        TestData.Resp privBig = send(priv, "POST", "/internal/page", "x".repeat(InternalApi.MAX_BODY_BYTES + 1));
        assertThat(privBig.status()).isEqualTo(413);
        assertThat(privBig.json().path("error").asText()).isEqualTo("request body over 65536 bytes");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413BeforeItEnds() throws Exception {
        // 2 KiB sent, the body never finished: the answer cannot have waited for the rest
        RawHttp.Answer a = RawHttp.chunked(pub, "GET", "/papers", false, new byte[2048]);
        assertThat(a.status()).isEqualTo(413);
        assertThat(a.body()).contains("request body over 1024 bytes");
        RawHttp.Answer b = RawHttp.chunked(priv, "POST", "/internal/papers", false, new byte[40_000], new byte[40_000]);
        assertThat(b.status()).isEqualTo(413);
        assertThat(b.body()).contains("request body over 65536 bytes");
    }

    @Test
    void aSmallChunkedBodyIsReadAndParsed() throws Exception {
        String page = "{\"tags\":[],\"q\":\"models\",\"sort\":\"TITLE\",\"asc\":true,\"cursor\":null,\"limit\":3}";
        // parsed, then refused for the missing query side (503), not for the body
        RawHttp.Answer ok = RawHttp.chunked(priv, "POST", "/internal/page", true,
                page.substring(0, 10).getBytes(StandardCharsets.UTF_8), page.substring(10).getBytes(StandardCharsets.UTF_8));
        assertThat(ok.status()).isEqualTo(503);
        assertThat(ok.body()).contains("not ready: starting");
        RawHttp.Answer broken = RawHttp.chunked(priv, "POST", "/internal/page", true, "{\"tags\":".getBytes(StandardCharsets.UTF_8));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.body()).contains("'body'");
    }

    // ------------------------------------------------------------ 2. the internal endpoints

    @Test
    void internalEndpointsAreOnlyOnTheInternalListener() throws Exception {
        for (String path : new String[] {"/internal/stats", "/internal/tag-counts", "/internal/paper?id=p01", "/internal/similar?id=p01"}) {
            TestData.Resp r = get(pub, path);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.json().path("error").asText()).as(path).startsWith("no such resource /internal/");
            assertThat(get(priv, path).status()).as(path).isEqualTo(503);
        }
        assertThat(send(pub, "POST", "/internal/page", "{}").status()).isEqualTo(404);
        assertThat(send(pub, "POST", "/internal/papers", "{\"ids\":[]}").status()).isEqualTo(404);
        assertThat(get(priv, "/papers").status()).isEqualTo(404);
        assertThat(get(priv, "/stats").status()).isEqualTo(404);
    }

    // ------------------------------------------------------------ 3. query limits

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String words(int n) {
        return IntStream.range(0, n).mapToObj(i -> "word" + (char) ('a' + i % 26) + (char) ('a' + i / 26)).collect(Collectors.joining(" "));
    }

    static String tags(int n) {
        return IntStream.range(0, n).mapToObj(i -> "tag=t" + i).collect(Collectors.joining("&"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "q501       | q      | at most 500 characters (got 501)",
            "terms33    | q      | at most 32 search terms (got 33)",
            "tags17     | tag    | at most 16 tags (got 17)",
            "tag201     | tag    | at most 200 characters (got 201)",
            "pathTag201 | tag    | at most 200 characters (got 201)",
            "cursor6145 | cursor | at most 6144 characters (got 6145)"})
    void overALimitIs400NamingTheParameterAndTheLimit(String kind, String param, String why) {
        String path = switch (kind) {
            case "q501" -> "/papers?q=" + "q".repeat(501);
            case "terms33" -> "/papers?q=" + enc(words(33));
            case "tags17" -> "/papers?" + tags(17);
            case "tag201" -> "/papers?tag=" + "t".repeat(201);
            case "pathTag201" -> "/tags/" + "t".repeat(201);
            default -> "/papers?cursor=" + "c".repeat(6145);
        };
        TestData.Resp r = get(pub, path);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("error").asText()).isEqualTo("bad parameter '" + param + "': " + why);
    }

    @Test
    void atEachLimitTheQueryIsAccepted() {
        for (String path : new String[] {"/papers?q=" + "q".repeat(500), "/papers?q=" + enc(words(32)), "/papers?" + tags(16),
                "/papers?tag=" + "t".repeat(200), "/tags/" + "t".repeat(200)}) {
            TestData.Resp r = get(pub, path);
            assertThat(r.status()).as(path.substring(0, Math.min(60, path.length()))).isEqualTo(503);
            assertThat(r.json().path("error").asText()).isEqualTo("not ready: starting");
        }
    }

    // ------------------------------------------------------------ 6. one error table

    @Test
    void everyErrorIsJson() throws Exception {
        TestData.Resp method = send(pub, "DELETE", "/papers", "");
        assertThat(method.status()).isIn(404, 405);
        assertThat(method.json().has("error")).isTrue();
        TestData.Resp route = get(priv, "/nope");
        assertThat(route.status()).isEqualTo(404);
        assertThat(route.json().path("error").asText()).isEqualTo("no such resource /nope");
        TestData.Resp notReady = get(priv, "/internal/stats");
        assertThat(notReady.raw().headers().firstValue("Retry-After")).hasValue("1");
        assertThat(notReady.json().path("error").asText()).isEqualTo("not ready: starting");
        TestData.Resp bad = get(priv, "/internal/paper?id=x&partition=-1");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").asText()).isEqualTo("bad parameter 'partition': must not be negative");
    }
}
