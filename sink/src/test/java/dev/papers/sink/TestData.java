package dev.papers.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papers.common.Json;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import dev.papers.common.Reject;
import dev.papers.common.TagScore;
import dev.papers.common.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/** Hand-built papers, a plain producer and an HTTP helper shared by the tests. */
final class TestData {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestData() {}

    static Paper paper(String id, String title, String abstractText, int upvotes, String published, String source,
                       int duplicates, String... tags) {
        List<TagScore> ts = new ArrayList<>();
        for (String t : tags) ts.add(new TagScore(t, 0.9, "test"));
        return new Paper(Paper.SCHEMA_VERSION, id, title, title.toLowerCase(), abstractText, 3, "Org " + id,
                published, published, upvotes, published, null, List.of(source), ts, 1000L, 2000L, duplicates);
    }

    static Paper withArxivId(Paper p, String arxivId) {
        return new Paper(p.schemaVersion(), p.id(), p.title(), p.normalizedTitle(), p.abstractText(), p.authors(),
                p.organization(), p.publishedText(), p.published(), p.upvotes(), p.pageDate(), arxivId, p.sources(),
                p.tags(), p.firstSeen(), p.lastSeen(), p.duplicates());
    }

    static KafkaProducer<String, String> producer(PapersConfig cfg) {
        Properties p = cfg.baseClientProperties();
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p);
    }

    /** Writes each paper to the papers topic and one by-tag entry per tag, then waits until all are acknowledged. */
    static void publish(PapersConfig cfg, List<Paper> papers) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer(cfg)) {
            for (Paper p : papers) {
                sent.add(producer.send(new ProducerRecord<>(cfg.papersTopic(), p.id(), Json.write(p))));
                for (String tag : p.tagNames()) {
                    sent.add(producer.send(new ProducerRecord<>(cfg.byTagTopic(), Topics.tagKey(tag, p.id()), p.id())));
                }
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) f.get();
        }
    }

    static void tombstoneTag(PapersConfig cfg, String tag, String id) throws Exception {
        try (KafkaProducer<String, String> producer = producer(cfg)) {
            producer.send(new ProducerRecord<>(cfg.byTagTopic(), Topics.tagKey(tag, id), null)).get();
        }
    }

    static void reject(PapersConfig cfg, String source, long line) throws Exception {
        try (KafkaProducer<String, String> producer = producer(cfg)) {
            Reject r = new Reject(source, "ingest-1", 1, line, "unparseable", "<div>");
            producer.send(new ProducerRecord<>(cfg.rejectsTopic(), source, Json.write(r))).get();
        }
    }

    record Resp(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    static Resp get(String baseUrl, String pathAndQuery) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                    .timeout(Duration.ofSeconds(15)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Resp(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new AssertionError("GET " + pathAndQuery + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Waits until the sink at {@code base} is ready and holds every paper and every tag-index entry of
     * {@code papers}: the two tables fill independently, so a test that uses tags waits for both.
     */
    static void awaitCatalogue(String base, List<Paper> papers, Duration atMost) {
        long tagEntries = papers.stream().mapToLong(p -> p.tagNames().stream().distinct().count()).sum();
        Awaitility.await("sink " + base + " holds " + papers.size() + " papers and " + tagEntries + " tag entries")
                .atMost(atMost).untilAsserted(() -> {
                    assertThat(get(base, "/health/ready").status()).isEqualTo(200);
                    assertThat(get(base, "/stats").json().path("papers").asLong()).isEqualTo(papers.size());
                    long indexed = 0;
                    for (JsonNode t : get(base, "/tags?kw=true").json()) indexed += t.path("count").asLong();
                    assertThat(indexed).isEqualTo(tagEntries);
                });
    }

    static List<String> ids(JsonNode items) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : items) out.add(n.get("id").asText());
        return out;
    }
}
