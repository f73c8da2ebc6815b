package dev.papers.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileTest {
    static final String TEXT = """
            # a comment
            ARG BASE=eclipse-temurin:17-jre-noble
            FROM --platform=linux/amd64 maven:3.9-eclipse-temurin-17 AS build
            WORKDIR /src
            RUN echo one \\
                # a comment inside a continued instruction
                && echo two
            FROM ${BASE}
            WORKDIR /app
            WORKDIR sub/../lib
            COPY --from=build --chown=1000 /src/a.jar ./
            ENTRYPOINT ["java", "-cp", "a.jar:*", "Main"]
            CMD --flag value
            """;

    @Test
    void stagesInstructionsFlagsAndArgs() {
        Dockerfile df = Dockerfile.parse(TEXT);
        assertThat(df.globalArgs()).isEqualTo(Map.of("BASE", "eclipse-temurin:17-jre-noble"));
        assertThat(df.stages()).extracting(Dockerfile.Stage::image).containsExactly("maven:3.9-eclipse-temurin-17", "eclipse-temurin:17-jre-noble");
        assertThat(df.stage("build")).isPresent();
        Dockerfile.Instruction run = df.stages().get(0).last("RUN").orElseThrow();
        assertThat(run.args()).isEqualTo("echo one && echo two");
        assertThat(run.line()).isEqualTo(5);
        Dockerfile.Stage last = df.finalStage();
        Dockerfile.Instruction copy = last.last("COPY").orElseThrow();
        assertThat(copy.flags()).isEqualTo(Map.of("from", "build", "chown", "1000"));
        assertThat(copy.words()).containsExactly("/src/a.jar", "./");
        assertThat(last.last("ENTRYPOINT").orElseThrow().execForm()).contains(List.of("java", "-cp", "a.jar:*", "Main"));
        assertThat(last.last("CMD").orElseThrow().execForm()).isEmpty();
        assertThat(last.resolve("x.jar", copy.line())).isEqualTo("/app/lib/x.jar");
        assertThat(last.resolve("/abs", copy.line())).isEqualTo("/abs");
    }

    @Test
    void rejectsFilesWithoutFrom() {
        assertThatThrownBy(() -> Dockerfile.parse("# nothing\n")).hasMessageContaining("no FROM");
        assertThatThrownBy(() -> Dockerfile.parse("RUN true\nFROM x:1\n")).hasMessageContaining("RUN before FROM");
    }

    @Test
    void brokerPropertiesFromImageVariables() {
        assertThat(StackChecker.brokerProperty("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR")).isEqualTo("offsets.topic.replication.factor");
        assertThat(StackChecker.brokerProperty("KAFKA_LISTENER_NAME_INTERNAL_SSL__KEY___STORE")).isEqualTo("listener.name.internal.ssl_key-store");
    }

    @Test
    void imageReferences() {
        assertThat(StackChecker.tag("apache/kafka:4.3.1")).isEqualTo("4.3.1");
        assertThat(StackChecker.tag("localhost:5000/kafka")).isNull();
        assertThat(StackChecker.tag("kafka@sha256:abc")).isNull();
        assertThat(StackChecker.repository("docker.io/library/eclipse-temurin:17-jre")).isEqualTo("eclipse-temurin");
        assertThat(StackChecker.repository("apache/kafka:4.3.1")).isEqualTo("apache/kafka");
        assertThat(StackChecker.listeners("A://:9092,B://kafka:9093,C://[::1]:9094")).containsExactly(
                new StackChecker.Listener("A", "", 9092), new StackChecker.Listener("B", "kafka", 9093),
                new StackChecker.Listener("C", "[::1]", 9094));
    }
}
