package dev.papers.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker must fail: a copy of the real stack in a temporary repository, broken in one place per test, must
 * be reported with the expected problem (and the unbroken copy with none).
 */
class StackCheckerTest {
    @TempDir
    Path repo;
    Path docker;

    @BeforeEach
    void copyTheRealStack() throws IOException {
        docker = Files.createDirectories(repo.resolve("docker"));
        try (var files = Files.list(Project.docker())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, docker.resolve(f.getFileName()));
        }
        // The build context is docker/: its scripts and what Maven stages in docker/target.
        Files.createDirectories(docker.resolve("bin"));
        try (var files = Files.list(Project.docker().resolve("bin"))) {
            for (Path f : files.toList()) Files.copy(f, docker.resolve("bin").resolve(f.getFileName()));
        }
        for (String d : List.of("target/lib", "target/broker-lib", "target/demo-data")) Files.createDirectories(docker.resolve(d));
        Files.writeString(docker.resolve("target/lib/app.jar"), "");
        Files.writeString(docker.resolve("target/demo-data/page.txt"), "A title\n\nAn abstract.\n");
    }

    List<String> problems() {
        return Project.checker().check(docker.resolve("compose.yaml")).problems();
    }

    /** Replaces text that must be there (a replacement that no longer matches would make the test pass vacuously). */
    void edit(String file, String from, String to) throws IOException {
        Path p = docker.resolve(file);
        String s = Files.readString(p);
        assertThat(s).as(file).contains(from);
        Files.writeString(p, s.replace(from, to));
    }

    void editYaml(Consumer<ObjectNode> change) throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        Path p = docker.resolve("compose.yaml");
        ObjectNode root = (ObjectNode) yaml.readTree(p.toFile());
        change.accept(root);
        yaml.writeValue(p.toFile(), root);
    }

    ObjectNode service(ObjectNode root, String name) {
        return (ObjectNode) root.get("services").get(name);
    }

    @Test
    void theUnbrokenCopyHasNoProblem() throws IOException {
        assertThat(problems()).isEmpty();
        editYaml(root -> {}); // re-serialised by Jackson: still the same stack
        assertThat(problems()).isEmpty();
    }

    @Test
    void kafkaImageOtherThanTheProjectsKafkaVersion() throws IOException {
        edit("compose.yaml", "apache/kafka:" + Project.kafkaVersion(), "apache/kafka:4.0.0");
        assertThat(problems()).containsExactly("service kafka: image apache/kafka:4.0.0 is not the project's Kafka version " + Project.kafkaVersion());
    }

    @Test
    void unpinnedImages() throws IOException {
        edit("compose.yaml", "apache/kafka:" + Project.kafkaVersion(), "apache/kafka");
        edit("sink.Dockerfile", "FROM ${BASE_IMAGE}", "FROM eclipse-temurin:latest");
        edit("ingest.Dockerfile", "ARG BASE_IMAGE=eclipse-temurin:17-jre-noble", "ARG BASE_IMAGE=eclipse-temurin");
        assertThat(problems()).anyMatch(p -> p.contains("image apache/kafka is not pinned (no tag)"))
                .anyMatch(p -> p.startsWith("service sink (sink.Dockerfile) line") && p.contains("eclipse-temurin:latest is not pinned (latest)"))
                .anyMatch(p -> p.startsWith("service ingest (ingest.Dockerfile) line") && p.contains("image eclipse-temurin is not pinned (no tag)"));
    }

    @Test
    void missingDockerfile() throws IOException {
        edit("compose.yaml", "dockerfile: sink.Dockerfile", "dockerfile: sinks.Dockerfile");
        assertThat(problems()).contains("service sink: Dockerfile sinks.Dockerfile does not exist (relative to the build context .)");
    }

    @Test
    void missingBuildContext() throws IOException {
        editYaml(root -> ((ObjectNode) service(root, "processor").get("build")).put("context", "../nowhere"));
        assertThat(problems()).contains("service processor: build context ../nowhere does not exist");
    }

    @Test
    void variableTheApplicationDoesNotRead() throws IOException {
        editYaml(root -> {
            ObjectNode env = (ObjectNode) service(root, "processor").get("environment");
            env.remove("PAPERS_BOOTSTRAP_SERVERS");
            env.put("PAPERS_BOOTSTRAP_SERVER", "kafka:9092");
        });
        assertThat(problems()).anyMatch(p -> p.startsWith("service processor: sets PAPERS_BOOTSTRAP_SERVER, which `papers processor` does not read"))
                // without the (misspelt) variable it would connect to the default, 127.0.0.1:9092: its own container
                .contains("service processor: bootstrap server 127.0.0.1:9092 is not an advertised listener of a Kafka service in this stack");
    }

    @Test
    void bootstrapOnTheHostListener() throws IOException {
        editYaml(root -> ((ObjectNode) service(root, "sink").get("environment")).put("PAPERS_BOOTSTRAP_SERVERS", "localhost:9094"));
        assertThat(problems()).containsExactly("service sink: bootstrap server localhost:9094 is not an advertised listener of a Kafka service in this stack");
    }

    @Test
    void unknownFlagAndUnknownSubcommand() throws IOException {
        edit("compose.yaml", "\"--http-host\", \"0.0.0.0\"", "\"--http-hots\", \"0.0.0.0\"");
        edit("processor.Dockerfile", "\"dev.papers.app.Papers\", \"processor\"]", "\"dev.papers.app.Papers\", \"procesor\"]");
        assertThat(problems()).anyMatch(p -> p.startsWith("service sink: `papers sink --http-hots 0.0.0.0 --http-port 8080` is rejected by the launcher: Unknown option"))
                .anyMatch(p -> p.startsWith("service processor: `papers procesor` is rejected by the launcher"))
                .contains("no service runs `papers processor`");
    }

    @Test
    void badOptionValue() throws IOException {
        edit("compose.yaml", "\"--http-port\", \"8080\"", "\"--http-port\", \"eighty\"");
        assertThat(problems()).anyMatch(p -> p.startsWith("service sink: `papers sink --http-host 0.0.0.0 --http-port eighty` is rejected by the launcher: Invalid value"));
    }

    @Test
    void topicNamesOtherThanTopics() throws IOException {
        editYaml(root -> ((ObjectNode) service(root, "processor").get("environment")).put("PAPERS_RAW_TOPIC", "listings.raw.v2"));
        editYaml(root -> service(root, "ingest").putArray("command").add("--papers-topic").add("catalogue").add("demo-data"));
        assertThat(problems()).containsExactlyInAnyOrder(
                "service processor: --raw-topic is listings.raw.v2 but the pipeline's topic is listings.raw (dev.papers.common.Topics)",
                "service ingest: --papers-topic is catalogue but the pipeline's topic is papers (dev.papers.common.Topics)");
    }

    @Test
    void topicPrefixOnOneServiceOnly() throws IOException {
        editYaml(root -> ((ObjectNode) service(root, "sink").get("environment")).put("PAPERS_TOPIC_PREFIX", "dev."));
        assertThat(problems()).singleElement().asString().startsWith("the services use different topic prefixes");
    }

    @Test
    void publishedPortTheSinkDoesNotListenOn() throws IOException {
        edit("compose.yaml", "\"127.0.0.1:8080-8081:8080\"", "\"127.0.0.1:8080-8081:8081\"");
        assertThat(problems()).containsExactlyInAnyOrder(
                "service sink: publishes container port 8081, which its Dockerfile does not EXPOSE",
                "service sink: publishes container port 8081 but `papers sink` listens on 8080");
    }

    @Test
    void sinkOnTheContainersLoopback() throws IOException {
        edit("compose.yaml", "\"--http-host\", \"0.0.0.0\"", "\"--http-host\", \"127.0.0.1\"");
        assertThat(problems()).containsExactly(
                "service sink: listens on 127.0.0.1, the container's loopback: the published port cannot reach it (use --http-host 0.0.0.0)");
    }

    @Test
    void healthcheckOnAnotherPort() throws IOException {
        edit("compose.yaml", "http://127.0.0.1:8080/health/ready", "http://127.0.0.1:8081/health/ready");
        assertThat(problems()).containsExactly("service sink: healthcheck probes port 8081 but the service listens on 8080");
    }

    @Test
    void applicationsMustWaitForAHealthyKafka() throws IOException {
        editYaml(root -> service(root, "processor").remove("depends_on"));
        editYaml(root -> service(root, "kafka").remove("healthcheck"));
        assertThat(problems()).contains(
                "service processor: does not wait for a healthy kafka (depends_on condition service_healthy, directly or through another service)",
                "service sink: waits for kafka to be healthy, but kafka has no healthcheck");
    }

    @Test
    void ingestBeforeTheTopicsExist() throws IOException {
        editYaml(root -> {
            ObjectNode deps = (ObjectNode) service(root, "ingest").get("depends_on");
            deps.remove("sink");
            ((ObjectNode) deps.get("processor")).put("condition", "service_started");
            deps.putObject("kafka").put("condition", "service_healthy");
        });
        assertThat(problems()).containsExactly(
                "service ingest: topic auto-creation is off, so it must wait for a healthy service that creates the topics ([processor, sink])".replace(
                        "[processor, sink]", StackChecker.TOPIC_CREATORS.toString()));
    }

    @Test
    void dependencyOnAMissingService() throws IOException {
        editYaml(root -> ((ObjectNode) service(root, "processor").get("depends_on")).putObject("zookeeper").put("condition", "service_started"));
        assertThat(problems()).containsExactly("service processor: depends on zookeeper, which is not a service");
    }

    @Test
    void missingService() throws IOException {
        editYaml(root -> ((ObjectNode) root.get("services")).remove("ingest"));
        assertThat(problems()).containsExactly("no service runs `papers ingest`");
    }

    @Test
    void classPathNotCopiedIntoTheImage() throws IOException {
        edit("processor.Dockerfile", "\"-cp\", \"lib/*\"", "\"-cp\", \"libs/*\"");
        assertThat(problems()).containsExactly("service processor: class path entry libs/* (/app/libs) is not copied into the image");
    }

    @Test
    void shellFormEntrypoint() throws IOException {
        edit("processor.Dockerfile", "ENTRYPOINT [\"java\", \"-cp\", \"lib/*\", \"dev.papers.app.Papers\", \"processor\"]",
                "ENTRYPOINT java -cp 'lib/*' dev.papers.app.Papers processor");
        assertThat(problems()).anyMatch(p -> p.startsWith("service processor: Dockerfile line") && p.contains("ENTRYPOINT must use the exec form"));
    }

    @Test
    void copiedFilesMissingFromTheBuildContext() throws IOException {
        Files.delete(docker.resolve("target/demo-data/page.txt"));
        assertThat(problems()).singleElement().asString().matches("service ingest \\(ingest.Dockerfile\\) line \\d+: target/demo-data/\\*.txt not found in the build context");
    }

    @Test
    void copyFromAnUnknownStage() throws IOException {
        edit("sink.Dockerfile", "COPY bin/advertise-hostname.sh bin/", "COPY --from=builder /src/bin/advertise-hostname.sh bin/");
        assertThat(problems()).singleElement().asString().matches("service sink \\(sink.Dockerfile\\) line \\d+: COPY --from=builder names no earlier stage");
    }

    @Test
    void singleBrokerWithTheDefaultTransactionLogReplication() throws IOException {
        editYaml(root -> ((ObjectNode) service(root, "kafka").get("environment")).remove("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"));
        assertThat(problems()).containsExactly("service kafka: one broker needs KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR=1 (consumer groups, exactly-once)");
    }

    @Test
    void kafkaPortWithoutListenerAndAdvertisedListenerNotListening() throws IOException {
        edit("compose.yaml", "\"127.0.0.1:9094:9094\"", "\"127.0.0.1:9095:9095\"");
        edit("compose.yaml", "KAFKA_ADVERTISED_LISTENERS: INTERNAL://kafka:9092,", "KAFKA_ADVERTISED_LISTENERS: INTERNAL://kafka:9092,OTHER://kafka:9096,");
        assertThat(problems()).containsExactlyInAnyOrder(
                "service kafka: publishes container port 9095, which no listener uses",
                "service kafka: advertised listener OTHER is not in KAFKA_LISTENERS");
    }

    @Test
    void kafkaVariableThatIsNoBrokerSetting() throws IOException {
        edit("compose.yaml", "KAFKA_AUTO_CREATE_TOPICS_ENABLE:", "KAFKA_AUTO_CREATE_TOPIC_ENABLE:");
        assertThat(problems()).contains("service kafka: KAFKA_AUTO_CREATE_TOPIC_ENABLE would set auto.create.topic.enable, which is not a Kafka "
                + Project.kafkaVersion() + " broker setting");
    }

    @Test
    void builtImageNotTaggedWithTheProjectVersion() throws IOException {
        edit("compose.yaml", "image: papers-sink:" + Project.version(), "image: papers-sink:latest");
        assertThat(problems()).containsExactly("service sink: built image papers-sink:latest should be tagged with the project version " + Project.version());
    }

    @Test
    void composeVariableWithoutDefault() throws IOException {
        editYaml(root -> ((ObjectNode) service(root, "ingest").get("environment")).put("PAPERS_BOOTSTRAP_SERVERS", "${KAFKA}"));
        assertThat(problems()).contains("service ingest: ${KAFKA} has no default");
    }

    @Test
    void portPublishedOnEveryInterface() throws IOException {
        edit("compose.yaml", "\"127.0.0.1:9094:9094\"", "\"9094:9094\"");
        assertThat(problems()).containsExactly("service kafka: publishes port 9094 on every interface: bind 127.0.0.1");
    }

    @Test
    void entrypointWrapperNotInTheImage() throws IOException {
        edit("sink.Dockerfile", "COPY bin/advertise-hostname.sh bin/", "");
        assertThat(problems()).containsExactly("service sink: entrypoint program bin/advertise-hostname.sh is not copied into the image");
    }

    @Test
    void theBrokerImageFromASettingDefaultsToTheOfficialOne() throws IOException {
        edit("compose.yaml", "${PAPERS_KAFKA_IMAGE:-apache/kafka:" + Project.kafkaVersion() + "}", "${PAPERS_KAFKA_IMAGE:-papers-kafka:4.0.0}");
        assertThat(problems()).containsExactly("service kafka: image papers-kafka:4.0.0 is not the project's Kafka version " + Project.kafkaVersion());
    }

    @Test
    void invalidYaml() throws IOException {
        Files.writeString(docker.resolve("compose.yaml"), "services:\n  kafka: [\n");
        assertThat(problems()).singleElement().asString().startsWith("compose.yaml: not valid YAML");
    }
}
