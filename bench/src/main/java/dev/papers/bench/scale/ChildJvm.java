package dev.papers.bench.scale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Parent side of a {@link ChildMain} JVM: starts it on this JVM's classpath, follows its reports, samples its
 * resident memory from {@code /proc/<pid>/status} (VmRSS every 100 ms, VmHWM = the kernel's peak) and its heap
 * from the child's own MemoryMXBean reports.
 */
final class ChildJvm implements AutoCloseable {
    final String role;
    final Process process;
    private final PrintStream stdin;
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private volatile CompletableFuture<Long> gc = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    final AtomicLong heapUsedMax = new AtomicLong();
    final AtomicLong heapCommittedMax = new AtomicLong();
    final AtomicLong rssMaxSampled = new AtomicLong();
    private final Thread sampler;

    private ChildJvm(String role, Process process) {
        this.role = role;
        this.process = process;
        this.stdin = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readReports, "child-" + role + "-stdout");
        reader.setDaemon(true);
        reader.start();
        sampler = new Thread(this::sampleRss, "child-" + role + "-rss");
        sampler.setDaemon(true);
        sampler.start();
    }

    static ChildJvm start(String role, List<String> jvmOpts, List<String> args, Path logFile) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOpts);
        String logConfig = System.getProperty("org.slf4j.simpleLogger.defaultLogLevel");
        if (logConfig != null) cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=" + logConfig);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ChildMain.class.getName());
        cmd.add(role);
        cmd.addAll(args);
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        return new ChildJvm(role, pb.start());
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the READY report; returns what follows it (the sink's base URL, empty for the processor). */
    String awaitReady(long timeoutSeconds) throws IOException, InterruptedException {
        try {
            return ready.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IOException(role + " child not ready after " + timeoutSeconds + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(role + " child failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Asks the child for a full GC and returns the heap in use afterwards (live data), in bytes. */
    long liveHeapAfterGc() throws IOException, InterruptedException {
        gc = new CompletableFuture<>();
        stdin.println("gc");
        try {
            return gc.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            throw new IOException(role + " child did not report its heap after GC: " + e);
        }
    }

    /** VmHWM: peak resident set size since the child started, in bytes (-1 if unavailable). */
    long peakRss() {
        long hwm = procStatus("VmHWM:");
        return hwm >= 0 ? hwm : rssMaxSampled.get();
    }

    /** User + system CPU seconds the child has used so far (from /proc/<pid>/stat), -1 if unavailable. */
    double cpuSeconds() {
        return CpuTime.ofPid(process.pid());
    }

    long rssNow() {
        return procStatus("VmRSS:");
    }

    private long procStatus(String key) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (l.startsWith(key)) {
                    String[] p = l.substring(key.length()).trim().split("\\s+");
                    return Long.parseLong(p[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private void sampleRss() {
        while (process.isAlive()) {
            long r = rssNow();
            if (r > 0) rssMaxSampled.accumulateAndGet(r, Math::max);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void readReports() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String l;
            while ((l = r.readLine()) != null) {
                if (l.startsWith("@@HEAP ")) {
                    String[] p = l.split(" ");
                    heapUsedMax.accumulateAndGet(Long.parseLong(p[1]), Math::max);
                    heapCommittedMax.accumulateAndGet(Long.parseLong(p[2]), Math::max);
                } else if (l.startsWith("@@READY")) {
                    ready.complete(l.substring("@@READY".length()).trim());
                } else if (l.startsWith("@@GC ")) {
                    gc.complete(Long.parseLong(l.substring(5).trim()));
                } else if (l.startsWith("@@STOPPED")) {
                    stopped.complete(null);
                }
            }
        } catch (IOException | RuntimeException e) {
            // child gone
        }
        ready.completeExceptionally(new IOException(role + " child exited (code " + exitCode() + "); see its log"));
        stopped.complete(null);
    }

    private String exitCode() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) return;
        try {
            stdin.println("stop");
            stdin.flush();
            if (!process.waitFor(45, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            OutputStream o = process.getOutputStream();
            o.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
