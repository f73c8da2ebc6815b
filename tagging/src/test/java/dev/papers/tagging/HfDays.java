package dev.papers.tagging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The real Daily Papers days under {@code hf-days/} (see its PROVENANCE.md), read with Jackson alone. */
final class HfDays {
    private HfDays() {}

    /** One listed paper: Hugging Face's {@code ai_keywords} may be empty. */
    record Paper(String day, String id, String title, String summary, List<String> aiKeywords) {}

    static List<Paper> committed() {
        return read(resourceDir());
    }

    /** Every {@code daily_papers_*.json} of {@code dir}, in file-name order. */
    static List<Paper> read(Path dir) {
        ObjectMapper mapper = new ObjectMapper();
        List<Paper> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("daily_papers_.*\\.json")).sorted().toList()) {
                String day = f.getFileName().toString().replaceAll("daily_papers_|\\.json", "");
                for (JsonNode p : mapper.readTree(f.toFile())) {
                    List<String> kws = new ArrayList<>();
                    p.path("ai_keywords").forEach(k -> kws.add(k.asText()));
                    out.add(new Paper(day, p.path("id").asText(), p.path("title").asText(), p.path("summary").asText(), kws));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the days in " + dir, e);
        }
        return out;
    }

    /**
     * The second taxonomy sample ({@code taxonomy-heldout/papers.json}, see its PROVENANCE.md): papers of the same
     * collector's other days, held out from the taxonomy's tuning; {@code day} is the source file's day.
     */
    static List<Paper> heldOut() {
        Path file = resourceDir().resolveSibling("taxonomy-heldout").resolve("papers.json");
        List<Paper> out = new ArrayList<>();
        try {
            for (JsonNode p : new ObjectMapper().readTree(file.toFile())) {
                String day = p.path("source").asText().replaceAll("daily_papers_|\\.json", "");
                out.add(new Paper(day, p.path("id").asText(), p.path("title").asText(), p.path("summary").asText(), List.of()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }

    static Path resourceDir() {
        for (String c : List.of("src/test/resources/hf-days", "tagging/src/test/resources/hf-days")) {
            Path p = Path.of(c);
            if (Files.isDirectory(p)) return p;
        }
        throw new IllegalStateException("hf-days test resources not found");
    }
}
