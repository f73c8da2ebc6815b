package dev.papers.processor;

import dev.papers.parse.ListingParser;

/**
 * What the reassembly store keeps per source while a page is arriving: which ingest run it belongs to, the next
 * chunk expected, characters so far (for the page size limit), the parser's own state (bounded: a line, a look-ahead
 * and one entry), the bytes of a UTF-8 sequence cut at the end of the last header-described chunk, and when the last
 * chunk came (wall clock, for the incomplete-page timeout).
 *
 * <p>A page recognised as a whole document (HTML, JSON) is not parsed chunk by chunk: its text is kept apart as
 * {@code pieces} records of {@link PapersTopology#PAGE_PIECES_STORE} and parsed once when the last chunk comes, so
 * every record written stays small and the bytes written per page grow linearly with its size.
 */
public record PageState(String ingestId, long nextSeq, long chars, boolean dropped, ListingParser.State parser,
                        byte[] tail, long updatedAt, boolean document, int pieces) {
    PageState(String ingestId, long nextSeq, long chars, boolean dropped, ListingParser.State parser, byte[] tail, long updatedAt) {
        this(ingestId, nextSeq, chars, dropped, parser, tail, updatedAt, false, 0);
    }

    PageState next(long seq, long addedChars, boolean nowDropped, ListingParser.State p, byte[] newTail, long now) {
        return new PageState(ingestId, seq, chars + addedChars, nowDropped, p, newTail, now, document, pieces);
    }

    PageState withPieces(int n) {
        return new PageState(ingestId, nextSeq, chars, dropped, parser, tail, updatedAt, true, n);
    }
}
