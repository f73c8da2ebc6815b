package dev.papers.it;

import static dev.papers.it.ItSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.papers.broker.EmbeddedKafkaBroker;
import dev.papers.common.Json;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import dev.papers.common.TagScore;
import dev.papers.common.Topics;
import dev.papers.sink.SinkOptions;
import dev.papers.sink.SinkService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 random and malformed requests against two sink instances of one application (so forwarding paths get the
 * garbage too), on both listeners (public and internal): every answer is 2xx or 4xx, never 5xx, and both instances
 * still answer afterwards. Well-formed URLs go through java.net.http; request lines it refuses to build (invalid
 * escapes, raw bytes, spaces, control characters, 100 KB query strings) go over raw sockets. Cursors are real ones
 * (taken from real answers for every sort and order) and mutations of them. The seed is fixed (override with
 * {@code -Dfuzz.seed=N}), so a failure reproduces. A second test sends the cases at each limit with their exact status.
 */
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpHardeningTest {
    static final int REQUESTS = 10_000;
    static final int PAPERS = 24;
    static final long DEFAULT_SEED = 20_240_601L;

    EmbeddedKafkaBroker broker;
    SinkService a, b;
    List<Paper> papers;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        broker = ItSupport.startBroker(tmp.resolve("broker"));
        String run = ItSupport.runId();
        PapersConfig cfg = PapersConfig.defaults(broker.bootstrapServers()).withTopicPrefix("http-" + run + ".");
        ItSupport.ensureTopics(cfg, 4, (short) 1);
        papers = publishPapers(cfg);
        String app = "http-sink-" + run;
        a = SinkService.start(cfg, new SinkOptions(app, "127.0.0.1", 0, tmp.resolve("a"), ItSupport.FAST));
        b = SinkService.start(cfg, new SinkOptions(app, "127.0.0.1", 0, tmp.resolve("b"), ItSupport.FAST));
        for (SinkService s : List.of(a, b)) {
            await("sink " + s.baseUrl() + " ready with all papers").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() -> {
                        assertThat(get(s.baseUrl(), "/health/ready").status()).isEqualTo(200);
                        assertThat(get(s.baseUrl(), "/stats").json().path("papers").asInt()).isEqualTo(PAPERS);
                    });
        }
    }

    @AfterAll
    void stop() {
        if (a != null) a.close();
        if (b != null) b.close();
        if (broker != null) broker.close();
    }

    @Test
    void garbageRequestsNeverGet5xxAndTheServiceStaysUp() throws Exception {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        List<String> cursors = realCursors(a.baseUrl());
        Fuzzer fuzz = new Fuzzer(seed, papers, List.of(a.baseUrl(), b.baseUrl()), List.of(a.internalUrl(), b.internalUrl()), cursors);
        Map<String, List<String>> fivexx = fuzz.run(REQUESTS);
        assertThat(fuzz.sent.get()).isEqualTo(REQUESTS);
        assertThat(fuzz.broken).as("broken answers (seed %d)", seed).isEmpty();
        assertThat(fuzz.askedAgain.get()).as("answers lost once on a closing connection (of %d)", REQUESTS).isLessThanOrEqualTo(10);
        assertThat(fivexx).as("5xx answers (seed %d; rerun with -Dfuzz.seed=%d)", seed, seed).isEmpty();
        assertThat(fuzz.statusCounts).as("status classes seen").containsKeys(200, 400, 404, 413);
        // real cursors were used, and some of them were accepted
        assertThat(fuzz.validCursorOk.get()).as("real cursors answered 200").isPositive();

        // Both instances are alive and answer correctly afterwards.
        for (SinkService s : List.of(a, b)) {
            assertThat(get(s.baseUrl(), "/health/live").status()).isEqualTo(200);
            assertThat(get(s.baseUrl(), "/health/ready").status()).isEqualTo(200);
            assertThat(get(s.baseUrl(), "/papers?limit=500").json().path("total").asInt()).isEqualTo(PAPERS);
            for (Paper p : papers) {
                assertThat(get(s.baseUrl(), "/papers/" + p.id()).json().path("title").asText()).isEqualTo(p.title());
            }
        }
    }

    /**
     * Every cursor the API hands out, walking every sort and order with small pages (the same walk also checks the
     * cursors are real: each walk returns every paper once).
     */
    static List<String> realCursors(String base) throws Exception {
        List<String> out = new ArrayList<>();
        for (String sort : List.of("upvotes", "published", "title")) {
            for (String order : List.of("asc", "desc")) {
                String cursor = null;
                int seen = 0;
                do {
                    ItSupport.Resp r = get(base, "/papers?limit=5&sort=" + sort + "&order=" + order + (cursor == null ? "" : "&cursor=" + cursor));
                    assertThat(r.status()).isEqualTo(200);
                    seen += r.json().path("items").size();
                    cursor = r.json().path("nextCursor").isNull() ? null : r.json().path("nextCursor").asText();
                    if (cursor != null) out.add(cursor);
                } while (cursor != null);
                assertThat(seen).as("walk %s %s", sort, order).isEqualTo(PAPERS);
            }
        }
        return out;
    }

    // ------------------------------------------------------------ the limits, each with its exact status

    @Test
    void eachLimitHasItsExactStatus() throws Exception {
        String pub = a.baseUrl(), internal = a.internalUrl();
        String words32 = IntStream.range(0, 32).mapToObj(i -> "word" + (char) ('a' + i % 26) + (char) ('a' + i / 26)).collect(Collectors.joining(" "));
        record Case(String base, String path, int status, String error) {}
        List<Case> cases = List.of(
                new Case(pub, "/papers?q=" + "m".repeat(500), 200, null),
                new Case(pub, "/papers?q=" + "m".repeat(501), 400, "bad parameter 'q': at most 500 characters (got 501)"),
                new Case(pub, "/papers?q=" + enc(words32), 200, null),
                new Case(pub, "/papers?q=" + enc(words32 + " extra"), 400, "bad parameter 'q': at most 32 search terms (got 33)"),
                new Case(pub, "/papers?" + tags(16), 200, null),
                new Case(pub, "/papers?" + tags(17), 400, "bad parameter 'tag': at most 16 tags (got 17)"),
                new Case(pub, "/tags/" + "t".repeat(201), 400, "bad parameter 'tag': at most 200 characters (got 201)"),
                new Case(pub, "/papers?cursor=" + "c".repeat(6145), 400, "bad parameter 'cursor': at most 6144 characters (got 6145)"),
                new Case(pub, "/internal/stats", 404, "no such resource /internal/stats"),
                new Case(internal, "/internal/stats", 200, null),
                new Case(internal, "/papers", 404, "no such resource /papers"));
        for (Case c : cases) {
            ItSupport.Resp r = get(c.base, c.path);
            String what = c.path.substring(0, Math.min(c.path.length(), 50));
            assertThat(r.status()).as(what).isEqualTo(c.status);
            if (c.error != null) assertThat(r.json().path("error").asText()).as(what).isEqualTo(c.error);
        }

        // bodies: declared, chunked and never finished, small and chunked
        assertThat(withBody(pub, "GET", "/papers", 1025)).isEqualTo(413);
        assertThat(withBody(pub, "GET", "/papers", 1024)).isEqualTo(200);
        assertThat(withBody(internal, "POST", "/internal/page", 64 * 1024 + 1)).isEqualTo(413);
        assertThat(chunked(pub, "GET /papers", 2048, false)).startsWith("HTTP/1.1 413");
        assertThat(chunked(pub, "GET /papers", 100, true)).startsWith("HTTP/1.1 200");
        assertThat(chunked(internal, "POST /internal/papers", 70_000, false)).startsWith("HTTP/1.1 413");
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String tags(int n) {
        return IntStream.range(0, n).mapToObj(i -> "tag=" + (i == 0 ? "all" : "t" + i)).collect(Collectors.joining("&"));
    }

    static int withBody(String base, String method, String path, int bytes) throws Exception {
        return ItSupport.HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.ofString("x".repeat(bytes))).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The status line of the answer to a chunked body of {@code bytes} (one chunk), finished or left open. */
    static String chunked(String base, String requestLine, int bytes, boolean finish) throws IOException {
        URI u = URI.create(base);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(u.getHost(), u.getPort()), 5000);
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write((requestLine + " HTTP/1.1\r\nHost: " + u.getHost() + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(bytes) + "\r\n" + "x".repeat(bytes) + "\r\n" + (finish ? "0\r\n\r\n" : ""))
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] line = new byte[12];
            int n = s.getInputStream().readNBytes(line, 0, 12);
            return new String(line, 0, n, StandardCharsets.US_ASCII);
        }
    }

    static List<Paper> publishPapers(PapersConfig cfg) throws Exception {
        List<Paper> out = new ArrayList<>();
        Properties p = cfg.baseClientProperties();
        p.put("acks", "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < PAPERS; i++) {
                String title = "Robust paper " + i + (i % 5 == 0 ? " — ünïcödé ✓ עברית" : "");
                List<TagScore> tags = List.of(new TagScore("all", 0.9, "test"), new TagScore(i % 2 == 0 ? "even" : "odd", 0.5, "test"),
                        new TagScore("kw:robust paper", 0.3, "rake"));
                Paper paper = new Paper(Paper.SCHEMA_VERSION, dev.papers.common.Titles.id(title), title,
                        dev.papers.common.Titles.normalize(title), "Abstract about models number " + i, i % 3 == 0 ? null : 3,
                        null, "Jan " + (i + 1) + ", 2024", "2024-01-" + String.format("%02d", i + 1), i, "Jan 30", null,
                        List.of("page-" + (i % 4) + ".txt"), tags, 1000L + i, 2000L + i, i % 3);
                out.add(paper);
                producer.send(new ProducerRecord<>(cfg.papersTopic(), paper.id(), Json.write(paper)));
                for (String t : paper.tagNames()) producer.send(new ProducerRecord<>(cfg.byTagTopic(), Topics.tagKey(t, paper.id()), paper.id()));
            }
            producer.flush();
        }
        return out;
    }

    /** Generates and sends the requests; remembers every 5xx with what was sent. */
    static final class Fuzzer {
        final long seed;
        final List<Paper> papers;
        final List<String> bases;
        final List<String> internalBases;
        final List<String> cursors;
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger validCursorOk = new AtomicInteger();
        /** Requests whose answer was lost once and read on a second try (see the send below). */
        final AtomicInteger askedAgain = new AtomicInteger();
        final Map<Integer, AtomicInteger> statusCounts = new ConcurrentHashMap<>();
        final Map<String, List<String>> fivexx = new ConcurrentHashMap<>();
        /** Well-formed requests whose answer could not be read (broken response), by error. */
        final Map<String, List<String>> broken = new ConcurrentHashMap<>();

        Fuzzer(long seed, List<Paper> papers, List<String> bases, List<String> internalBases, List<String> cursors) {
            this.seed = seed;
            this.papers = papers;
            this.bases = bases;
            this.internalBases = internalBases;
            this.cursors = cursors;
        }

        Map<String, List<String>> run(int n) throws Exception {
            int threads = 4;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Random rnd = new Random(seed + t);
                    int share = n / threads + (t < n % threads ? 1 : 0);
                    fs.add(pool.submit(() -> {
                        for (int i = 0; i < share; i++) one(rnd);
                        return null;
                    }));
                }
                for (Future<?> f : fs) f.get();
            } finally {
                pool.shutdownNow();
            }
            return fivexx;
        }

        private void one(Random rnd) throws Exception {
            String base = bases.get(rnd.nextInt(bases.size()));
            int status;
            String what;
            if (rnd.nextInt(20) == 0) {
                // a real cursor as it was handed out: always accepted by a request with its own sort and order
                String c = cursors.get(rnd.nextInt(cursors.size()));
                what = "GET real cursor " + c;
                status = get(base, "/papers?limit=5&" + sortOf(c) + "&cursor=" + c).status();
                if (status == 200) validCursorOk.incrementAndGet();
                else throw new AssertionError(what + " answered " + status);
            } else if (rnd.nextInt(10) < 6) {
                // HEAD goes over raw sockets: JDK 17's client expects a body after HEAD's Content-Length.
                String method = pick(rnd, "GET", "GET", "GET", "GET", "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FROB");
                String target = wellFormedTarget(rnd);
                // the internal endpoints are asked on both listeners: 404 on the public one
                if (target.startsWith("/internal/") && rnd.nextInt(3) > 0) base = internalBases.get(rnd.nextInt(internalBases.size()));
                what = method + " " + base + target;
                HttpRequest.BodyPublisher body = rnd.nextBoolean() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(pick(rnd, "{", "x".repeat(1025), "{\"ids\":[\"" + "i".repeat(70_000) + "\"]}", "{\"ids\":[1,{}],\"q\":[]}", "null", "[]", "\u0000\u00ff", "{\"ids\":null,\"q\":\"models\"}",
                                "{\"tags\":[\"llm\",null],\"q\":\"models\",\"sort\":\"TITLE\",\"asc\":true,\"limit\":3}", "{\"tags\":null,\"sort\":\"UPVOTES\",\"limit\":0}"));
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + target)).timeout(Duration.ofSeconds(30));
                if (rnd.nextInt(4) == 0) b.header("Content-Type", pick(rnd, "application/json", "text/plain", "garbage/x", "multipart/form-data"));
                b.method(method, method.equals("GET") || method.equals("HEAD") ? HttpRequest.BodyPublishers.noBody() : body);
                HttpRequest request = b.build();
                try {
                    status = ItSupport.HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException e) {
                    // A server answering early (a 413 before the body is read) and closing can race the body still
                    // going out, and the client then reads no answer: asked once more on a new connection. A server
                    // that really breaks answers fails both times (and retries are bounded by the assertion above).
                    try {
                        HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(); // no close in Java 17
                        status = fresh.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        askedAgain.incrementAndGet();
                    } catch (IOException again) {
                        List<String> l = broken.computeIfAbsent(e + " / again: " + again, k -> Collections.synchronizedList(new ArrayList<>()));
                        if (l.size() < 10) l.add(what);
                        status = -1;
                    }
                }
            } else {
                if (rnd.nextInt(4) == 0) base = internalBases.get(rnd.nextInt(internalBases.size()));
                RawRequest req = rawRequest(rnd, URI.create(base));
                what = printable(req.bytes());
                status = sendRaw(URI.create(base), req.bytes());
                // A request line without an HTTP/1.x version is HTTP/0.9 (or no HTTP at all): Jetty's
                // protocol-level answer is 505 Version Not Supported, before any application code runs.
                if (status == 505 && !req.http1()) status = 400;
            }
            sent.incrementAndGet();
            statusCounts.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
            if (status >= 500) {
                List<String> l = fivexx.computeIfAbsent(Integer.toString(status), k -> Collections.synchronizedList(new ArrayList<>()));
                if (l.size() < 20) l.add(what);
            }
        }

        // ------------------------------------------------------------ well-formed URLs with odd contents

        private String wellFormedTarget(Random rnd) {
            String id = rnd.nextInt(3) == 0 ? papers.get(rnd.nextInt(papers.size())).id() : value(rnd);
            return switch (rnd.nextInt(14)) {
                case 0 -> "/papers/" + enc(id);
                case 1 -> "/papers/" + enc(id) + "/similar" + query(rnd, "limit");
                case 2, 3 -> "/papers" + query(rnd, "tag", "q", "sort", "order", "limit", "cursor", "x", "tag");
                case 4 -> "/tags" + query(rnd, "kw", "limit", "zzz");
                case 5 -> "/tags/" + enc(value(rnd)) + query(rnd, "sort", "order", "limit", "cursor", "q");
                case 6 -> "/stats" + query(rnd, "x");
                case 7 -> pick(rnd, "/health/live", "/health/ready", "/metrics", "/", "/index.html", "/favicon.ico");
                case 8 -> "/internal/paper" + query(rnd, "id", "id");
                case 9 -> "/internal/similar" + query(rnd, "id", "tag", "tag", "limit");
                case 10 -> pick(rnd, "/internal/papers", "/internal/page", "/internal/stats", "/internal/tag-counts") + query(rnd, "q");
                case 11 -> "/" + enc(value(rnd)) + "/" + enc(value(rnd));
                case 12 -> "/papers?limit=" + pick(rnd, "-1", "0", "-2147483648", "2147483648", "99999999999999999999", "1.5", "1e3", "%2B5", "0x10", "%20", "500", "501")
                        + "&cursor=" + enc(cursor(rnd));
                default -> "/papers" + query(rnd, "q") + "&" + "q=" + enc("x".repeat(rnd.nextInt(4000)));
            };
        }

        private String query(Random rnd, String... names) {
            StringBuilder sb = new StringBuilder();
            int n = rnd.nextInt(names.length + 2);
            for (int i = 0; i < n; i++) {
                String name = rnd.nextInt(6) == 0 ? value(rnd) : names[rnd.nextInt(names.length)];
                String v = switch (name) {
                    case "limit" -> pick(rnd, "-5", "0", "1", "10", "500", "501", "abc", "", "2147483647", "-0", "  7 ");
                    case "sort" -> pick(rnd, "upvotes", "published", "title", "TITLE", "", "rank", "upvotes;drop");
                    case "order" -> pick(rnd, "asc", "desc", "DESC", "", "sideways");
                    case "kw" -> pick(rnd, "true", "false", "", "yes", "1");
                    case "cursor" -> cursor(rnd);
                    case "tag" -> pick(rnd, "all", "even", "odd", "", " ", "kw:robust paper", "nope", "\u0000", value(rnd));
                    default -> value(rnd);
                };
                sb.append(sb.length() == 0 ? "?" : "&").append(enc(name));
                if (rnd.nextInt(8) != 0) sb.append('=').append(enc(v));
            }
            return sb.length() == 0 ? "?" : sb.toString();
        }

        /** Real cursors, as handed out or mutated: another sort, a flipped character, cut, re-encoded with odd fields. */
        private String cursor(Random rnd) {
            String real = cursors.get(rnd.nextInt(cursors.size()));
            return switch (rnd.nextInt(9)) {
                case 0, 1 -> real;
                case 2 -> flip(rnd, real);
                case 3 -> real.substring(0, rnd.nextInt(real.length()));
                case 4 -> real + pick(rnd, "A", "==", "%", "!", real);
                case 5 -> retouched(rnd, real);
                case 6 -> retouched(rnd, retouched(rnd, real));
                case 7 -> value(rnd);
                default -> b64(value(rnd));
            };
        }

        private static String flip(Random rnd, String c) {
            char[] cs = c.toCharArray();
            int i = rnd.nextInt(cs.length);
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            cs[i] = alphabet.charAt(rnd.nextInt(alphabet.length()));
            return new String(cs);
        }

        /** The cursor's JSON ({v, s, o, k, i}) with one field changed, removed or of another type, encoded as the API does. */
        private String retouched(Random rnd, String cursor) {
            ObjectNode n;
            try {
                n = (ObjectNode) Json.MAPPER.readTree(java.util.Base64.getUrlDecoder().decode(cursor));
            } catch (Exception e) {
                return cursor; // already mangled
            }
            String field = pick(rnd, "v", "s", "o", "k", "i");
            switch (rnd.nextInt(7)) {
                case 0 -> n.remove(field);
                case 1 -> n.put(field, rnd.nextLong());
                case 2 -> n.put(field, value(rnd));
                case 3 -> n.putNull(field);
                case 4 -> n.putArray(field).add(1);
                case 5 -> n.put(field, pick(rnd, "upvotes", "published", "title", "asc", "desc", "2", "-1"));
                default -> n.put(field, rnd.nextDouble() * 1e300);
            }
            return b64(n.toString());
        }

        /** The sort and order a real cursor was issued for, as query parameters. */
        private static String sortOf(String cursor) {
            try {
                JsonNode n = Json.MAPPER.readTree(java.util.Base64.getUrlDecoder().decode(cursor));
                return "sort=" + n.path("s").asText() + "&order=" + n.path("o").asText();
            } catch (IOException e) {
                throw new AssertionError("not a cursor of this API: " + cursor, e);
            }
        }

        private static String b64(String s) {
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
        }

        /** Odd strings: empty, long, control characters, surrogates, RTL, emoji, path tricks, injections. */
        private String value(Random rnd) {
            return switch (rnd.nextInt(16)) {
                case 0 -> "";
                case 1 -> " ";
                case 2 -> "x".repeat(1 + rnd.nextInt(3000));
                case 3 -> "\u0000\u0001\u001f\u007f";
                case 4 -> "\ud83d\ude00 emoji \ud83e\udd16";
                case 5 -> "\u05e9\u05dc\u05d5\u05dd \u0627\u0644\u0633\u0644\u0627\u0645 \u202e rtl";
                case 6 -> "e\u0301\u0301\u0301 combining";
                case 7 -> "../../etc/passwd";
                case 8 -> "' OR 1=1 --";
                case 9 -> "<script>alert(1)</script>";
                case 10 -> "%zz%";
                case 11 -> "\ud800 lone surrogate";
                case 12 -> Long.toHexString(rnd.nextLong());
                case 13 -> "kw:" + rnd.nextInt(100);
                case 14 -> "a/b\\c?d#e&f=g";
                default -> randomUnicode(rnd, 1 + rnd.nextInt(40));
            };
        }

        private static String randomUnicode(Random rnd, int n) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) sb.appendCodePoint(rnd.nextInt(3) == 0 ? rnd.nextInt(0x2FFFF) : 0x20 + rnd.nextInt(0x5F));
            return sb.toString();
        }

        /** URLEncoder maps a lone surrogate to '?': fine, still a valid URL. */
        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
        }

        // ------------------------------------------------------------ raw, malformed request lines

        record RawRequest(byte[] bytes, boolean http1) {}

        private RawRequest rawRequest(Random rnd, URI base) {
            String host = "Host: " + base.getHost() + ":" + base.getPort() + "\r\n";
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String method = pick(rnd, "GET", "GET", "GET", "POST", "HEAD", "DELETE", "PROPFIND", "G E T", "get", "", "\u00e9T");
            String path = switch (rnd.nextInt(16)) {
                case 0 -> "/papers/%zz";
                case 1 -> "/papers/%C3%28";
                case 2 -> "/papers/%FF%FE%00";
                case 3 -> "/papers?q=%";
                case 4 -> "/papers?q=%E2%82&limit=%";
                case 5 -> "/papers?tag=" + "a".repeat(100_000);
                case 6 -> "/tags/%00%0d%0a";
                case 7 -> "/papers/" + "\u00ff\u00fe"; // raw non-UTF-8 bytes (written as ISO-8859-1 below)
                case 8 -> "/papers with spaces";
                case 9 -> "*";
                case 10 -> "http://evil.example/papers";
                case 11 -> "/papers/%2e%2e/%2e%2e/stats";
                case 12 -> "/papers?limit=-1&limit=%2D1&cursor=%ZZ";
                case 13 -> "/papers/\u0001\u0002";
                case 14 -> "//papers//" + Long.toHexString(rnd.nextLong());
                default -> "/internal/paper?id=%C0%AF%25";
            };
            String version = pick(rnd, "HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.0", "", "HTTP/1.1 extra", "http/1.1");
            String line = method + (method.isEmpty() ? "" : " ") + path + (version.isEmpty() ? "" : " " + version);
            String headers = switch (rnd.nextInt(6)) {
                case 0 -> host;
                case 1 -> "";
                case 2 -> host + "Content-Length: " + pick(rnd, "-1", "abc", "99999999999999999999", "5") + "\r\n";
                case 3 -> host + "X-Broken-Header-Without-Colon\r\n";
                case 4 -> host + "X-Big: " + "b".repeat(20_000) + "\r\n";
                default -> host + "Transfer-Encoding: chunked\r\n";
            };
            out.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(("\r\n" + headers + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            if (headers.contains("chunked")) out.writeBytes("zz\r\nnot hex\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String[] tokens = line.split(" ", -1);
            return new RawRequest(out.toByteArray(), tokens.length == 3 && tokens[2].matches("HTTP/1\\.[01]"));
        }

        /**
         * Sends one raw request and returns the status of the answer. A connection closed without any answer counts
         * as 400 (the server refused to read it); a timeout is a failure.
         */
        private static int sendRaw(URI base, byte[] req) throws IOException {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
                s.setSoTimeout(30_000);
                OutputStream out = s.getOutputStream();
                try {
                    out.write(req);
                    out.flush();
                    s.shutdownOutput();
                } catch (IOException e) {
                    // The server may answer and close before reading a huge request: read what it said.
                }
                InputStream in = s.getInputStream();
                byte[] head = new byte[12];
                int n = 0;
                try {
                    while (n < head.length) {
                        int r = in.read(head, n, head.length - n);
                        if (r < 0) break;
                        n += r;
                    }
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("no answer within 30 s to " + printable(req));
                } catch (IOException e) {
                    // reset by peer after refusing the request
                }
                if (n == 0) return 400;
                String status = new String(head, 0, n, StandardCharsets.ISO_8859_1);
                if (!status.startsWith("HTTP/1.") || n < 12) throw new AssertionError("not an HTTP answer: " + status + " to " + printable(req));
                return Integer.parseInt(status.substring(9, 12));
            }
        }

        private static String printable(byte[] req) {
            String s = new String(req, 0, Math.min(req.length, 200), StandardCharsets.ISO_8859_1);
            StringBuilder sb = new StringBuilder();
            for (char c : s.toCharArray()) sb.append(c < 0x20 || c > 0x7e ? String.format("\\x%02x", (int) c) : String.valueOf(c));
            return sb.toString();
        }

        @SafeVarargs
        private static <T> T pick(Random rnd, T... xs) {
            return xs[rnd.nextInt(xs.length)];
        }
    }
}
