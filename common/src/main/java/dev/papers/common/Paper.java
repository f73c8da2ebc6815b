package dev.papers.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A catalogue paper: the merged view of every sighting of one normalised title. Value of the compacted
 * {@link Topics#PAPERS} topic, key = {@code id}.
 *
 * @param duplicates times seen beyond the first
 * @param firstSeen  epoch millis of the first sighting (record timestamp of the chunk that completed it)
 * @param authorNames author names when a sighting listed them (optional, left out of the JSON when null)
 * @param comments   comment count when a sighting showed it (optional, left out of the JSON when null)
 * @param history    the newest sightings, oldest first ({@link Sighting#add}: bounded, an identical page adds none)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"schemaVersion", "id", "title", "normalizedTitle", "abstract", "authors", "organization",
        "publishedText", "published", "upvotes", "pageDate", "arxivId", "authorNames", "comments", "sources", "tags", "firstSeen", "lastSeen", "duplicates", "history"})
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
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> authorNames,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer comments,
        List<String> sources,
        List<TagScore> tags,
        long firstSeen,
        long lastSeen,
        int duplicates,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Sighting> history) {

    public static final int SCHEMA_VERSION = 1;

    @JsonCreator
    public Paper {
        authorNames = authorNames == null ? null : List.copyOf(authorNames);
        sources = sources == null ? List.of() : List.copyOf(sources);
        tags = tags == null ? List.of() : List.copyOf(tags);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** The shape before sighting histories (an empty one). */
    public Paper(int schemaVersion, String id, String title, String normalizedTitle, String abstractText, Integer authors,
                 String organization, String publishedText, String published, Integer upvotes, String pageDate,
                 String arxivId, List<String> authorNames, Integer comments, List<String> sources, List<TagScore> tags,
                 long firstSeen, long lastSeen, int duplicates) {
        this(schemaVersion, id, title, normalizedTitle, abstractText, authors, organization, publishedText, published,
                upvotes, pageDate, arxivId, authorNames, comments, sources, tags, firstSeen, lastSeen, duplicates, List.of());
    }

    /** The shape before author names and comment counts (both null). */
    public Paper(int schemaVersion, String id, String title, String normalizedTitle, String abstractText, Integer authors,
                 String organization, String publishedText, String published, Integer upvotes, String pageDate,
                 String arxivId, List<String> sources, List<TagScore> tags, long firstSeen, long lastSeen, int duplicates) {
        this(schemaVersion, id, title, normalizedTitle, abstractText, authors, organization, publishedText, published,
                upvotes, pageDate, arxivId, null, null, sources, tags, firstSeen, lastSeen, duplicates);
    }

    /** A first sighting of an entry, not yet tagged. */
    public static Paper of(Entry e, long seenAt) {
        return new Paper(SCHEMA_VERSION, e.id(), e.title(), Titles.normalize(e.title()), e.abstractText(), e.authors(),
                e.organization(), e.publishedText(), e.published(), e.upvotes(), e.pageDate(), e.arxivId(),
                e.authorNames(), e.comments(), List.of(e.source()), List.of(), seenAt, seenAt, 0,
                List.of(new Sighting(seenAt, e.upvotes(), e.source())));
    }

    public Paper withTags(List<TagScore> newTags) {
        return new Paper(schemaVersion, id, title, normalizedTitle, abstractText, authors, organization, publishedText,
                published, upvotes, pageDate, arxivId, authorNames, comments, sources, newTags, firstSeen, lastSeen, duplicates,
                history);
    }

    /** Tag names only, in the paper's order. */
    public List<String> tagNames() {
        return tags.stream().map(TagScore::tag).toList();
    }
}
