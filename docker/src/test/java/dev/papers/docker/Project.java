package dev.papers.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The project under test: paths and versions come from the Maven model (surefire system properties). */
final class Project {
    private Project() {}

    static Path root() {
        return Path.of(System.getProperty("papers.repo.root", "..")).toAbsolutePath().normalize();
    }

    static Path docker() {
        return root().resolve("docker");
    }

    static Path compose() {
        return docker().resolve("compose.yaml");
    }

    /** {@code ${kafka.version}} of the root pom. */
    static String kafkaVersion() {
        return property("kafka.version");
    }

    /** {@code ${project.version}}. */
    static String version() {
        return property("papers.version");
    }

    static StackChecker checker() {
        return new StackChecker(kafkaVersion(), version());
    }

    /** From Maven (surefire passes them); when run from an IDE, read from the root pom. */
    private static String property(String name) {
        String v = System.getProperty(name);
        if (v != null && !v.isBlank()) return v;
        try {
            String pom = Files.readString(root().resolve("pom.xml"));
            Matcher m = Pattern.compile(name.equals("papers.version")
                    ? "<artifactId>papers-pipeline</artifactId>\\s*<version>([^<]+)</version>"
                    : "<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
            if (!m.find()) throw new IllegalStateException(name + " not found in the root pom");
            return m.group(1).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
