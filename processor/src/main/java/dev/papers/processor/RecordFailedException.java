package dev.papers.processor;

/**
 * An {@link Error} that one record caused and that the JVM survives (a stack exhausted by a pathological page, a
 * document too large for the heap), carried as an exception so Kafka Streams' processing exception handler turns it
 * into a dead letter instead of killing the stream thread.
 */
final class RecordFailedException extends RuntimeException {
    RecordFailedException(String what, Throwable cause) {
        super(what + " failed: " + cause, cause);
    }

    /** Rethrows a runtime exception as it is and wraps an error. */
    static RuntimeException contain(String what, Throwable t) {
        return t instanceof RuntimeException re ? re : new RecordFailedException(what, t);
    }
}
