package dev.papers.sink;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.papers.common.Json;
import dev.papers.common.Paper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code fields=} parameter of the list endpoints: which top-level fields of each paper an item keeps. A list
 * page splices the stored JSON of each paper; a whole paper carries its abstract and tag evidence (~3 KB), so a page
 * of 20 is tens of KB where a list view needs a title and a few numbers. Fields keep the paper's order.
 */
record Projection(Set<String> fields) {
    /** Every field a paper's JSON may have, in its order (the record's own declaration, so new fields come along). */
    static final List<String> KNOWN = List.of(Paper.class.getAnnotation(JsonPropertyOrder.class).value());

    /** From the values of every {@code fields} parameter (each comma separated); none at all is null: whole papers. */
    static Projection parse(List<String> params) {
        if (params == null || params.isEmpty()) return null;
        Set<String> out = new LinkedHashSet<>();
        for (String param : params) {
            for (String f : param.split(",", -1)) {
                String name = f.trim();
                if (name.isEmpty()) throw ApiException.badParam("fields", "empty field name in '" + param + "'");
                if (!KNOWN.contains(name)) {
                    throw ApiException.badParam("fields", "unknown field '" + PaperJson.shortId(name) + "' (known: "
                            + String.join(",", KNOWN) + ")");
                }
                out.add(name);
            }
        }
        return new Projection(Set.copyOf(out));
    }

    /** The names, for the page request a peer gets. */
    List<String> names() {
        return List.copyOf(fields);
    }

    /**
     * The stored paper with only these fields, or null when the bytes are not one well-formed JSON object: one
     * streaming pass both checks and projects, and the skipped fields (the abstract) are never decoded to text.
     */
    String fromStored(String id, byte[] bytes) {
        if (bytes == null) return null;
        try (JsonParser p = Json.MAPPER.getFactory().createParser(bytes)) {
            return copy(p);
        } catch (IOException e) {
            PaperJson.skipped(id, e);
            return null;
        }
    }

    private String copy(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) return null;
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (fields.contains(name)) {
                    g.writeFieldName(name);
                    g.copyCurrentStructure(p);
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) return null;
            g.writeEndObject();
        }
        return out.toString();
    }
}
