package dev.papers.parse;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** The state record of one line reader, kept in {@link ListingParser.State} under the name of its reader. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "reader")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PlainTextReader.State.class, name = "text"),
        @JsonSubTypes.Type(value = MarkedTextReader.State.class, name = "marked"),
        @JsonSubTypes.Type(value = LinkLinesReader.State.class, name = "link-lines")})
public sealed interface ReaderState permits PlainTextReader.State, MarkedTextReader.State, LinkLinesReader.State {}
