package dev.papers.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Calls to a silent peer: a loopback socket that the kernel accepts (its backlog) and nobody ever answers. A call
 * ends at its deadline with a 503 naming the peer; calls beyond the per-peer bound are refused at once.
 */
@Timeout(60)
class PeerClientTest {

    @Test
    void aSilentPeerIs503NamingItAtTheDeadline() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             PeerClient peers = new PeerClient(Duration.ofMillis(800), 8)) {
            HostInfo h = new HostInfo("127.0.0.1", silent.getLocalPort());
            long start = System.nanoTime();
            ApiException e = catchThrowableOfType(ApiException.class,
                    () -> peers.await(h, peers.get(h, "/internal/stats"), peers.deadline()));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.getMessage()).contains("peer 127.0.0.1:" + silent.getLocalPort()).contains("no answer within 800 ms");
            assertThat(ms).isBetween(750L, 1800L);
        }
    }

    @Test
    void callsBeyondThePerPeerBoundAreRefusedAtOnce() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             PeerClient peers = new PeerClient(Duration.ofMillis(1500), 2)) {
            HostInfo h = new HostInfo("127.0.0.1", silent.getLocalPort());
            List<CompletableFuture<HttpResponse<String>>> open = new ArrayList<>();
            open.add(peers.get(h, "/internal/stats"));
            open.add(peers.get(h, "/internal/stats"));
            long start = System.nanoTime();
            CompletableFuture<HttpResponse<String>> third = peers.get(h, "/internal/stats");
            ApiException e = catchThrowableOfType(ApiException.class, () -> peers.await(h, third, peers.deadline()));
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(500);
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.getMessage()).contains("127.0.0.1:" + silent.getLocalPort()).contains("2 requests already waiting for it");
            // Another peer is not affected by this one's bound.
            try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                HostInfo o = new HostInfo("127.0.0.1", other.getLocalPort());
                assertThat(catchThrowableOfType(ApiException.class, () -> peers.await(o, peers.get(o, "/x"), peers.deadline())).getMessage())
                        .contains("no answer within 1500 ms");
            }
            // The open calls end at the client's own timeout, which frees their places.
            await().atMost(Duration.ofSeconds(10)).until(() -> open.stream().allMatch(CompletableFuture::isDone));
            assertThat(catchThrowableOfType(ApiException.class, () -> peers.await(h, peers.get(h, "/internal/stats"), peers.deadline())).getMessage())
                    .doesNotContain("already waiting");
        }
    }

    @Test
    void aPeerThatIsDownIs503NamingIt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (PeerClient peers = new PeerClient(Duration.ofSeconds(5), 8)) {
            HostInfo h = new HostInfo("127.0.0.1", port);
            long start = System.nanoTime();
            ApiException e = catchThrowableOfType(ApiException.class, () -> peers.await(h, peers.get(h, "/internal/stats"), peers.deadline()));
            assertThat((System.nanoTime() - start) / 1_000_000).as("refused at once, not at the deadline").isLessThan(2000);
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.getMessage()).contains("peer 127.0.0.1:" + port + " unreachable").doesNotContain("no answer within");
        }
    }
}
