package dev.papers.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One paper entry exactly as a listing page shows it (the parser's output; the {@code papers parse} NDJSON shape).
 *
 * <p>The last three components are optional: only some page forms (Markdown captures, the saved HTML page, the
 * {@code api/daily_papers} JSON, plain text with paper URLs) give them. They are left out of the JSON when null, so
 * the output for the seed text formats is unchanged.
 *
 * @param upvotes     0 when a metadata block has no count, null when the entry has no metadata block
 * @param published   ISO date when the page prints the year, else null
 * @param arxivId     the arXiv id from a {@code huggingface.co/papers/<id>} URL or the JSON, null when unknown
 * @param authorNames the author names when the page lists them (then {@code authors} is their count), else null
 * @param comments    the comment count when the page shows it, else null
 */
@JsonPropertyOrder({"source", "id", "title", "abstract", "authors", "organization", "publishedText", "published", "upvotes",
        "pageDate", "arxivId", "authorNames", "comments"})
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
        String pageDate,
        @JsonInclude(JsonInclude.Include.NON_NULL) String arxivId,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> authorNames,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer comments) {

    @JsonCreator
    public Entry {
        authorNames = authorNames == null ? null : List.copyOf(authorNames);
    }

    /** The seed-format shape (no arXiv id, author names or comment count). */
    public Entry(String source, String id, String title, String abstractText, Integer authors, String organization,
                 String publishedText, String published, Integer upvotes, String pageDate) {
        this(source, id, title, abstractText, authors, organization, publishedText, published, upvotes, pageDate,
                null, null, null);
    }
}
