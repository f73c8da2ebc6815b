package dev.papers.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.Json;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The arXiv index of the sink topology: arXiv id → the titles (paper ids) that currently carry it. */
class SinkTopologyTest {
    static final PapersConfig CFG = PapersConfig.defaults("unused:9092");

    TopologyTestDriver driver;
    TestInputTopic<String, Paper> papers;
    KeyValueStore<String, ArxivTitles> index;

    @BeforeEach
    void setUp() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "sink-tt-" + UUID.randomUUID());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/sink-tt-" + UUID.randomUUID());
        driver = new TopologyTestDriver(SinkTopology.build(CFG), p);
        papers = driver.createInputTopic(CFG.papersTopic(), new StringSerializer(), Json.serde(Paper.class).serializer());
        index = driver.getKeyValueStore(SinkTopology.ARXIV_STORE);
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    static Paper paper(String id, String arxivId) {
        return new Paper(Paper.SCHEMA_VERSION, id, "Title " + id, id, "abstract", 2, null, null, null, 1, "Mar 16",
                arxivId, List.of("s"), List.of(), 1L, 1L, 0);
    }

    Map<String, List<String>> indexContents() {
        Map<String, List<String>> m = new HashMap<>();
        try (KeyValueIterator<String, ArxivTitles> it = index.all()) {
            while (it.hasNext()) {
                KeyValue<String, ArxivTitles> kv = it.next();
                if (!kv.value.ids().isEmpty()) m.put(kv.key, kv.value.ids());
            }
        }
        return m;
    }

    @Test
    void anArxivIdOnTwoTitlesIsFoundAndPapersWithoutOneAreLeftOut() {
        papers.pipeInput("renamed title", paper("renamed title", "2401.00001"));
        papers.pipeInput("original title", paper("original title", "2401.00001"));
        papers.pipeInput("other", paper("other", "2402.00002"));
        papers.pipeInput("no id", paper("no id", null));
        // a re-sighting of the same paper does not count it twice
        papers.pipeInput("other", paper("other", "2402.00002"));

        assertThat(indexContents()).containsOnly(
                Map.entry("2401.00001", List.of("original title", "renamed title")),
                Map.entry("2402.00002", List.of("other")));
        assertThat(index.get("2401.00001").conflicting()).isTrue();
        assertThat(index.get("2402.00002").conflicting()).isFalse();
    }

    @Test
    void aCorrectedArxivIdMovesThePaperAndATombstoneRemovesIt() {
        papers.pipeInput("a", paper("a", "2401.00001"));
        papers.pipeInput("b", paper("b", "2401.00001"));
        papers.pipeInput("b", paper("b", "2401.99999")); // b's id corrected: no longer a conflict
        assertThat(indexContents()).containsOnly(
                Map.entry("2401.00001", List.of("a")), Map.entry("2401.99999", List.of("b")));

        papers.pipeInput("a", (Paper) null);
        papers.pipeInput("b", paper("b", null)); // an id can also be lost
        assertThat(indexContents()).isEmpty();
    }
}
