package nl.consilium.policy.phi;

/**
 * The text cut into words, numbers and single punctuation characters, kept as parallel arrays so that
 * one pass over a megabyte of text allocates little: the detector's rules walk tokens, never regexes.
 */
final class Tokens {
    static final byte WORD = 0;
    static final byte NUM = 1;
    static final byte PUNCT = 2;

    final String text;
    int size;
    int[] start;
    int[] end;
    byte[] kind;
    /** Whitespace directly before the token. */
    boolean[] spaceBefore;
    /** A line break between the previous token and this one. */
    boolean[] lineBefore;
    /** Lower-case form of words, the literal text of numbers and punctuation: the lexicon key. */
    String[] key;

    private Tokens(String text, int capacity) {
        this.text = text;
        start = new int[capacity];
        end = new int[capacity];
        kind = new byte[capacity];
        spaceBefore = new boolean[capacity];
        lineBefore = new boolean[capacity];
        key = new String[capacity];
    }

    private static final String[] ASCII = new String[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII[c] = String.valueOf(c).intern();
        }
    }

    /** Lower-case key without the Locale machinery for the common all-ASCII word. */
    private static String lowerKey(String text, int s, int e) {
        boolean plain = true;
        for (int p = s; p < e; p++) {
            char c = text.charAt(p);
            if (c >= 128 || (c >= 'A' && c <= 'Z')) {
                plain = false;
                break;
            }
        }
        if (plain) {
            return text.substring(s, e);
        }
        char[] buf = new char[e - s];
        boolean ascii = true;
        for (int p = s; p < e; p++) {
            char c = text.charAt(p);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            } else if (c >= 128) {
                ascii = false;
            }
            buf[p - s] = c;
        }
        String lower = new String(buf);
        return ascii ? lower : lower.toLowerCase(java.util.Locale.ROOT).replace('\u2019', '\'');
    }

    static Tokens of(String text) {
        Tokens t = new Tokens(text, Math.max(16, text.length() / 4));
        int n = text.length();
        int i = 0;
        boolean space = false;
        boolean line = false;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00A0') {
                space = true;
                if (c == '\n' || c == '\r') {
                    line = true;
                }
                i++;
                continue;
            }
            int s = i;
            byte k;
            if (Character.isLetter(c) || (isApostrophe(c) && startsElision(text, i))) {
                i++;
                while (i < n) {
                    char d = text.charAt(i);
                    if (Character.isLetter(d) || Character.getType(d) == Character.NON_SPACING_MARK) {
                        i++;
                    } else if (isApostrophe(d) && i + 1 < n && Character.isLetter(text.charAt(i + 1))) {
                        i++; // O'Brien, Barrett's
                    } else {
                        break;
                    }
                }
                k = WORD;
            } else if (c >= '0' && c <= '9') {
                i++;
                while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                    i++;
                }
                k = NUM;
            } else {
                i++;
                if (Character.isHighSurrogate(c) && i < n) {
                    i++;
                }
                k = PUNCT;
            }
            t.add(s, i, k, space, line);
            space = false;
            line = false;
        }
        return t;
    }

    /** 't and 's as in "van 't Hof" and "'s-Hertogenbosch". */
    private static boolean startsElision(String text, int i) {
        if (i > 0 && Character.isLetter(text.charAt(i - 1))) {
            return false;
        }
        if (i + 1 >= text.length()) {
            return false;
        }
        char l = Character.toLowerCase(text.charAt(i + 1));
        return (l == 't' || l == 's') && (i + 2 >= text.length() || !Character.isLetter(text.charAt(i + 2)));
    }

    static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019';
    }

    private void add(int s, int e, byte k, boolean space, boolean line) {
        if (size == start.length) {
            int cap = size * 2;
            start = java.util.Arrays.copyOf(start, cap);
            end = java.util.Arrays.copyOf(end, cap);
            kind = java.util.Arrays.copyOf(kind, cap);
            spaceBefore = java.util.Arrays.copyOf(spaceBefore, cap);
            lineBefore = java.util.Arrays.copyOf(lineBefore, cap);
            key = java.util.Arrays.copyOf(key, cap);
        }
        start[size] = s;
        end[size] = e;
        kind[size] = k;
        spaceBefore[size] = space;
        lineBefore[size] = line;
        if (k == WORD) {
            key[size] = lowerKey(text, s, e);
        } else if (k == PUNCT && e - s == 1 && text.charAt(s) < 128) {
            key[size] = ASCII[text.charAt(s)];
        } else {
            key[size] = text.substring(s, e);
        }
        size++;
    }

    boolean isWord(int i) {
        return i >= 0 && i < size && kind[i] == WORD;
    }

    boolean isNum(int i) {
        return i >= 0 && i < size && kind[i] == NUM;
    }

    boolean isPunct(int i, char c) {
        return i >= 0 && i < size && kind[i] == PUNCT && text.charAt(start[i]) == c;
    }

    int length(int i) {
        return end[i] - start[i];
    }

    char first(int i) {
        return text.charAt(start[i]);
    }

    /** Starts with a capital letter. */
    boolean isCapitalised(int i) {
        return isWord(i) && Character.isUpperCase(text.charAt(start[i]));
    }

    /** Capitalised and not an all-capitals abbreviation (ECG, SEH, CT). */
    boolean isNameShaped(int i) {
        if (!isCapitalised(i) || length(i) < 2) {
            return false;
        }
        for (int p = start[i] + 1; p < end[i]; p++) {
            if (Character.isLowerCase(text.charAt(p))) {
                return true;
            }
        }
        return false;
    }

    /** Directly adjacent: no whitespace between token i and i+1. */
    boolean glued(int i) {
        return i + 1 < size && !spaceBefore[i + 1];
    }

    int value(int i) {
        int len = length(i);
        if (len > 9) {
            return Integer.MAX_VALUE;
        }
        int v = 0;
        for (int p = start[i]; p < end[i]; p++) {
            v = v * 10 + (text.charAt(p) - '0');
        }
        return v;
    }
}
