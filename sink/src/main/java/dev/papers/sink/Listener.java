package dev.papers.sink;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.util.function.Consumer;

/**
 * What the sink's two listeners ({@link HttpApi}, {@link InternalApi}) share: a Javalin server whose request bodies
 * are bounded ({@link BodyLimit}), whose errors go through the one table ({@link HttpErrors}), and whose query side
 * is attached once Kafka Streams is built (a 503 until then).
 */
abstract class Listener {
    protected final Javalin app;
    private volatile QueryService query;

    Listener(int maxBodyBytes, Consumer<JavalinConfig> config) {
        this.app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.http.maxRequestSize = maxBodyBytes;
            config.accept(c);
        });
        BodyLimit.install(app, maxBodyBytes);
    }

    /** Subclasses call this last in their constructor: routes first, then the error table. */
    protected final void install() {
        routes();
        HttpErrors.install(app);
    }

    protected abstract void routes();

    /** Binds the port (0 = any free port) and returns the actual port. */
    public int start(String host, int port) {
        app.start(host, port);
        return app.port();
    }

    public void stop() {
        app.stop();
    }

    protected void attachQuery(QueryService q) {
        this.query = q;
    }

    protected QueryService q() {
        QueryService s = query;
        if (s == null) throw ApiException.notReady("starting");
        return s;
    }
}
