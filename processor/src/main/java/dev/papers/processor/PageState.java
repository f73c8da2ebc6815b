package dev.papers.processor;

import dev.papers.common.parse.ListingParser;

/**
 * What the reassembly store keeps per source while a page is arriving: which ingest run it belongs to, the next
 * chunk expected, characters so far (for the page size limit), the parser's own state, the bytes of a UTF-8
 * sequence cut at the end of the last header-described chunk, and when the last chunk came (wall clock, for the
 * incomplete-page timeout).
 */
public record PageState(String ingestId, long nextSeq, long chars, boolean dropped, ListingParser.State parser,
                        byte[] tail, long updatedAt) {
    PageState next(long seq, long addedChars, boolean nowDropped, ListingParser.State p, byte[] newTail, long now) {
        return new PageState(ingestId, seq, chars + addedChars, nowDropped, p, newTail, now);
    }
}
