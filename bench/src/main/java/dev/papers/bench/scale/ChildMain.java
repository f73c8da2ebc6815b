package dev.papers.bench.scale;

import dev.papers.common.PapersConfig;
import dev.papers.processor.ProcessorOptions;
import dev.papers.processor.ProcessorService;
import dev.papers.sink.SinkOptions;
import dev.papers.sink.SinkService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Entry point of the benchmark's child JVMs: runs one {@link ProcessorService} or {@link SinkService} from the
 * normal APIs and talks to the parent over stdio.
 *
 * <pre>
 * java -cp … dev.papers.bench.scale.ChildMain processor|sink BOOTSTRAP TOPIC_PREFIX APP_ID STATE_DIR [key=value…]
 * stdout: "@@READY [url]" once running, "@@HEAP usedBytes committedBytes" every 200 ms, "@@GC usedBytes" after a
 *         "gc" command, "@@STOPPED" before exit.   stdin: "gc", "stop" (EOF also stops).
 * </pre>
 * key=value pairs are Kafka Streams overrides. Logs go to stderr.
 */
public final class ChildMain {
    private ChildMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: ChildMain processor|sink BOOTSTRAP TOPIC_PREFIX APP_ID STATE_DIR [key=value...]");
            System.exit(2);
        }
        String role = args[0];
        PapersConfig cfg = PapersConfig.defaults(args[1]).withTopicPrefix(args[2]);
        String appId = args[3];
        Path stateDir = Path.of(args[4]);
        Map<String, String> overrides = keyValues(java.util.Arrays.asList(args).subList(5, args.length));
        AutoCloseable service;
        java.util.function.BooleanSupplier ready;
        String url = "";
        switch (role) {
            case "processor" -> {
                ProcessorService p = ProcessorService.start(cfg, ProcessorOptions.defaults().withApplicationId(appId)
                        .withStateDir(stateDir).withOverrides(overrides));
                service = p;
                ready = () -> p.state() == KafkaStreams.State.RUNNING;
            }
            case "sink" -> {
                SinkService s = SinkService.start(cfg, new SinkOptions(appId, "127.0.0.1", 0, stateDir, overrides));
                service = s;
                ready = s::ready;
                url = s.baseUrl();
            }
            default -> throw new IllegalArgumentException("role must be processor or sink, got " + role);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(service)));
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        Thread heap = new Thread(() -> {
            try {
                while (true) {
                    MemoryUsage h = mem.getHeapMemoryUsage();
                    say("@@HEAP " + h.getUsed() + " " + h.getCommitted());
                    Thread.sleep(200);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-heap-reporter");
        heap.setDaemon(true);
        // A sink rebuilding its search index from 700 k stored papers takes minutes (bench --restart times it).
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                System.err.println(role + " not ready after 600 s");
                System.exit(3);
            }
            Thread.sleep(50);
        }
        say("@@READY " + url);
        heap.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            line = line.trim();
            if (line.equals("gc")) {
                System.gc();
                System.gc();
                say("@@GC " + mem.getHeapMemoryUsage().getUsed());
            } else if (line.equals("stop")) {
                break;
            }
        }
        closeQuietly(service);
        say("@@STOPPED");
        System.exit(0);
    }

    /** {@code key=value} arguments as a map, in order (others are ignored). */
    static Map<String, String> keyValues(java.util.List<String> args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq > 0) out.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return out;
    }

    private static synchronized void say(String s) {
        System.out.println(s);
        System.out.flush();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("close failed: " + e);
        }
    }
}
