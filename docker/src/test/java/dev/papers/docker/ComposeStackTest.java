package dev.papers.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The real stack: builds the three images, runs docker/compose.yaml (local {@code docker compose}) and waits until
 * the sink serves every demo page. Opt-in — it builds images for minutes — with {@code -Dpapers.compose=true}, and
 * skipped without a Docker engine.
 */
@Tag("docker")
@EnabledIfSystemProperty(named = "papers.compose", matches = "true", disabledReason = "builds the images: opt in with -Dpapers.compose=true")
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackTest {
    @Container
    static final ComposeContainer STACK = new ComposeContainer(Project.compose().toFile())
            .withLocalCompose(true)
            .withBuild(true)
            .withExposedService("sink", 8080, Wait.forHttp("/health/ready").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(5)));

    @Test
    void theSinkServesTheDemoPagesIngestedByTheOneShotJob() throws Exception {
        long pages;
        try (var files = Files.list(Project.root().resolve("demo-data"))) {
            pages = files.filter(p -> p.toString().endsWith(".txt")).count();
        }
        URI stats = URI.create("http://" + STACK.getServiceHost("sink", 8080) + ":" + STACK.getServicePort("sink", 8080) + "/stats");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ObjectMapper json = new ObjectMapper();
        JsonNode last = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(stats).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                last = json.readTree(r.body());
                if (last.path("sources").asLong() == pages && last.path("papers").asLong() > 0) break;
            }
            Thread.sleep(1000);
        }
        assertThat(last).as("GET /stats").isNotNull();
        assertThat(last.path("sources").asLong()).as("pages seen by the sink: %s", last).isEqualTo(pages);
        assertThat(last.path("papers").asLong()).isPositive();
        assertThat(last.path("rejects").asLong()).isZero();
    }
}
