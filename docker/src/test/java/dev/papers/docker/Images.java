package dev.papers.docker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The images the container tests run, built once per test JVM from this build's jars (docker/target/lib and
 * broker-lib, staged by Maven before the tests) with the legacy builder, which never asks a registry for a base image
 * that is present locally. Nothing is ever pulled: a missing base image skips the tests in seconds, naming it.
 */
public final class Images {
    /** The JRE 17 images a service image can be built FROM, in order of preference, when PAPERS_BASE_IMAGE is unset. */
    static final List<String> BASES = List.of("papers-jre:17-bookworm", "eclipse-temurin:17-jre-noble");

    public record Built(String base, String kafka, String processor, String sink, String ingest, String timings) {}

    private static Built built;
    private static String skipped;

    private Images() {}

    /** Builds (once) or skips the calling test class with the reason. */
    public static synchronized Built require() {
        if (built == null && skipped == null) {
            try {
                built = build();
            } catch (Skip s) {
                skipped = s.getMessage();
            }
        }
        assumeTrue(skipped == null, () -> skipped);
        return built;
    }

    private static final class Skip extends Exception {
        Skip(String why) {
            super(why);
        }
    }

    private static Built build() throws Skip {
        String engine = Engine.unavailable();
        if (engine != null) throw new Skip(engine);
        String base = pick("PAPERS_BASE_IMAGE", BASES);
        String version = Project.version();
        String officialKafka = "apache/kafka:" + Project.kafkaVersion();
        String wantedKafka = System.getenv("PAPERS_KAFKA_IMAGE");
        List<String> timings = new ArrayList<>();
        String kafka;
        if (wantedKafka != null && !wantedKafka.isBlank()) {
            if (!Engine.imagePresent(wantedKafka)) throw new Skip("PAPERS_KAFKA_IMAGE=" + wantedKafka + " is not present locally (nothing is pulled)");
            kafka = wantedKafka;
        } else if (Engine.imagePresent(officialKafka)) {
            kafka = officialKafka;
        } else {
            kafka = "papers-kafka:" + Project.kafkaVersion();
            timings.add(build("kafka.Dockerfile", base, kafka));
        }
        String processor = "papers-processor:" + version, sink = "papers-sink:" + version, ingest = "papers-ingest:" + version;
        timings.add(build("processor.Dockerfile", base, processor));
        timings.add(build("sink.Dockerfile", base, sink));
        timings.add(build("ingest.Dockerfile", base, ingest));
        String t = String.join(", ", timings);
        System.out.println("container images built from this build (base " + base + ", broker " + kafka + "): " + t);
        return new Built(base, kafka, processor, sink, ingest, t);
    }

    private static String pick(String env, List<String> candidates) throws Skip {
        String wanted = System.getenv(env);
        List<String> order = wanted != null && !wanted.isBlank() ? List.of(wanted) : candidates;
        for (String image : order) if (Engine.imagePresent(image)) return image;
        throw new Skip("no base image: none of " + order + " is present locally and nothing is pulled"
                + " (scripts/container-engine.sh builds papers-jre:17-bookworm)");
    }

    private static String build(String dockerfile, String base, String tag) {
        long t0 = System.nanoTime();
        // DOCKER_BUILDKIT=0: BuildKit resolves a FROM image against its registry even when it is present locally.
        Engine.Result r = Engine.docker(Map.of("DOCKER_BUILDKIT", "0"), 300, "build", "-q",
                "-f", Project.docker().resolve(dockerfile).toString(), "--build-arg", "BASE_IMAGE=" + base,
                "-t", tag, Project.docker().toString());
        if (!r.ok()) throw new AssertionError("docker build " + dockerfile + " failed (" + r.exit() + "):\n" + r.output());
        return String.format("%s %.1f s", tag, (System.nanoTime() - t0) / 1e9);
    }
}
