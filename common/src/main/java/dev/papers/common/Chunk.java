package dev.papers.common;

/**
 * One piece of a listing page as published by {@code papers ingest} to {@link Topics#RAW}.
 * Record key = {@code source}. {@code seq} counts from 0 per ({@code source}, {@code ingestId});
 * {@code last} marks the final chunk of the page. {@code text} never splits a code point.
 */
public record Chunk(String source, String ingestId, long seq, boolean last, String text) {}
