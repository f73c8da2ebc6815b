package dev.papers.processor;

/**
 * An {@link Error} that one page caused and that the JVM survives (a stack exhausted by a pathological page, a
 * document too large for the heap), carried as an exception so Kafka Streams' processing exception handler turns it
 * into a dead letter instead of killing the stream thread.
 */
final class PageFailedException extends RuntimeException {
    PageFailedException(String source, Throwable cause) {
        super("page " + source + " failed: " + cause, cause);
    }
}
