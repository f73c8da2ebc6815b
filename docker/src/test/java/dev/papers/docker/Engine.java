package dev.papers.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local Docker engine, asked through the {@code docker} CLI with a deadline on every call: Testcontainers' own
 * client checks would try to pull images before anything else, and nothing here may wait on a registry.
 */
public final class Engine {
    /** What scripts/container-engine.sh recorded: why there is no engine, when it could not provision one. */
    static final Path STATUS = Path.of(System.getenv().getOrDefault("PAPERS_ENGINE_STATUS",
            System.getProperty("java.io.tmpdir") + "/papers-container-engine.status"));

    /** Exit status and the combined output (its last 4 KiB) of one CLI call; 124 on time-out, 127 without a CLI. */
    public record Result(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }
    }

    private Engine() {}

    public static Result docker(long timeoutSeconds, String... args) {
        return docker(Map.of(), timeoutSeconds, args);
    }

    public static Result docker(Map<String, String> env, long timeoutSeconds, String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        Path out = null;
        try {
            out = Files.createTempFile("docker-cli", ".log");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!done) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            String text = tail(Files.readString(out, StandardCharsets.UTF_8));
            return new Result(done ? p.exitValue() : 124, text);
        } catch (IOException e) {
            return new Result(127, String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(124, "interrupted");
        } finally {
            if (out != null) out.toFile().delete();
        }
    }

    /** How long a test waits for scripts/container-engine.sh still running (e.g. started by .ci/run beside the build). */
    static final long PROVISIONING_WAIT_S = Long.getLong("papers.engine.wait", 480);

    /** Null when an engine answers; else why not, with the provisioning script's own reason when it left one. */
    public static synchronized String unavailable() {
        awaitProvisioning();
        Result info = docker(20, "info", "--format", "{{.ServerVersion}}");
        if (info.ok()) return null;
        String why = info.exit() == 127 ? "no docker CLI" : "no Docker engine reachable";
        try {
            if (Files.isReadable(STATUS)) why += " (scripts/container-engine.sh: " + Files.readString(STATUS).strip() + ")";
            else why += " (run scripts/container-engine.sh to provision one)";
        } catch (IOException ignored) {
            // the reason above stands
        }
        return why;
    }

    /** While the status file names a live provisioning process, waits for it (bounded), saying so once. */
    private static void awaitProvisioning() {
        long deadline = System.nanoTime() + PROVISIONING_WAIT_S * 1_000_000_000L;
        boolean said = false;
        while (System.nanoTime() < deadline) {
            long pid = provisioningPid();
            if (pid < 0 || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) return;
            if (!said) {
                System.out.println("waiting (at most " + PROVISIONING_WAIT_S + " s) for scripts/container-engine.sh (pid " + pid + ") to finish");
                said = true;
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The pid in "provisioning (pid N)", or -1. */
    private static long provisioningPid() {
        try {
            String s = Files.isReadable(STATUS) ? Files.readString(STATUS).strip() : "";
            if (!s.startsWith("provisioning (pid ")) return -1;
            return Long.parseLong(s.substring("provisioning (pid ".length(), s.length() - 1));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public static boolean imagePresent(String image) {
        return docker(20, "image", "inspect", "--format", "{{.Id}}", image).ok();
    }

    private static String tail(String s) {
        return s.length() <= 4096 ? s.strip() : "…" + s.substring(s.length() - 4096).strip();
    }
}
