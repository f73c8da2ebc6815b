package dev.papers.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.PapersConfig;
import dev.papers.common.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real docker/compose.yaml and Dockerfiles, checked against the project (no Docker engine needed). */
class DockerSetupTest {
    static final List<String> SERVICES = List.of("ingest", "processor", "sink");
    static StackChecker.Report report;

    @BeforeAll
    static void check() {
        report = Project.checker().check(Project.compose());
    }

    @Test
    void theStackIsConsistentWithTheProject() {
        assertThat(report.problems()).isEmpty();
        assertThat(report.services()).containsOnlyKeys("kafka", "processor", "sink", "ingest");
    }

    @Test
    void kafkaIsTheOfficialImageAtTheProjectsKafkaVersionInKRaftMode() {
        StackChecker.Service kafka = report.services().get("kafka");
        assertThat(kafka.image()).isEqualTo("apache/kafka:" + Project.kafkaVersion());
        assertThat(kafka.env()).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller").containsKey("KAFKA_NODE_ID");
        assertThat(kafka.healthcheck()).isNotNull();
        assertThat(StackChecker.listeners(kafka.env().get("KAFKA_ADVERTISED_LISTENERS")))
                .contains(new StackChecker.Listener("INTERNAL", "kafka", 9092));
    }

    @Test
    void eachServiceIsBuiltFromItsOwnDockerfileAndRunsItsSubcommand() {
        for (String name : SERVICES) {
            StackChecker.Service s = report.services().get(name);
            assertThat(s.subcommand()).as(name).isEqualTo(name);
            assertThat(s.dockerfilePath()).as(name).isEqualTo(Project.docker().resolve(name + ".Dockerfile"));
            assertThat(s.image()).as(name).isEqualTo("papers-" + name + ":" + Project.version());
            // One stage FROM a JRE (a build argument: PAPERS_BASE_IMAGE in compose), the jars Maven staged: no Maven inside.
            assertThat(s.dockerfile().stages()).extracting(Dockerfile.Stage::image).as(name)
                    .containsExactly("eclipse-temurin:17-jre-noble");
            assertThat(s.dockerfile().finalStage().all("USER")).extracting(Dockerfile.Instruction::args).as(name).containsExactly("1000:1000");
            assertThat(s.env()).as(name).containsEntry("PAPERS_BOOTSTRAP_SERVERS", "kafka:9092");
            assertThat(s.effective()).as(name).containsEntry("--bootstrap-servers", "kafka:9092")
                    .containsEntry("--raw-topic", Topics.RAW).containsEntry("--papers-topic", Topics.PAPERS)
                    .containsEntry("--by-tag-topic", Topics.PAPERS_BY_TAG).containsEntry("--rejects-topic", Topics.REJECTS)
                    .containsEntry("--topic-prefix", "");
        }
    }

    @Test
    void theSinkPublishesPort8080OnLoopbackOnly() {
        StackChecker.Service sink = report.services().get("sink");
        assertThat(sink.ports()).containsExactly(new StackChecker.Port("127.0.0.1", 8080, 8080));
        assertThat(sink.effective()).containsEntry("--http-host", "0.0.0.0").containsEntry("--http-port", "8080");
        assertThat(StackChecker.exposed(sink.dockerfile())).containsExactly(8080);
        assertThat(report.services().get("processor").ports()).isEmpty();
        assertThat(report.services().get("ingest").ports()).isEmpty();
    }

    @Test
    void theIngestJobLoadsTheBundledDemoPagesAfterTheTopicsExist() throws IOException {
        StackChecker.Service ingest = report.services().get("ingest");
        assertThat(ingest.launcherArgs()).containsExactly("ingest", "demo-data");
        assertThat(ingest.dependsOn()).containsEntry("sink", "service_healthy");
        assertThat(ingest.dockerfile().finalStage().all("COPY")).extracting(Dockerfile.Instruction::args)
                .contains("target/demo-data/*.txt demo-data/");
        try (var pages = Files.list(Project.root().resolve("demo-data"))) {
            assertThat(pages.filter(p -> p.toString().endsWith(".txt")).count()).isGreaterThanOrEqualTo(1);
        }
    }

    /** The documented environment contract: one PAPERS_* variable per connection option, defaults unchanged. */
    @Test
    void everyKafkaFacingSubcommandReadsTheSameVariablesWithTheFlagsDefaults() {
        Map<String, String> expected = Map.of(
                "PAPERS_BOOTSTRAP_SERVERS", PapersConfig.DEFAULT_BOOTSTRAP,
                "PAPERS_RAW_TOPIC", Topics.RAW,
                "PAPERS_PAPERS_TOPIC", Topics.PAPERS,
                "PAPERS_BY_TAG_TOPIC", Topics.PAPERS_BY_TAG,
                "PAPERS_REJECTS_TOPIC", Topics.REJECTS,
                "PAPERS_TOPIC_PREFIX", "");
        for (String sub : SERVICES) {
            Map<String, PapersCli.EnvOption> env = PapersCli.envOptions(sub);
            assertThat(env).as(sub).containsKeys(expected.keySet().toArray(String[]::new)).containsKey("PAPERS_KAFKA_CONFIG");
            expected.forEach((var, def) -> assertThat(env.get(var).fallback()).as(sub + " " + var).isEqualTo(def));
            assertThat(env.get("PAPERS_KAFKA_CONFIG").fallback()).isNull();
        }
    }

    @Test
    void theReadmeDocumentsEveryVariableAndTheCommands() throws IOException {
        String readme = Files.readString(Project.docker().resolve("README.md"));
        assertThat(readme).contains("## Run with Docker", "docker compose -f docker/compose.yaml -p papers up",
                "http://127.0.0.1:8080", "docker-compose -f docker/compose.yaml -p papers up", "scripts/container-engine.sh");
        for (String name : SERVICES) assertThat(readme).contains("docker/" + name + ".Dockerfile");
        TreeSet<String> vars = PapersCli.allEnvVars();
        assertThat(vars).isNotEmpty();
        for (String v : vars) assertThat(readme).as("README documents " + v).contains(v);
    }

    /** The context is docker/: only the staged jars, the demo pages and the scripts are sent to the engine. */
    @Test
    void theBuildContextIsTheStagedJarsOnly() throws IOException {
        assertThat(Files.readAllLines(Project.docker().resolve(".dockerignore")))
                .contains("*", "!bin/", "!target/lib/", "!target/broker-lib/", "!target/demo-data/");
    }

    /** Service images carry only what the services run; Kafka's server jars only in the broker image. */
    @Test
    void theServiceImagesCarryNoKafkaServerBenchmarkOrTestJars() throws IOException {
        List<String> lib, brokerLib;
        try (var l = Files.list(Project.docker().resolve("target/lib")); var b = Files.list(Project.docker().resolve("target/broker-lib"))) {
            lib = l.map(p -> p.getFileName().toString()).toList();
            brokerLib = b.map(p -> p.getFileName().toString()).toList();
        }
        assertThat(lib).anyMatch(j -> j.startsWith("app-")).anyMatch(j -> j.startsWith("kafka-streams-"))
                .anyMatch(j -> j.startsWith("processor-")).anyMatch(j -> j.startsWith("sink-"));
        assertThat(lib).noneMatch(j -> j.matches("(kafka_2\\.13|kafka-server|kafka-raft|kafka-metadata|kafka-storage|scala-library|broker|bench|jmh-core|junit|assertj|testcontainers|xchart)-.*"));
        // Nothing the launcher runs on is missing: each jar of app's class path is in the service image, unless only
        // the embedded broker needs it (then it is in the broker image's).
        for (String entry : Files.readString(Project.root().resolve("app/target/classpath.txt")).strip().split(java.io.File.pathSeparator)) {
            String jar = Path.of(entry).getFileName().toString();
            assertThat(lib.contains(jar) || jar.startsWith("broker-") || brokerLib.contains(jar) && !jar.startsWith("jackson-dataformat-yaml"))
                    .as("%s of app's class path is in target/lib (or only the broker's)", jar).isTrue();
        }
        assertThat(lib).anyMatch(j -> j.startsWith("ingest-")).anyMatch(j -> j.startsWith("jackson-dataformat-yaml-"));
        assertThat(brokerLib).anyMatch(j -> j.startsWith("kafka_2.13-" + Project.kafkaVersion()))
                .anyMatch(j -> j.startsWith("scala-library-")).anyMatch(j -> j.startsWith("slf4j-simple-"))
                .noneMatch(j -> j.matches("(app|processor|sink|rocksdbjni|lucene-core|javalin|kafka-streams)-.*"));
    }

    /** A stop lets each service close on its own (processor 30 s, sink 15 s) before it is killed. */
    @Test
    void everyLongRunningServiceHasAHealthcheckAndTimeToClose() throws IOException {
        var yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(Project.compose().toFile()).path("services");
        Map<String, Integer> closeSeconds = Map.of("kafka", 0, "processor", 30, "sink", 15);
        closeSeconds.forEach((name, close) -> {
            assertThat(report.services().get(name).healthcheck()).as(name).isNotNull();
            String grace = yaml.path(name).path("stop_grace_period").asText("10s");
            assertThat(Integer.parseInt(grace.replace("s", ""))).as(name + " stop_grace_period").isGreaterThan(close);
        });
        assertThat(yaml.path("processor").path("volumes").toString()).contains(":/app/data");
    }

    /** The sink's entrypoint advertises the container's own hostname unless --advertised-host is given. */
    @Test
    void theSinkAdvertisesItsContainersHostname() throws Exception {
        assertThat(report.services().get("sink").dockerfile().finalStage().last("ENTRYPOINT").orElseThrow().words())
                .startsWith("bin/advertise-hostname.sh", "java");
        String host = Files.readString(Path.of("/etc/hostname")).strip();
        assertThat(run("sh", "bin/advertise-hostname.sh", "echo", "sink", "--http-port", "8080"))
                .isEqualTo("sink --http-port 8080 --advertised-host " + host);
        assertThat(run("sh", "bin/advertise-hostname.sh", "echo", "sink", "--advertised-host=s1")).isEqualTo("sink --advertised-host=s1");
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(Project.docker().toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
