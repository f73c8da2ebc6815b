package dev.papers.common.streams;

/**
 * An {@link Error} that one record caused and that the JVM survives (a stack exhausted by a pathological page, a
 * document too large for the heap), carried as an exception so Kafka Streams' processing exception handler
 * ({@link DeadLetters.OnProcessing}) turns it into a dead letter instead of killing the stream thread. Processors catch
 * only those errors ({@code StackOverflowError}, {@code OutOfMemoryError}) around the work on one record: any other
 * {@link Error} still fails the thread.
 */
public final class RecordFailedException extends RuntimeException {
    public RecordFailedException(String what, Throwable cause) {
        super(what + " failed: " + cause, cause);
    }

    /** Rethrows a runtime exception as it is and wraps an error. */
    public static RuntimeException contain(String what, Throwable t) {
        return t instanceof RuntimeException re ? re : new RecordFailedException(what, t);
    }
}
