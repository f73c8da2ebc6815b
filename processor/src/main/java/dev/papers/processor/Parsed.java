package dev.papers.processor;

import dev.papers.common.Entry;
import dev.papers.common.Reject;

/** Output of reassembly: exactly one of {@code entry} or {@code reject} is set. */
public record Parsed(Entry entry, Reject reject) {
    static Parsed of(Entry e) {
        return new Parsed(e, null);
    }

    static Parsed of(Reject r) {
        return new Parsed(null, r);
    }
}
