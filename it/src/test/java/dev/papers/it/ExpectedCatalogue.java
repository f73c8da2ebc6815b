package dev.papers.it;

import dev.papers.common.Entry;
import dev.papers.parse.EntryMerger;
import dev.papers.parse.ListingParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the catalogue must hold after some pages went through the pipeline, computed offline from the pages with
 * the parser alone (no Kafka): per id the merged entry, the number of sightings and the sources; per page the
 * problems. Pages are decoded like {@code papers ingest} does (malformed UTF-8 replaced by U+FFFD).
 */
final class ExpectedCatalogue {
    /** One paper as the offline merge sees it. */
    record Expected(Entry merged, int sightings, Set<String> sources) {
        /** The processor counts a page once per paper: the other pages the paper was seen on. */
        int duplicates() {
            return sources.size() - 1;
        }
    }

    final Map<String, Expected> papers = new HashMap<>();
    /** Problems per page name: "line: reason". */
    final Map<String, List<String>> problems = new TreeMap<>();
    /** Pages the parser itself throws on (a parser bug): what arrives from them is not predicted here. */
    final Map<String, String> parserCrashes = new TreeMap<>();
    long sightings;

    static ExpectedCatalogue of(List<Path> pages) throws IOException {
        ExpectedCatalogue c = new ExpectedCatalogue();
        for (Path p : pages) c.add(p.getFileName().toString(), Files.readAllBytes(p));
        return c;
    }

    void add(String source, byte[] raw) {
        ListingParser.Result r;
        try {
            r = ListingParser.parseAll(source, decode(raw));
        } catch (RuntimeException e) {
            parserCrashes.put(source, e.toString());
            return;
        }
        for (Entry e : r.entries()) {
            sightings++;
            papers.merge(e.id(), new Expected(e, 1, new LinkedHashSet<>(List.of(source))), (a, b) -> {
                Set<String> s = new LinkedHashSet<>(a.sources());
                s.addAll(b.sources());
                return new Expected(EntryMerger.merge(a.merged(), b.merged()), a.sightings() + b.sightings(), s);
            });
        }
        List<String> ps = new ArrayList<>();
        for (ListingParser.Problem p : r.problems()) ps.add(p.line() + ": " + p.reason());
        if (!ps.isEmpty()) problems.put(source, ps);
    }

    /** As {@code IngestJob.decode}: UTF-8 with malformed input replaced. */
    static String decode(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
