package dev.papers.parse;

/** Plain-text exports of the listing where every link's URL stands on its own line after its text. */
final class LinkLinesReader implements LineReader {
    public record State(String title) implements ReaderState {}

    private final PageOutput out;

    LinkLinesReader(PageOutput out, State s) {
        this.out = out;
    }

    static boolean typical(String line) {
        return false;
    }

    @Override
    public void line(long n, String line) {}

    @Override
    public void blank(long n) {}

    @Override
    public void finish(long lastLine) {}

    @Override
    public State state() {
        return new State(null);
    }
}
