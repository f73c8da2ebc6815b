package dev.papers.sink;

/** An error with its HTTP status: the single error table of the sink. */
public class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiException notReady(String why) {
        return new ApiException(503, "not ready: " + why);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, what);
    }

    public static ApiException badParam(String name, String why) {
        return new ApiException(400, "bad parameter '" + name + "': " + why);
    }

    /**
     * A peer that does not answer at all has most likely died; the group moves its partitions once it notices, so
     * this is a "retry shortly" (503), not a gateway error.
     */
    public static ApiException unreachable(String peer, String why) {
        return new ApiException(503, "not ready: peer " + peer + " unreachable (its partitions move to a live instance once the group notices): " + why);
    }

    /** A peer that answered, but not with something usable. */
    public static ApiException peer(String why) {
        return new ApiException(502, "peer unavailable: " + why);
    }
}
