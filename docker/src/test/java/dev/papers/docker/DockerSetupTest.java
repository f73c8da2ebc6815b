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
            assertThat(s.dockerfile().stages()).extracting(Dockerfile.Stage::image).as(name)
                    .containsExactly("maven:3.9-eclipse-temurin-17", "eclipse-temurin:17-jre-noble");
            assertThat(s.env()).as(name).containsEntry("PAPERS_BOOTSTRAP_SERVERS", "kafka:9092");
            assertThat(s.effective()).as(name).containsEntry("--bootstrap-servers", "kafka:9092")
                    .containsEntry("--raw-topic", Topics.RAW).containsEntry("--papers-topic", Topics.PAPERS)
                    .containsEntry("--by-tag-topic", Topics.PAPERS_BY_TAG).containsEntry("--rejects-topic", Topics.REJECTS)
                    .containsEntry("--topic-prefix", "");
        }
    }

    @Test
    void theSinkPublishesPort8080OnEveryInterface() {
        StackChecker.Service sink = report.services().get("sink");
        assertThat(sink.ports()).containsExactly(new StackChecker.Port(null, 8080, 8080));
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
                .contains("demo-data/*.txt demo-data/");
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
        assertThat(readme).contains("## Run with Docker", "docker compose -f docker/compose.yaml up",
                "http://localhost:8080", "docker compose -f docker/compose.yaml build");
        for (String name : SERVICES) assertThat(readme).contains("docker/" + name + ".Dockerfile");
        TreeSet<String> vars = PapersCli.allEnvVars();
        assertThat(vars).isNotEmpty();
        for (String v : vars) assertThat(readme).as("README documents " + v).contains(v);
    }

    /** BuildKit reads {@code <Dockerfile>.dockerignore}; identical copies keep the shared build stage cached. */
    @Test
    void eachDockerfileHasTheSameIgnoreFileExcludingBuildOutput() throws IOException {
        List<String> contents = new java.util.ArrayList<>();
        for (String name : SERVICES) {
            Path ignore = Project.docker().resolve(name + ".Dockerfile.dockerignore");
            assertThat(ignore).as(name).isRegularFile();
            contents.add(Files.readString(ignore));
        }
        assertThat(contents.stream().distinct().collect(Collectors.toList())).hasSize(1);
        assertThat(contents.get(0).lines()).contains("**/target", ".git");
    }
}
