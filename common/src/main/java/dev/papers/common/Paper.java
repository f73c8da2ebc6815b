package dev.papers.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A catalogue paper: the merged view of every sighting of one normalised title. Value of the compacted
 * {@link Topics#PAPERS} topic, key = {@code id}.
 *
 * @param duplicates times seen beyond the first
 * @param firstSeen  epoch millis of the first sighting (record timestamp of the chunk that completed it)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"schemaVersion", "id", "title", "normalizedTitle", "abstract", "authors", "organization",
        "publishedText", "published", "upvotes", "pageDate", "arxivId", "sources", "tags", "firstSeen", "lastSeen", "duplicates"})
public record Paper(
        int schemaVersion,
        String id,
        String title,
        String normalizedTitle,
        @JsonProperty("abstract") String abstractText,
        Integer authors,
        String organization,
        String publishedText,
        String published,
        Integer upvotes,
        String pageDate,
        String arxivId,
        List<String> sources,
        List<TagScore> tags,
        long firstSeen,
        long lastSeen,
        int duplicates) {

    public static final int SCHEMA_VERSION = 1;

    public Paper {
        sources = sources == null ? List.of() : List.copyOf(sources);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A first sighting of an entry, not yet tagged. */
    public static Paper of(Entry e, long seenAt) {
        return new Paper(SCHEMA_VERSION, e.id(), e.title(), Titles.normalize(e.title()), e.abstractText(), e.authors(),
                e.organization(), e.publishedText(), e.published(), e.upvotes(), e.pageDate(), null,
                List.of(e.source()), List.of(), seenAt, seenAt, 0);
    }

    public Paper withTags(List<TagScore> newTags) {
        return new Paper(schemaVersion, id, title, normalizedTitle, abstractText, authors, organization, publishedText,
                published, upvotes, pageDate, arxivId, sources, newTags, firstSeen, lastSeen, duplicates);
    }

    /** Tag names only, in the paper's order. */
    public List<String> tagNames() {
        return tags.stream().map(TagScore::tag).toList();
    }
}
