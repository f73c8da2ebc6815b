package dev.papers.common;

/** Default topic names: the only place they are spelled. Each can be overridden through {@link PapersConfig}. */
public final class Topics {
    /** Input chunks, key = source, delete policy. */
    public static final String RAW = "listings.raw";
    /** Merged, tagged papers, key = paper id, compacted. */
    public static final String PAPERS = "papers";
    /** Tag index, key = {@code tag + '\u0000' + paperId}, value = paper id (tombstone when removed), compacted. */
    public static final String PAPERS_BY_TAG = "papers.by-tag";
    /** Everything that could not be parsed, key = source. */
    public static final String REJECTS = "listings.rejects";
    /**
     * Records that failed in the processor's code or clients (an exception while deserializing, processing or
     * producing one record), written by Kafka Streams' exception handlers with the reason in headers, key = the
     * failed record's key. Domain problems of a page go to {@link #REJECTS} instead.
     */
    public static final String DEAD_LETTERS = "listings.dead-letters";

    private Topics() {}

    /** The compacted tag-index key: a prefix range scan over {@code tag + SEP} lists the tag's papers. */
    public static String tagKey(String tag, String paperId) {
        return tag + TAG_SEP + paperId;
    }

    public static final char TAG_SEP = '\u0000';
}
