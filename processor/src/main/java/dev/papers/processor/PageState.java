package dev.papers.processor;

import dev.papers.common.parse.ListingParser;

/**
 * What the reassembly store keeps per source while a page is arriving: which ingest run it belongs to, the next
 * chunk expected, characters so far (for the page size limit) and the parser's own state.
 */
public record PageState(String ingestId, long nextSeq, long chars, boolean dropped, ListingParser.State parser) {}
