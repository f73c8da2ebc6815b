package dev.papers.sink;

import dev.papers.broker.EmbeddedKafkaBroker;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import dev.papers.common.Titles;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Not a test: the CPU of one projected list page of 20 (the web page's {@code fields=}) in-process, answered the old
 * way (search, then a store get and a parse of the whole paper per item) and from the index's list views. N copies of
 * the demo papers (real abstracts, new titles and upvotes) go through a real broker and sink first. Run under
 * {@code flock -x /tmp/papers-quiet.lock java -cp ... dev.papers.sink.ListPageCost [papers] [seconds]}.
 */
final class ListPageCost {
    private static final List<String> WEB = List.of("id,title,upvotes,published,publishedText,organization");

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("list-page-cost");
        List<Paper> demo = DemoCatalogue.load();
        SplittableRandom rnd = new SplittableRandom(7);
        List<Paper> papers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Paper p = demo.get(i % demo.size());
            String title = p.title() + " " + (i / demo.size());
            papers.add(new Paper(p.schemaVersion(), Titles.id(title), title, Titles.normalize(title), p.abstractText(),
                    p.authors(), p.organization(), p.publishedText(), p.published(), rnd.nextInt(500), p.pageDate(), p.arxivId(),
                    p.sources(), p.tags(), p.firstSeen(), p.lastSeen(), p.duplicates()));
        }
        double avg = papers.stream().mapToInt(p -> dev.papers.common.Json.write(p).length()).average().orElse(0);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0)) {
            PapersConfig cfg = PapersConfig.defaults(broker.bootstrapServers()).withTopicPrefix("cost-");
            try (SinkService sink = SinkService.start(cfg, new SinkOptions("sink-cost", "127.0.0.1", 0, dir.resolve("state"),
                    Map.of("commit.interval.ms", "100")))) {
                long t0 = System.nanoTime();
                TestData.publish(cfg, papers);
                QueryService query = sink.query();
                while (true) {
                    try {
                        if (sink.search().size() >= n && query.localPage(req(new ArrayList<>(), null, WEB)).total() >= n) break;
                    } catch (ApiException e) {
                        // not ready yet
                    }
                    Thread.sleep(500);
                }
                System.out.printf("%,d papers (%.0f B of JSON each on average) served after %.1f s%n", n, avg,
                        (System.nanoTime() - t0) / 1e9);
                String tag = demo.stream().flatMap(p -> p.tagNames().stream()).findFirst().orElseThrow();
                for (String[] c : new String[][] {{null, null}, {tag, null}, {null, "model"}}) {
                    List<String> tags = c[0] == null ? new ArrayList<>() : new ArrayList<>(List.of(c[0]));
                    Paging.PageRequest r = req(tags, c[1], WEB);
                    Projection proj = Projection.parse(WEB);
                    Runnable before = () -> {
                        // what localPage did before the list views
                        SearchIndex.Hits h = query.local().search().search(r.tags(), r.q(), r.sort(), r.asc(), null, 21);
                        List<String> ids = h.ids().subList(0, Math.min(20, h.ids().size()));
                        List<String> json = query.local().rawPapers(ids, proj);
                        List<Paging.Item> items = new ArrayList<>();
                        for (int i = 0; i < ids.size(); i++) items.add(new Paging.Item(h.keys().get(i), ids.get(i), json.get(i)));
                        sinkHole += items.size();
                    };
                    Runnable after = () -> sinkHole += query.localPage(r).items().size();
                    Runnable subset = () -> sinkHole += query.localPage(req(tags, c[1], List.of("id,title"))).items().size();
                    for (int round = 0; round < 2; round++) { // the first round warms up
                        String what = (c[0] != null ? "tag=" + c[0] : c[1] != null ? "q=" + c[1] : "all") + ", sort=upvotes";
                        double b = measure(before, seconds), a = measure(after, seconds), x = measure(subset, seconds);
                        if (round == 1) {
                            System.out.printf("%-28s before %7.1f µs/page  list view %6.1f µs/page (x%.1f)  fields=id,title %6.1f µs/page%n",
                                    what, b, a, b / a, x);
                        }
                    }
                }
            }
        }
        System.out.println("load average: " + Files.readString(Path.of("/proc/loadavg")).trim());
    }

    static volatile long sinkHole;

    private static Paging.PageRequest req(List<String> tags, String q, List<String> fields) {
        return new Paging.PageRequest(tags, q, QueryService.Sort.UPVOTES, false, null, 20, fields);
    }

    /** Thread CPU µs per call over about {@code seconds}. */
    private static double measure(Runnable r, int seconds) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long end = System.nanoTime() + seconds * 1_000_000_000L, calls = 0, cpu0 = mx.getCurrentThreadCpuTime();
        while (System.nanoTime() < end) {
            for (int i = 0; i < 100; i++) r.run();
            calls += 100;
        }
        return (mx.getCurrentThreadCpuTime() - cpu0) / 1e3 / calls;
    }
}
