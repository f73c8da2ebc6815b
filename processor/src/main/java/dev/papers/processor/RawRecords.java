package dev.papers.processor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papers.common.Chunk;
import dev.papers.common.Json;
import dev.papers.common.Reject;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The raw-topic contract: what a record on {@code listings.raw} may be. Pure (no Streams types beyond headers), so
 * every accepted and rejected shape is unit-testable.
 * <ol>
 *   <li>the JSON chunk envelope {@code papers ingest} writes ({@link Chunk});</li>
 *   <li>a plain UTF-8 value holding a whole page: source = record key, or {@code <topic>-<partition>-<offset>};</li>
 *   <li>plain text chunks described by headers {@value #SOURCE}, {@value #SEQ}, {@value #LAST} (optional
 *       {@value #INGEST} to tell runs apart); bytes may be cut anywhere, even inside a UTF-8 sequence.</li>
 * </ol>
 */
public final class RawRecords {
    public static final String SOURCE = "papers.source";
    public static final String SEQ = "papers.seq";
    public static final String LAST = "papers.last";
    public static final String INGEST = "papers.ingest";
    /** Ingest id of header-described chunks that carry no {@value #INGEST} header. */
    static final String HEADER_INGEST_DEFAULT = "headers";

    private RawRecords() {}

    /** One decoded raw record. */
    sealed interface Raw permits Envelope, WholePage, HeaderChunk, Invalid {}

    record Envelope(Chunk chunk) implements Raw {}

    record WholePage(String source, String text) implements Raw {}

    /** Text is decoded later, after the previous chunk's undecoded tail bytes are put in front. */
    record HeaderChunk(String source, String ingestId, long seq, boolean last, byte[] bytes) implements Raw {}

    record Invalid(String source, String reason, String sample) implements Raw {}

    /**
     * @param fallbackSource the source name for a keyless record ({@code <topic>-<partition>-<offset>})
     */
    static Raw decode(String key, byte[] value, Headers headers, String fallbackSource) {
        String keyOrFallback = key != null ? key : fallbackSource;
        if (headers != null && (headers.lastHeader(SEQ) != null || headers.lastHeader(SOURCE) != null)) {
            return headerChunk(key, value, headers);
        }
        if (value == null || value.length == 0) return new Invalid(keyOrFallback, "empty value: neither a chunk envelope nor a page", null);
        String text;
        try {
            text = strictUtf8(value);
        } catch (CharacterCodingException e) {
            return new Invalid(keyOrFallback, "value is not UTF-8 text (binary?): neither a chunk envelope nor a page", sample(value));
        }
        if (binary(text)) return new Invalid(keyOrFallback, "value is binary (many control characters): not a page", sample(value));
        JsonNode envelope = envelopeTree(text);
        if (envelope != null) {
            try {
                Chunk c = Json.MAPPER.treeToValue(envelope, Chunk.class); // binds the tree: the text is parsed once
                if (c.source() == null || c.ingestId() == null || c.text() == null || c.seq() < 0) {
                    return new Invalid(keyOrFallback, "malformed chunk envelope: needs source, ingestId, seq >= 0 and text", Reject.sample(text));
                }
                return new Envelope(c);
            } catch (Exception e) {
                return new Invalid(keyOrFallback, "malformed chunk envelope: " + firstLine(e.getMessage()), Reject.sample(text));
            }
        }
        return new WholePage(keyOrFallback, text);
    }

    private static Raw headerChunk(String key, byte[] value, Headers headers) {
        String source = header(headers, SOURCE);
        if (source == null || source.isBlank()) source = key;
        if (source == null || source.isBlank()) {
            return new Invalid("unknown", "header-described chunk without a " + SOURCE + " header or a record key", sample(value));
        }
        String seqText = header(headers, SEQ);
        long seq;
        try {
            seq = Long.parseLong(seqText == null ? "" : seqText.trim());
            if (seq < 0) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            return new Invalid(source, "header " + SEQ + " must be a number >= 0, was " + (seqText == null ? "missing" : "'" + seqText + "'"), sample(value));
        }
        String lastText = header(headers, LAST);
        Boolean last = lastText == null ? Boolean.FALSE : switch (lastText.trim().toLowerCase()) {
            case "true", "1", "yes" -> Boolean.TRUE;
            case "false", "0", "no", "" -> Boolean.FALSE;
            default -> null;
        };
        if (last == null) return new Invalid(source, "header " + LAST + " must be true or false, was '" + lastText + "'", sample(value));
        String ingest = header(headers, INGEST);
        return new HeaderChunk(source, ingest == null || ingest.isBlank() ? HEADER_INGEST_DEFAULT : ingest, seq, last,
                value == null ? new byte[0] : value);
    }

    /** Decoded text of {@code bytes} and the bytes of an incomplete UTF-8 sequence at the end (kept for the next chunk). */
    record Utf8Prefix(String text, byte[] tail) {}

    /** @throws CharacterCodingException on bytes that are not UTF-8 (other than an incomplete sequence at the end) */
    static Utf8Prefix decodePrefix(byte[] bytes) throws CharacterCodingException {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = d.decode(in, out, false); // endOfInput=false: a cut sequence at the end is left in `in`
        if (r.isError()) r.throwException();
        out.flip();
        return new Utf8Prefix(out.toString(), Arrays.copyOfRange(bytes, in.position(), bytes.length));
    }

    static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** The JSON tree of an envelope-shaped value (an object with text and ingestId or seq), else null. */
    private static JsonNode envelopeTree(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
        if (i >= text.length() || text.charAt(i) != '{') return null;
        try {
            JsonNode n = Json.MAPPER.readTree(text);
            return n != null && n.isObject() && n.has("text") && (n.has("ingestId") || n.has("seq")) ? n : null;
        } catch (Exception e) {
            return null; // not JSON at all: a plain page that happens to start with '{'
        }
    }

    /**
     * More than 1 % C0 control characters (other than tab/CR/LF/FF): not a text page. A few stray ones are left to
     * the parser, which rejects just their lines so the good entries around them still arrive.
     */
    private static boolean binary(String text) {
        int controls = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t' && ch != '\f') controls++;
        }
        return controls > 8 && controls * 100L > text.length();
    }

    private static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static String sample(byte[] value) {
        if (value == null) return null;
        return Reject.sample(new String(value, 0, Math.min(value.length, 300), StandardCharsets.UTF_8));
    }

    static String firstLine(String s) {
        if (s == null) return "unreadable";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
