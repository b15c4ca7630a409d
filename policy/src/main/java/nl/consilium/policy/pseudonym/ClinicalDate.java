package nl.consilium.policy.pseudonym;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date as written in a note, parsed so that it can be shifted and written back in the same notation
 * ("12-03-2024", "3 feb. 2024", "vrijdag 8 maart", "March 3, 2024", "december 2023", "2024-01-15").
 * Precision is kept: a month-year stays a month-year, a day-month stays without year.
 */
record ClinicalDate(LocalDate date, Notation notation) {

    /** How the original was written, enough to render a shifted date the same way. */
    record Notation(Kind kind, String separator, boolean paddedDay, boolean paddedMonth, boolean twoDigitYear,
                    boolean dayFirst, String monthWord, MonthStyle monthStyle, String weekdayWord, boolean hasYear,
                    String ordinal, boolean comma) {
    }

    enum Kind { NUMERIC, ISO, TEXT_DAY_MONTH, TEXT_MONTH_DAY, MONTH_YEAR }

    enum MonthStyle { NL_FULL, NL_ABBR, NL_ABBR_DOT, EN_FULL, EN_ABBR, EN_ABBR_DOT }

    private static final String[] NL_FULL = {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"};
    private static final String[] NL_ABBR = {"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"};
    private static final String[] EN_FULL = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"};
    private static final String[] EN_ABBR = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static final String[] NL_DAYS = {"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"};
    private static final String[] NL_DAYS_ABBR = {"ma", "di", "wo", "do", "vr", "za", "zo"};
    private static final String[] EN_DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    private static final String[] EN_DAYS_ABBR = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

    private static final Map<String, Integer> MONTH_WORDS = new HashMap<>();
    private static final Map<String, MonthStyle> MONTH_STYLE = new HashMap<>();

    static {
        for (int m = 0; m < 12; m++) {
            put(NL_FULL[m], m, MonthStyle.NL_FULL);
            put(NL_ABBR[m], m, MonthStyle.NL_ABBR);
            put(EN_FULL[m].toLowerCase(Locale.ROOT), m, MonthStyle.EN_FULL);
            put(EN_ABBR[m].toLowerCase(Locale.ROOT), m, MonthStyle.EN_ABBR);
        }
        put("febr", 1, MonthStyle.NL_ABBR);
        put("sept", 8, MonthStyle.NL_ABBR);
        put("mar", 2, MonthStyle.EN_ABBR);
    }

    private static void put(String w, int m, MonthStyle s) {
        MONTH_WORDS.putIfAbsent(w, m + 1);
        MONTH_STYLE.putIfAbsent(w, s);
    }

    private static final Pattern NUMERIC = Pattern.compile("(\\d{1,2})([-/.])(\\d{1,2})(?:\\2(\\d{4}|\\d{2}))?");
    private static final Pattern ISO = Pattern.compile("(\\d{4})([-/])(\\d{1,2})\\2(\\d{1,2})");
    private static final Pattern WEEKDAY = Pattern.compile("^(\\p{L}+)(\\.?,?\\s+)(.*)$", Pattern.DOTALL);
    private static final Pattern DAY_MONTH = Pattern.compile("(\\d{1,2})(e|ste|de|st|nd|rd|th)?\\s+(?:of\\s+)?(\\p{L}+)(\\.)?(?:(,)?\\s+(\\d{4}))?");
    private static final Pattern MONTH_DAY = Pattern.compile("(\\p{L}+)(\\.)?\\s+(\\d{1,2})(st|nd|rd|th)?(?:(,)?\\s+(\\d{4}))?");
    private static final Pattern MONTH_YEAR = Pattern.compile("(\\p{L}+)(\\.)?\\s+(\\d{4})");

    static Optional<ClinicalDate> parse(String raw, int referenceYear) {
        String s = raw.strip();
        String weekday = null;
        Matcher w = WEEKDAY.matcher(s);
        if (w.matches() && weekdayIndex(w.group(1)) >= 0) {
            weekday = w.group(1) + w.group(2);
            s = w.group(3);
        }
        try {
            Matcher m = ISO.matcher(s);
            if (m.matches()) {
                LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
                return Optional.of(new ClinicalDate(d, new Notation(Kind.ISO, m.group(2), m.group(4).length() == 2, m.group(3).length() == 2,
                        false, true, null, null, weekday, true, "", false)));
            }
            m = NUMERIC.matcher(s);
            if (m.matches()) {
                int a = Integer.parseInt(m.group(1));
                int b = Integer.parseInt(m.group(3));
                boolean hasYear = m.group(4) != null;
                int year = hasYear ? Integer.parseInt(m.group(4)) : referenceYear;
                boolean twoDigit = hasYear && m.group(4).length() == 2;
                if (twoDigit) {
                    year += year > (referenceYear % 100) + 1 ? 1900 : 2000;
                }
                boolean dayFirst = b <= 12;
                LocalDate d = dayFirst ? LocalDate.of(year, b, a) : LocalDate.of(year, a, b);
                return Optional.of(new ClinicalDate(d, new Notation(Kind.NUMERIC, m.group(2), m.group(1).length() == 2,
                        m.group(3).length() == 2, twoDigit, dayFirst, null, null, weekday, hasYear, "", false)));
            }
            m = DAY_MONTH.matcher(s);
            if (m.matches() && MONTH_WORDS.containsKey(m.group(3).toLowerCase(Locale.ROOT))) {
                String mw = m.group(3);
                boolean hasYear = m.group(6) != null;
                LocalDate d = LocalDate.of(hasYear ? Integer.parseInt(m.group(6)) : referenceYear,
                        MONTH_WORDS.get(mw.toLowerCase(Locale.ROOT)), Integer.parseInt(m.group(1)));
                return Optional.of(new ClinicalDate(d, new Notation(Kind.TEXT_DAY_MONTH, s.contains(" of ") ? " of " : " ", false, false,
                        false, true, mw, style(mw, m.group(4) != null), weekday, hasYear, m.group(2) == null ? "" : m.group(2), m.group(5) != null)));
            }
            m = MONTH_YEAR.matcher(s);
            if (m.matches() && MONTH_WORDS.containsKey(m.group(1).toLowerCase(Locale.ROOT))) {
                String mw = m.group(1);
                LocalDate d = LocalDate.of(Integer.parseInt(m.group(3)), MONTH_WORDS.get(mw.toLowerCase(Locale.ROOT)), 1);
                return Optional.of(new ClinicalDate(d, new Notation(Kind.MONTH_YEAR, " ", false, false, false, true, mw,
                        style(mw, m.group(2) != null), weekday, true, "", false)));
            }
            m = MONTH_DAY.matcher(s);
            if (m.matches() && MONTH_WORDS.containsKey(m.group(1).toLowerCase(Locale.ROOT))) {
                String mw = m.group(1);
                boolean hasYear = m.group(6) != null;
                LocalDate d = LocalDate.of(hasYear ? Integer.parseInt(m.group(6)) : referenceYear,
                        MONTH_WORDS.get(mw.toLowerCase(Locale.ROOT)), Integer.parseInt(m.group(3)));
                return Optional.of(new ClinicalDate(d, new Notation(Kind.TEXT_MONTH_DAY, " ", false, false, false, false, mw,
                        style(mw, m.group(2) != null), weekday, hasYear, m.group(4) == null ? "" : m.group(4), m.group(5) != null)));
            }
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static MonthStyle style(String word, boolean dot) {
        MonthStyle s = MONTH_STYLE.get(word.toLowerCase(Locale.ROOT));
        if (dot && s == MonthStyle.NL_ABBR) {
            return MonthStyle.NL_ABBR_DOT;
        }
        if (dot && s == MonthStyle.EN_ABBR) {
            return MonthStyle.EN_ABBR_DOT;
        }
        return s;
    }

    private static int weekdayIndex(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (int k = 0; k < 7; k++) {
            if (NL_DAYS[k].equals(w) || NL_DAYS_ABBR[k].equals(w) || EN_DAYS[k].toLowerCase(Locale.ROOT).equals(w)
                    || EN_DAYS_ABBR[k].toLowerCase(Locale.ROOT).equals(w)) {
                return k;
            }
        }
        return -1;
    }

    /** Writes another date in this date's notation. */
    String render(LocalDate d) {
        Notation n = notation;
        StringBuilder sb = new StringBuilder();
        if (n.weekdayWord() != null) {
            String word = n.weekdayWord().replaceAll("[.,\\s]+$", "");
            String tail = n.weekdayWord().substring(word.length());
            sb.append(weekdayLike(word, d.getDayOfWeek())).append(tail);
        }
        switch (n.kind()) {
            case ISO -> sb.append(d.getYear()).append(n.separator()).append(pad(d.getMonthValue(), n.paddedMonth()))
                    .append(n.separator()).append(pad(d.getDayOfMonth(), n.paddedDay()));
            case NUMERIC -> {
                int first = n.dayFirst() ? d.getDayOfMonth() : d.getMonthValue();
                int second = n.dayFirst() ? d.getMonthValue() : d.getDayOfMonth();
                sb.append(pad(first, n.paddedDay())).append(n.separator()).append(pad(second, n.paddedMonth()));
                if (n.hasYear()) {
                    sb.append(n.separator()).append(n.twoDigitYear() ? pad(d.getYear() % 100, true) : String.valueOf(d.getYear()));
                }
            }
            case TEXT_DAY_MONTH -> {
                sb.append(d.getDayOfMonth()).append(n.ordinal().isEmpty() ? "" : ordinal(d.getDayOfMonth(), n.ordinal()))
                        .append(n.separator()).append(monthWord(d.getMonthValue(), n));
                if (n.hasYear()) {
                    sb.append(n.comma() ? ", " : " ").append(d.getYear());
                }
            }
            case TEXT_MONTH_DAY -> {
                sb.append(monthWord(d.getMonthValue(), n)).append(' ').append(d.getDayOfMonth())
                        .append(n.ordinal().isEmpty() ? "" : ordinal(d.getDayOfMonth(), n.ordinal()));
                if (n.hasYear()) {
                    sb.append(n.comma() ? ", " : " ").append(d.getYear());
                }
            }
            case MONTH_YEAR -> sb.append(monthWord(d.getMonthValue(), n)).append(' ').append(d.getYear());
        }
        return sb.toString();
    }

    private static String ordinal(int day, String original) {
        if (original.equals("e") || original.equals("ste") || original.equals("de")) {
            return "e";
        }
        if (day % 10 == 1 && day != 11) {
            return "st";
        }
        if (day % 10 == 2 && day != 12) {
            return "nd";
        }
        if (day % 10 == 3 && day != 13) {
            return "rd";
        }
        return "th";
    }

    private static String monthWord(int month, Notation n) {
        String w = switch (n.monthStyle()) {
            case NL_FULL -> NL_FULL[month - 1];
            case NL_ABBR -> NL_ABBR[month - 1];
            case NL_ABBR_DOT -> NL_ABBR[month - 1] + (NL_ABBR[month - 1].equals("mei") ? "" : ".");
            case EN_FULL -> EN_FULL[month - 1];
            case EN_ABBR -> EN_ABBR[month - 1];
            case EN_ABBR_DOT -> EN_ABBR[month - 1] + (EN_ABBR[month - 1].equals("May") ? "" : ".");
        };
        return matchCase(w, n.monthWord());
    }

    private static String weekdayLike(String original, DayOfWeek day) {
        int k = day.getValue() - 1;
        String lower = original.toLowerCase(Locale.ROOT);
        for (String[] set : new String[][] {NL_DAYS, NL_DAYS_ABBR, EN_DAYS, EN_DAYS_ABBR}) {
            for (String candidate : set) {
                if (candidate.toLowerCase(Locale.ROOT).equals(lower)) {
                    return matchCase(set[k], original);
                }
            }
        }
        return original;
    }

    private static String matchCase(String word, String like) {
        if (like == null || like.isEmpty()) {
            return word;
        }
        if (Character.isUpperCase(like.charAt(0))) {
            return Character.toUpperCase(word.charAt(0)) + word.substring(1);
        }
        return word.toLowerCase(Locale.ROOT);
    }

    private static String pad(int v, boolean padded) {
        return padded && v < 10 ? "0" + v : String.valueOf(v);
    }
}
