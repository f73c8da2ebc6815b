package dev.papers.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.papers.broker.EmbeddedKafkaBroker;
import dev.papers.common.Chunk;
import dev.papers.common.Json;
import dev.papers.common.PapersConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.apache.kafka.common.quota.ClientQuotaFilterComponent;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest without a broker, and one whose broker is lost half-way: both end non-zero within their documented
 * bounds (README, {@code papers ingest --help}) and name exactly the pages that were not published.
 */
@Timeout(300)
class IngestFailureTest {
    /** Documented: no broker answering fails after max.block.ms, 15 s by default. */
    static final Duration NO_BROKER_BOUND = Duration.ofSeconds(20);
    /** Documented: a lost broker fails within delivery.timeout.ms + request.timeout.ms, 40 s by default. */
    static final Duration LOST_BROKER_BOUND = Duration.ofSeconds(40);

    @Test
    void noBrokerAtTheAddressFailsSoonNamingIt() {
        List<Sources.Source> sources = Sources.discover(List.of("../demo-data"));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> IngestJob.run(PapersConfig.defaults("127.0.0.1:1"), sources, new IngestOptions(200, false)))
                .isInstanceOfSatisfying(IngestFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo("no Kafka broker answered at 127.0.0.1:1 within 15 s");
                    assertThat(e.getMessage()).doesNotContain("\n")
                            .startsWith("no Kafka broker answered at 127.0.0.1:1 within 15 s; failed to publish any of the 4 pages: ");
                    assertThat(e.sendingStarted()).isFalse();
                    assertThat(e.notPublished()).containsExactlyElementsOf(sources);
                    assertThat(e.published().pages()).isZero();
                });
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        System.out.println("MEASURED no broker at 127.0.0.1:1: failed after " + took.toMillis() + " ms");
        assertThat(took).isLessThan(NO_BROKER_BOUND);
    }

    @Test
    void aUsersMaxBlockShortensTheWait(@TempDir Path tmp) throws Exception {
        Path page = Files.writeString(tmp.resolve("small.txt"), "Daily Papers\n\nA Title\n\nIts abstract.\n");
        PapersConfig cfg = PapersConfig.defaults("127.0.0.1:1").withClientProps(Map.of("max.block.ms", "2500"));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> IngestJob.run(cfg, List.of(new Sources.Source("small.txt", page)), new IngestOptions(200, false)))
                .isInstanceOf(IngestFailedException.class)
                .hasMessage("no Kafka broker answered at 127.0.0.1:1 within 2.5 s; failed to publish small.txt");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(NO_BROKER_BOUND);
    }

    @Test
    void brokerLostMidIngestNamesExactlyTheUnpublishedPagesAndARerunCompletesThem(@TempDir Path tmp) throws Exception {
        List<Sources.Source> sources = new ArrayList<>();
        Map<String, String> text = new LinkedHashMap<>();
        Path dir = Files.createDirectories(tmp.resolve("pages"));
        for (int i = 0; i < 150; i++) {
            String name = String.format("page-%03d.txt", i);
            StringBuilder b = new StringBuilder("Daily Papers\n\n");
            for (int j = 0; j < 12; j++) {
                b.append("Paper ").append(i).append('.').append(j).append(": a title\n\n")
                        .append("An abstract of page ").append(i).append(", entry ").append(j).append(", long enough to span chunks. 😀\n\n");
            }
            text.put(name, b.toString());
            sources.add(new Sources.Source(name, Files.writeString(dir.resolve(name), b)));
        }

        // One-second quota windows, so the byte-rate quota below throttles from the first kilobytes on.
        Map<String, String> brokerProps = Map.of("quota.window.num", "2", "quota.window.size.seconds", "1");
        Path brokerDir = tmp.resolve("broker");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(brokerDir, 0, brokerProps);
        int port = broker.port();
        try {
            PapersConfig cfg = PapersConfig.defaults(broker.bootstrapServers()).withTopicPrefix("lost-");
            slowClient(cfg, "slow-ingest", 20_000);
            // Throttled (~30 s for the whole run at 20 KB/s) with a small buffer, so nothing waits long in the producer.
            PapersConfig slow = cfg.withClientProps(Map.of("client.id", "slow-ingest", "batch.size", "2048", "buffer.memory", "32768",
                    "interceptor.classes", AckRecorder.class.getName()));
            AckRecorder.ACKED.clear();
            CompletableFuture<IngestSummary> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return IngestJob.run(slow, sources, new IngestOptions(200, false));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });

            try (KafkaConsumer<String, Chunk> c = consumer(cfg)) {
                c.subscribe(List.of(cfg.rawTopic()));
                await("the first page fully acknowledged").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                        .until(() -> {
                            for (ConsumerRecord<String, Chunk> r : c.poll(Duration.ofMillis(100))) if (r.value().last()) return true;
                            return false;
                        });
            }
            assertThat(first).as("the ingest is still running").isNotDone();
            long lost = System.nanoTime();
            broker.close();

            Throwable thrown = null;
            try {
                first.get(120, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                thrown = e.getCause().getCause();
            }
            Duration afterLoss = Duration.ofNanos(System.nanoTime() - lost);
            System.out.println("MEASURED broker lost mid-ingest: the job failed " + afterLoss.toMillis() + " ms after the broker was stopped");
            assertThat(thrown).isInstanceOf(IngestFailedException.class);
            IngestFailedException failure = (IngestFailedException) thrown;
            System.out.println("MEASURED " + failure.getMessage() + " / " + failure.summaryLine());
            assertThat(afterLoss).isLessThan(LOST_BROKER_BOUND.plusSeconds(5)); // + the broker's own shutdown
            assertThat(failure.getMessage()).contains("Kafka at " + broker.bootstrapServers()).doesNotContain("\n");
            assertThat(failure.sendingStarted()).isTrue();

            broker = EmbeddedKafkaBroker.start(brokerDir, port, brokerProps);
            Map<String, List<Run>> runs = runsBySource(cfg);
            // Read back after the restart: a page is published when the topic holds it complete and exact and the
            // producer saw every one of its chunks acknowledged (AckRecorder, a Kafka interceptor, not IngestJob).
            Set<String> complete = new TreeSet<>();
            Set<String> acknowledged = new TreeSet<>();
            runs.forEach((source, rs) -> {
                if (rs.size() == 1 && rs.get(0).reassembles(text.get(source))) {
                    complete.add(source);
                    if (rs.get(0).offsets.stream().allMatch(AckRecorder.ACKED::contains)) acknowledged.add(source);
                }
            });
            Set<String> reported = new TreeSet<>();
            failure.notPublished().forEach(s -> reported.add(s.name()));
            Set<String> all = new TreeSet<>(text.keySet());
            Set<String> notAcknowledged = new TreeSet<>(all);
            notAcknowledged.removeAll(acknowledged);
            Set<String> incomplete = new TreeSet<>(all);
            incomplete.removeAll(complete);
            System.out.println("MEASURED complete in the topic: " + complete.size() + ", of which acknowledged: " + acknowledged.size()
                    + " (a page written whose acknowledgement the stopping broker never sent is not published)");
            assertThat(acknowledged).as("pages published before the broker stopped").isNotEmpty();
            assertThat(reported).as("pages reported not published").isNotEmpty().isEqualTo(notAcknowledged);
            assertThat(reported).as("every page the topic lacks or holds incomplete is reported").containsAll(incomplete);
            Set<String> published = new TreeSet<>(all);
            published.removeAll(reported);
            assertThat(complete).as("every page reported published is complete and exact in the topic").containsAll(published);
            assertThat(failure.published().pages()).isEqualTo(published.size());
            assertThat(failure.summaryLine()).startsWith("published " + published.size() + " of 150 pages (");

            IngestSummary second = IngestJob.run(cfg, sources, new IngestOptions(200, false));
            assertThat(second.pages()).isEqualTo(150);
            Map<String, List<Run>> after = runsBySource(cfg);
            assertThat(after.keySet()).isEqualTo(all);
            after.forEach((source, rs) -> {
                Run last = rs.get(rs.size() - 1);
                assertThat(last.reassembles(text.get(source))).as("%s sent again whole", source).isTrue();
                if (runs.containsKey(source)) {
                    assertThat(runs.get(source)).as("%s: a new ingest id", source).noneMatch(r -> r.ingestId.equals(last.ingestId));
                }
            });
        } finally {
            broker.close();
        }
    }

    /** Creates the raw topic and a produce quota for {@code clientId}, waiting until the broker serves the quota. */
    private static void slowClient(PapersConfig cfg, String clientId, double bytesPerSecond) throws Exception {
        ClientQuotaEntity entity = new ClientQuotaEntity(Map.of(ClientQuotaEntity.CLIENT_ID, clientId));
        try (Admin admin = Admin.create(cfg.baseClientProperties())) {
            admin.createTopics(List.of(new NewTopic(cfg.rawTopic(), 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            admin.alterClientQuotas(List.of(new ClientQuotaAlteration(entity,
                    List.of(new ClientQuotaAlteration.Op("producer_byte_rate", bytesPerSecond))))).all().get(30, TimeUnit.SECONDS);
            ClientQuotaFilter filter = ClientQuotaFilter.containsOnly(List.of(ClientQuotaFilterComponent.ofEntity(ClientQuotaEntity.CLIENT_ID, clientId)));
            await("quota in force").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> admin.describeClientQuotas(filter).entities().get().containsKey(entity));
        }
    }

    private static KafkaConsumer<String, Chunk> consumer(PapersConfig cfg) {
        Properties p = cfg.baseClientProperties();
        p.put("group.id", "lost-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        return new KafkaConsumer<>(p, new StringDeserializer(), Json.serde(Chunk.class).deserializer());
    }

    /** One ingest run of one page as the topic holds it: its chunks in offset order, and where they are. */
    record Run(String ingestId, List<Chunk> chunks, List<String> offsets) {
        boolean reassembles(String page) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < chunks.size(); i++) {
                Chunk c = chunks.get(i);
                if (c.seq() != i || c.last() != (i == chunks.size() - 1)) return false;
                b.append(c.text());
            }
            return !chunks.isEmpty() && chunks.get(chunks.size() - 1).last() && b.toString().equals(page);
        }
    }

    /** The whole topic, to its current end: per source, its runs in the order they were written. */
    private static Map<String, List<Run>> runsBySource(PapersConfig cfg) {
        Map<String, List<Run>> out = new LinkedHashMap<>();
        try (KafkaConsumer<String, Chunk> c = consumer(cfg)) {
            List<TopicPartition> parts = c.partitionsFor(cfg.rawTopic(), Duration.ofSeconds(60)).stream()
                    .map(pi -> new TopicPartition(cfg.rawTopic(), pi.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(60));
            await("the topic read to its end " + end).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1))
                    .until(() -> {
                        for (ConsumerRecord<String, Chunk> r : c.poll(Duration.ofMillis(100))) {
                            assertThat(r.key()).isEqualTo(r.value().source());
                            List<Run> rs = out.computeIfAbsent(r.key(), k -> new ArrayList<>());
                            if (rs.isEmpty() || !rs.get(rs.size() - 1).ingestId.equals(r.value().ingestId())) {
                                rs.add(new Run(r.value().ingestId(), new ArrayList<>(), new ArrayList<>()));
                            }
                            rs.get(rs.size() - 1).chunks.add(r.value());
                            rs.get(rs.size() - 1).offsets.add(AckRecorder.at(r.partition(), r.offset()));
                        }
                        return parts.stream().allMatch(tp -> c.position(tp) >= end.get(tp));
                    });
        }
        return out;
    }
}
