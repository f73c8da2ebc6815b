package dev.papers.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MiniHttpTest {
    HttpServer server;
    String url;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fixed", ex -> {
            byte[] b = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        });
        server.createContext("/chunked", ex -> {
            ex.sendResponseHeaders(200, 0); // 0 = chunked
            try (OutputStream o = ex.getResponseBody()) {
                for (int i = 0; i < 1000; i++) o.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
            }
        });
        server.createContext("/missing", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void readsFixedChunkedAndEmptyBodiesOnOneConnection() throws Exception {
        try (MiniHttp http = MiniHttp.of(url, 5000)) {
            for (int i = 0; i < 3; i++) {
                MiniHttp.Response a = http.get("/fixed");
                assertThat(a.status()).isEqualTo(200);
                assertThat(a.text()).isEqualTo("{\"ok\":true}");
                MiniHttp.Response b = http.get("/chunked");
                assertThat(b.status()).isEqualTo(200);
                assertThat(b.text()).startsWith("line 0\n").endsWith("line 999\n");
                MiniHttp.Response c = http.get("/missing");
                assertThat(c.status()).isEqualTo(404);
                assertThat(c.body()).isEmpty();
            }
        }
    }

    @Test
    void queryPathsAreEncoded() {
        QueryBench.Workload w = new QueryBench.Workload(List.of("abc"), List.of("retrieval augmented"), List.of("über"));
        SplittableRandom r = new SplittableRandom(1);
        assertThat(QueryBench.path("point", w, r)).isEqualTo("/papers/abc");
        assertThat(QueryBench.path("tag", w, r)).isEqualTo("/papers?tag=retrieval+augmented&limit=20");
        assertThat(QueryBench.path("search", w, r)).isEqualTo("/papers?q=%C3%BCber&limit=20");
    }
}
