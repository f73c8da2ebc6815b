package dev.papers.common;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One paper entry exactly as a listing page shows it (the parser's output; the {@code papers parse} NDJSON shape).
 *
 * @param upvotes 0 when a metadata block has no count, null when the entry has no metadata block
 * @param published ISO date when the page prints the year, else null
 */
@JsonPropertyOrder({"source", "id", "title", "abstract", "authors", "organization", "publishedText", "published", "upvotes", "pageDate"})
public record Entry(
        String source,
        String id,
        String title,
        @JsonProperty("abstract") String abstractText,
        Integer authors,
        String organization,
        String publishedText,
        String published,
        Integer upvotes,
        String pageDate) {}
