package dev.papers.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** The dedup key, used everywhere: normalised title and the paper id derived from it. */
public final class Titles {
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");

    private Titles() {}

    /** NFKC, case-folded, every run of non letters/digits replaced by one space, trimmed. */
    public static String normalize(String title) {
        String s = Normalizer.normalize(title, Normalizer.Form.NFKC);
        // upper-then-lower folds ß/ſ-style cases that a plain toLowerCase keeps apart.
        s = s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return NOT_LETTER_OR_DIGIT.matcher(s).replaceAll(" ").trim();
    }

    /** First 16 hex digits of SHA-256 of the UTF-8 normalised title. */
    public static String id(String title) {
        return idOfNormalized(normalize(title));
    }

    public static String idOfNormalized(String normalizedTitle) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(normalizedTitle.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
