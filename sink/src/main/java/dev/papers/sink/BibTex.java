package dev.papers.sink;

import dev.papers.common.Paper;

/**
 * A BibTeX {@code @misc} entry for a paper: arXiv eprint and a Hugging Face URL when the id is known, authors when their
 * names are, the year from the publication date. Field text is kept as written (LaTeX such as {@code S$^2$R} stays
 * usable); unbalanced braces, which would end a field early, are dropped.
 */
final class BibTex {
    private BibTex() {}

    static String of(Paper p) {
        StringBuilder b = new StringBuilder("@misc{").append(key(p)).append(",\n");
        field(b, "title", "{" + p.title() + "}"); // double braces keep the title's capitals
        if (p.authorNames() != null && !p.authorNames().isEmpty()) field(b, "author", String.join(" and ", p.authorNames()));
        else if (p.organization() != null) field(b, "author", "{" + p.organization() + "}");
        String year = year(p);
        if (year != null) field(b, "year", year);
        if (p.arxivId() != null) {
            field(b, "eprint", p.arxivId());
            field(b, "archivePrefix", "arXiv");
            field(b, "url", "https://huggingface.co/papers/" + p.arxivId());
        }
        if (p.abstractText() != null) field(b, "abstract", p.abstractText());
        b.setLength(b.length() - 2);
        return b.append("\n}\n").toString();
    }

    /** arXiv id when known (stable across catalogues), else the catalogue id. */
    static String key(Paper p) {
        return p.arxivId() != null ? "arxiv:" + p.arxivId() : "papers:" + p.id();
    }

    static String year(Paper p) {
        return p.published() != null && p.published().length() >= 4 && p.published().substring(0, 4).chars().allMatch(Character::isDigit)
                ? p.published().substring(0, 4) : null;
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append("  ").append(name).append(" = {").append(balanced(value.replace('\n', ' '))).append("},\n");
    }

    /** The text with every brace that has no partner removed. */
    static String balanced(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int depth = 0;
        int[] opens = new int[s.length()];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{') {
                opens[depth++] = out.length();
                out.append(c);
            } else if (c == '}') {
                if (depth > 0) {
                    depth--;
                    out.append(c);
                }
            } else {
                out.append(c);
            }
        }
        for (int d = depth - 1; d >= 0; d--) out.deleteCharAt(opens[d]);
        return out.toString();
    }
}
