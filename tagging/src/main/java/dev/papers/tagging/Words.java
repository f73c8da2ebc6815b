package dev.papers.tagging;

/** Word tests the analysis and the keyphrases share. */
final class Words {
    private Words() {}

    static boolean hasLetterOrDigit(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isLetterOrDigit(s.charAt(i))) return true;
        return false;
    }

    static boolean isNumber(String s) {
        boolean digit = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isDigit(c)) digit = true;
            else if (c != '.' && c != ',' && c != '%' && c != '+' && c != '-') return false;
        }
        return digit;
    }

    /** Plural stripping after Lucene's EnglishMinimalStemmer (Harman's S-stemmer). */
    static String singular(String s) {
        int len = s.length();
        if (len < 3 || s.charAt(len - 1) != 's') return s;
        switch (s.charAt(len - 2)) {
            case 'u':
            case 's':
                return s;
            case 'e':
                if (len > 3 && s.charAt(len - 3) == 'i' && s.charAt(len - 4) != 'a' && s.charAt(len - 4) != 'e') {
                    return s.substring(0, len - 3) + "y";
                }
                char c = s.charAt(len - 3);
                if (c == 'i' || c == 'a' || c == 'o' || c == 'e') return s;
                return s.substring(0, len - 1);
            default:
                return s.substring(0, len - 1);
        }
    }
}
