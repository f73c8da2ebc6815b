package dev.papers.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark launcher answers --help for each of its commands. */
class PapersBenchTest {
    @Test
    void benchCommandsHaveHelp() {
        for (String cmd : List.of("bench", "bench-query", "bench-plot")) {
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            PrintStream old = System.out;
            int code;
            try {
                System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
                code = PapersBench.commandLine().execute(cmd, "--help");
            } finally {
                System.setOut(old);
            }
            assertThat(code).isZero();
            assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("Usage: papers-bench " + cmd);
        }
    }
}
