package dev.papers.sink;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.papers.common.Json;
import dev.papers.common.Paper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sink's papers store holds each paper as the JSON bytes of the {@code papers} topic; this reads them. */
final class PaperJson {
    private static final Logger log = LoggerFactory.getLogger(PaperJson.class);
    private static final byte[] ARXIV_FIELD = "\"arxivId\":\"".getBytes(StandardCharsets.UTF_8);

    private PaperJson() {}

    /** The paper, or null for null bytes or a value that is not a paper (logged; a bad record must not fail queries). */
    static Paper decode(String id, byte[] bytes) {
        if (bytes == null) return null;
        try {
            return read(bytes);
        } catch (IOException e) {
            notAPaper(id, e);
            return null;
        }
    }

    /** The paper in {@code bytes} (null for JSON {@code null}), or the reason it is not one. */
    static Paper read(byte[] bytes) throws IOException {
        return Json.MAPPER.readValue(bytes, Paper.class);
    }

    /**
     * What {@code /stats} needs of a stored paper — its {@code duplicates}, its {@code sources} given to {@code source}
     * — read by a streaming pass that skips every other field (a whole decode made {@code /stats} take ~10 s at 100 k
     * papers). -1 for null bytes or a value that is not a paper object (logged, as {@link #decode} does).
     */
    static int tally(String id, byte[] bytes, java.util.function.Consumer<String> source) {
        if (bytes == null) return -1;
        try (JsonParser p = Json.MAPPER.getFactory().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("not a JSON object");
            int duplicates = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if ("duplicates".equals(field) && t == JsonToken.VALUE_NUMBER_INT) {
                    duplicates = p.getIntValue();
                } else if ("sources".equals(field) && t == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.VALUE_STRING) source.accept(p.getText());
                    if (p.currentToken() != JsonToken.END_ARRAY) throw new IOException("sources is not a list of names");
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) throw new IOException("truncated object");
            return duplicates;
        } catch (IOException e) {
            notAPaper(id, e);
            return -1;
        }
    }

    /** Logs a stored value that is not a paper (a bad record must not fail a query). */
    private static void notAPaper(String id, IOException e) {
        log.warn("papers store: value of {} is not a paper, skipped: {}", shortId(id), e.getMessage());
    }

    /** An id fit for a log line or an error message: any producer may write a key of a megabyte. */
    static String shortId(String id) {
        if (id == null || id.length() <= 100) return id;
        return id.substring(0, 60) + "…(" + id.length() + " chars)";
    }

    /**
     * The bytes as JSON text when they are one well-formed JSON object (checked by a streaming pass that builds
     * nothing), else null: a page splices stored papers into its answer, and a bad value must not break it.
     */
    static String rawObject(String id, byte[] bytes) {
        if (bytes == null) return null;
        try (JsonParser p = Json.MAPPER.getFactory().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            p.skipChildren();
            if (p.nextToken() != null) return null;
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            skipped(id, e);
            return null;
        }
    }

    /** Logs a stored value that is not JSON (a bad record must not fail a page). */
    static void skipped(String id, IOException e) {
        log.warn("papers store: value of {} is not JSON, skipped: {}", shortId(id), e.getMessage());
    }

    /**
     * The top-level {@code arxivId} of a paper's JSON, or null. Most papers have none: the bytes are searched for the
     * field with a string value first (a quote inside a JSON string is escaped, so the pattern only occurs as a field)
     * and only then parsed, with a streaming parser that skips everything else.
     */
    static String arxivId(byte[] bytes) {
        if (bytes == null || indexOf(bytes, ARXIV_FIELD) < 0) return null;
        try (JsonParser p = Json.MAPPER.getFactory().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("arxivId".equals(name)) return v == JsonToken.VALUE_STRING ? p.getText() : null;
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null; // not a paper: nothing to index (decode() logs it when read)
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
