package dev.papers.ingest;

import dev.papers.common.Chunk;
import java.util.ArrayList;
import java.util.List;

/** Cuts a page into chunks of at most {@code maxBytes} UTF-8 bytes without ever splitting a code point. */
public final class Chunker {
    private Chunker() {}

    public static List<Chunk> chunk(String source, String ingestId, String pageText, int maxBytes) {
        if (maxBytes < 4) throw new IllegalArgumentException("maxBytes must be at least 4, got " + maxBytes);
        if (pageText == null) throw new IllegalArgumentException("pageText must not be null");
        List<int[]> bounds = new ArrayList<>();
        int n = pageText.length();
        int start = 0;
        int bytes = 0;
        int i = 0;
        while (i < n) {
            char c = pageText.charAt(i);
            int units;
            int size;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(pageText.charAt(i + 1))) {
                units = 2;
                size = 4;
            } else {
                units = 1;
                // lone surrogates are counted as 3 bytes (the most any encoder could write for them)
                size = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            }
            if (bytes + size > maxBytes) {
                bounds.add(new int[] {start, i});
                start = i;
                bytes = 0;
            }
            bytes += size;
            i += units;
        }
        if (start < n || bounds.isEmpty()) bounds.add(new int[] {start, n});
        List<Chunk> out = new ArrayList<>(bounds.size());
        for (int k = 0; k < bounds.size(); k++) {
            int[] b = bounds.get(k);
            out.add(new Chunk(source, ingestId, k, k == bounds.size() - 1, pageText.substring(b[0], b[1])));
        }
        return out;
    }
}
