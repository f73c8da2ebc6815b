package dev.papers.sink;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.state.HostInfo;

/**
 * HTTP calls to the other sinks' internal listeners, so that one slow or silent peer cannot hold every request
 * thread: the client runs on a small fixed pool, every call has a deadline (a request waits at most
 * {@code timeout} for all the peers it asked, then answers 503 naming the late one), and at most
 * {@code maxInFlight} calls to one peer are open at once (the next one is a 503 at once, without waiting).
 */
final class PeerClient implements AutoCloseable {
    private static final int POOL_THREADS = 4;

    private final Duration timeout;
    private final int maxInFlight;
    private final ExecutorService pool;
    private final HttpClient http;
    private final Map<HostInfo, Semaphore> inFlight = new ConcurrentHashMap<>();

    PeerClient(Duration timeout, int maxInFlight) {
        this.timeout = timeout;
        this.maxInFlight = maxInFlight;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(POOL_THREADS, r -> {
            Thread t = new Thread(r, "sink-peer-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().executor(pool)
                .connectTimeout(timeout.compareTo(Duration.ofSeconds(3)) < 0 ? timeout : Duration.ofSeconds(3)).build();
    }

    Duration timeout() {
        return timeout;
    }

    /** The moment by which every peer call of a request started now must have answered. */
    long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    CompletableFuture<HttpResponse<String>> get(HostInfo h, String pathAndQuery) {
        return send(h, HttpRequest.newBuilder(uri(h, pathAndQuery)).GET());
    }

    CompletableFuture<HttpResponse<String>> post(HostInfo h, String path, String json) {
        return send(h, HttpRequest.newBuilder(uri(h, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private CompletableFuture<HttpResponse<String>> send(HostInfo h, HttpRequest.Builder b) {
        Semaphore permits = inFlight.computeIfAbsent(h, k -> new Semaphore(maxInFlight));
        if (!permits.tryAcquire()) {
            return CompletableFuture.failedFuture(ApiException.unreachable(name(h),
                    maxInFlight + " requests already waiting for it"));
        }
        CompletableFuture<HttpResponse<String>> call;
        try {
            // The client's own timeout ends the exchange (and frees the permit) even when nobody waits for it any more.
            call = http.sendAsync(b.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
        call.whenComplete((r, e) -> permits.release());
        return call.exceptionally(e -> {
            throw ApiException.unreachable(name(h), isTimeout(e) ? late() : rootMessage(e));
        });
    }

    /** The result of a call to {@code h}, waiting until {@code deadline} at most (then 503 naming {@code h}). */
    <T> T await(HostInfo h, CompletableFuture<T> f, long deadline) {
        try {
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw ApiException.unreachable(name(h), late());
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) cause = cause.getCause();
            if (cause instanceof ApiException a) throw a;
            throw ApiException.peer(name(h) + ": " + rootMessage(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw ApiException.notReady("interrupted while waiting for peer " + name(h));
        }
    }

    private String late() {
        return "no answer within " + timeout.toMillis() + " ms";
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.http.HttpTimeoutException) return true;
        }
        return false;
    }

    static String name(HostInfo h) {
        return h.host() + ":" + h.port();
    }

    private static URI uri(HostInfo h, String pathAndQuery) {
        return URI.create("http://" + h.host() + ":" + h.port() + pathAndQuery);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
