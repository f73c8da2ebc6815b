package dev.papers.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A user's mistake ends a command with one line naming the command and the problem, exit code 1, no stack trace. */
class CommandErrorsTest {
    @Test
    void aFailedCommandIsOneLine(@TempDir Path dir) {
        String missing = dir.resolve("no-such-folder").toString();
        StringWriter err = new StringWriter();
        CommandLine cl = Papers.commandLine();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("demo", "--pages", missing, "--data-dir", dir.resolve("data").toString(), "--exit");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().lines().toList()).containsExactly("papers demo: no pages folder at " + missing + " (use --pages)");
    }

    @Test
    void verboseAddsTheStackTrace(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cl = Papers.commandLine();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("demo", "--verbose", "--pages", dir.resolve("none").toString(), "--exit");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("papers demo: no pages folder").contains("at dev.papers.app.DemoCommand");
    }
}
