package dev.papers.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.Json;
import dev.papers.common.Paper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search index kept across runs: what a clean stop leaves is served again for a partition whose store nothing
 * restored into meanwhile, and rebuilt otherwise; a run that dies without a clean stop leaves nothing reusable.
 */
class KeptSearchIndexTest {
    @TempDir
    Path tmp;

    static List<KeyValue<String, byte[]>> share(int partition, int n) {
        List<KeyValue<String, byte[]>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Paper p = TestData.paper("p" + partition + "-" + i, "Paper " + i + " of partition " + partition, "About diffusion.",
                    i, "2024-03-0" + (1 + i % 9), "s", 0, "tag" + partition);
            out.add(KeyValue.pair(p.id(), Json.write(p).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** A first run: partitions 0 and 1 built from their stores, 2 papers changed afterwards, then a clean stop. */
    private void firstRun(Path dir) {
        try (SearchIndex index = SearchIndex.kept(dir, 0)) {
            index.rebuild(0, share(0, 5).iterator());
            index.rebuild(1, share(1, 7).iterator());
            index.put(0, "p0-new", share(0, 6).get(5).value);
            index.put(1, "p1-0", null); // a tombstone
            assertThat(index.covers(Set.of(0, 1))).isTrue();
            index.stopping();
            index.release(0);
            index.release(1);
        }
    }

    @Test
    void aCleanStopIsServedAgainWithoutRebuilding() {
        Path dir = tmp.resolve("index");
        firstRun(dir);
        try (SearchIndex index = SearchIndex.kept(dir, 0)) {
            assertThat(index.covers(Set.of(0, 1))).as("nothing taken yet").isFalse();
            assertThat(index.resume(0)).isTrue();
            assertThat(index.resume(1)).isTrue();
            assertThat(index.covers(Set.of(0, 1))).isTrue();
            assertThat(index.rebuilt()).isZero();
            assertThat(index.resumed()).isEqualTo(2);
            assertThat(index.search(List.of("tag0"), null, QueryService.Sort.UPVOTES, false, null, 100).ids()).hasSize(6).contains("p0-new");
            assertThat(index.search(List.of("tag1"), null, QueryService.Sort.UPVOTES, false, null, 100).ids()).hasSize(6).doesNotContain("p1-0");
            assertThat(index.search(null, "diffusion", QueryService.Sort.TITLE, true, null, 100).total()).isEqualTo(12);
        }
    }

    @Test
    void aPartitionWhoseStoreWasRestoredIsRebuiltAndOneNoLongerHereIsDropped() {
        Path dir = tmp.resolve("index");
        firstRun(dir);
        try (SearchIndex index = SearchIndex.kept(dir, 0)) {
            index.touched(1); // its store got records from the topic that this index never saw
            assertThat(index.resume(1)).isFalse();
            index.rebuild(1, share(1, 3).iterator());
            // partition 0 went to another instance: its old share must not be listed here
            assertThat(index.covers(Set.of(1))).isTrue();
            assertThat(index.search(null, "diffusion", QueryService.Sort.TITLE, true, null, 100).total()).isEqualTo(3);
            assertThat(index.rebuilt()).isEqualTo(1);
        }
    }

    @Test
    void aRunThatDiesAfterTakingAPartitionLeavesItToBeRebuilt() throws IOException {
        Path dir = tmp.resolve("index");
        firstRun(dir);
        Path crashed = tmp.resolve("crashed");
        try (SearchIndex index = SearchIndex.kept(dir, 0)) {
            assertThat(index.resume(0)).isTrue();
            index.put(0, "p0-1", null); // changes of this run may reach the store, and the process dies here
            copy(dir, crashed); // what a killed process leaves on disk (no close, no final commit)
        }
        try (SearchIndex index = SearchIndex.kept(crashed, 0)) {
            assertThat(index.resume(0)).as("taken by the run that died").isFalse();
            assertThat(index.resume(1)).as("never taken by it: still as the clean stop left it").isTrue();
        }
    }

    @Test
    void anIndexOfAnotherSchemaStartsAfresh() throws IOException {
        Path dir = tmp.resolve("index");
        firstRun(dir);
        // the same index as an older version would have marked it
        try (org.apache.lucene.store.Directory d = org.apache.lucene.store.FSDirectory.open(dir);
             org.apache.lucene.index.IndexWriter w = new org.apache.lucene.index.IndexWriter(d,
                     SearchIndex.config(org.apache.lucene.index.IndexWriterConfig.OpenMode.APPEND))) {
            w.setLiveCommitData(java.util.Map.of("schema", "papers-search-0", "clean", "0,1").entrySet());
            w.commit();
        }
        try (SearchIndex index = SearchIndex.kept(dir, 0)) {
            assertThat(index.resume(0)).isFalse();
            assertThat(index.size()).isZero();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) if (!f.getFileName().toString().equals("write.lock")) Files.copy(f, to.resolve(f.getFileName()));
        }
    }
}
