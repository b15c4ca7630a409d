package nl.consilium.policy.phi;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import nl.consilium.policy.DataCategory;
import nl.consilium.policy.PersonalDataDetector;
import nl.consilium.policy.PhiSpan;

/**
 * Personal-data detector in the manner of deduce (UMC Utrecht): lookup lists, patterns and context
 * rules over tokens. One tokenisation pass, then each rule looks only at the tokens that can start its
 * kind of span (a number, a title, a capitalised word), so there is no per-token regex loop. Candidate
 * spans compete by priority and length; the winners never overlap.
 *
 * <p>Thread-safe: all state is per call; the lexicon is read-only.
 */
public final class RuleBasedDetector implements PersonalDataDetector {

    // Higher wins when candidates overlap.
    private static final int P_WEB = 100;
    private static final int P_INSTITUTION = 90;
    private static final int P_NUMBER = 80;
    private static final int P_AGE = 70;
    private static final int P_ADDRESS = 65;
    private static final int P_PERSON_STRONG = 62;
    private static final int P_PERSON = 60;
    private static final int P_PLACE = 50;
    private static final int P_STREET_NAME = 40;

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("januari", 1), Map.entry("jan", 1), Map.entry("january", 1),
            Map.entry("februari", 2), Map.entry("feb", 2), Map.entry("febr", 2), Map.entry("february", 2),
            Map.entry("maart", 3), Map.entry("mrt", 3), Map.entry("mar", 3), Map.entry("march", 3),
            Map.entry("april", 4), Map.entry("apr", 4),
            Map.entry("mei", 5), Map.entry("may", 5),
            Map.entry("juni", 6), Map.entry("jun", 6), Map.entry("june", 6),
            Map.entry("juli", 7), Map.entry("jul", 7), Map.entry("july", 7),
            Map.entry("augustus", 8), Map.entry("aug", 8), Map.entry("august", 8),
            Map.entry("september", 9), Map.entry("sep", 9), Map.entry("sept", 9),
            Map.entry("oktober", 10), Map.entry("okt", 10), Map.entry("october", 10), Map.entry("oct", 10),
            Map.entry("november", 11), Map.entry("nov", 11),
            Map.entry("december", 12), Map.entry("dec", 12));
    private static final Set<String> WEEKDAYS = Set.of(
            "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "ma", "di", "wo", "do", "vr", "za", "zo", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun");
    private static final Set<String> ORDINALS = Set.of(
            "e", "ste", "de", "st", "nd", "rd", "th");
    /** Words before a day-month without year that make it a date rather than a dose range or a fraction. */
    private static final Set<String> DATE_CUES = Set.of(
            "op", "per", "sinds", "vanaf", "tot", "datum", "opname", "ontslag", "gezien", "d", "dd", "van", "t/m", "tm", "en", "on", "dated", "from", "until", "since", "to", "admitted", "discharged", "date", "controle", "afspraak", "geboren", "geb", "born", "dob", "om");
    private static final Set<String> AGE_UNITS = Set.of(
            "jaar", "jr", "jaren", "years", "year", "yrs", "yr", "jarig", "jarige");
    private static final Set<String> DURATION_WORDS = Set.of(
            "sinds", "al", "gedurende", "ruim", "na", "over", "voor", "binnen", "afgelopen", "laatste", "ongeveer", "circa", "ca", "bijna", "since", "for", "within", "last", "past", "after", "about", "nog", "elke", "iedere", "per", "tot", "min", "max", "bij", "x", "keer", "than");
    private static final Set<String> AGE_AFTER_BAD = Set.of(
            "geleden", "later", "na", "ago", "eerder", "daarvoor", "daarna");
    private static final Set<String> PLACE_CUES = Set.of(
            "te", "in", "uit", "naar", "wonend", "woonachtig", "woont", "woonde", "geboren", "verhuisd", "vanuit", "richting", "nabij", "omgeving", "regio", "from", "at", "near", "to", "lives", "living", "born", "moved");
    private static final Set<String> MEDICAL_FOLLOWERS = Set.of(
            "criteria", "criterium", "classificatie", "classification", "score", "scale", "schaal", "coma", "stool", "breakage", "triage", "staging", "stadiëring", "disease", "ziekte", "syndroom", "syndrome", "sign", "teken", "test", "lymfoom", "lymphoma", "manoeuvre", "maneuver", "reflex", "fenomeen", "phenomenon", "index", "cyste", "cyst", "fractuur", "fracture", "operatie", "procedure", "protocol", "consensus", "bowel", "preparation", "frailty", "heart", "virus", "studie", "study", "trial", "regel", "rule");
    private static final Set<String> MEDICAL_PRECEDERS = Set.of(
            "ziekte", "syndroom", "teken", "test", "manoeuvre", "morbus", "cyste", "fenomeen", "volgens", "factor", "non", "sec", "graad", "stadium", "reflex", "operatie", "methode");
    private static final Set<String> PATIENT_ID_LABELS = Set.of(
            "patiëntnummer", "patientnummer", "patiëntnr", "patientnr", "patnr", "ziekenhuisnummer", "zhnr", "zis", "zisnummer", "hix", "hixnummer", "epdnummer", "dossiernummer", "registratienummer", "mrn", "patiënt-id", "patient-id", "pid", "ziekenhuisnr", "pat-nr", "identificatienummer");
    private static final Set<String> OTHER_ID_LABELS = Set.of(
            "polisnummer", "polis", "verzekeringsnummer", "verzekerdennummer", "big", "big-nummer", "big-registratie", "agb", "agb-code", "uzi", "uzi-nummer", "klantnummer", "lidnummer", "paspoortnummer", "rijbewijsnummer", "documentnummer", "rekeningnummer", "nhs", "ssn", "policy", "insurance", "passport");
    private static final Set<String> NOT_AN_ID_LABELS = Set.of(
            "lot", "lotnummer", "ordernummer", "order", "aanvraagnummer", "aanvraag", "batch", "batchnummer", "charge", "chargenummer", "referentie", "factuur", "factuurnummer", "sein", "toestel", "kamer", "bed", "versie", "artikel", "artikelnummer", "zindex", "z-index", "hpk", "prk", "gpk", "snomed", "loinc", "atc", "icd", "dbc", "zorgproduct", "declaratiecode");
    private static final Set<String> BSN_LABELS = Set.of(
            "bsn", "burgerservicenummer", "sofinummer", "sofi");
    private static final Set<String> STREET_LEAD_WORDS = Set.of(
            "prins", "prinses", "koningin", "koning", "burgemeester", "sint", "st", "oude", "nieuwe", "lange", "korte", "graaf", "dr", "professor", "prof", "generaal", "admiraal", "hertog", "hertogin", "kardinaal", "pastoor", "van", "de", "der", "den", "het", "'t", "ter", "ten", "jan", "hendrik", "willem", "mr", "meester", "hoge", "lage", "grote", "kleine", "noorder", "zuider", "ooster", "wester", "west", "oost", "noord", "zuid");
    private static final Set<String> POSTCODE_UNIT_PAIRS = Set.of(
            "MG", "ML", "KG", "MM", "CM", "GR", "NM", "KB", "MB", "GB", "DD", "HB", "PM", "AM", "MN", "KM", "MX", "HR", "BP", "CT", "EH", "ME", "PK", "PH", "GA", "AD", "AP", "RR", "VG", "XR");
    /** The pseudonymiser's own surrogates ("Locatie I.") must never look like initials. */
    private static final Set<String> SURROGATE_WORDS = Set.of("persoon", "locatie", "instelling");
    private static final Set<String> ROMAN = Set.of("i", "ii", "iii", "iv", "v", "vi", "vii", "viii");
    private static final Set<String> SCORE_WORDS = Set.of("apgar", "emv", "gcs", "score", "stadium", "graad", "grade", "stage",
            "klasse", "nyha", "asa", "who", "ecog", "gleason", "schema", "week", "weken", "dag", "dagen", "cyclus", "kuur");
    private static final Set<String> UNIT_AFTER = Set.of("mg", "g", "ml", "mmhg", "keer", "x", "dagen", "weken", "tabletten", "tablet",
            "capsules", "eenheden", "ie", "cm", "mm", "kg", "uur", "min", "minuten", "jaar", "maanden");
    private static final Set<String> PREPOSITION_PREFIXES = Set.of("uit", "in", "op", "aan", "bij", "onder", "over", "te", "voor");
    private static final Set<String> EXTRA_PATIENT_LABEL_SECOND = Set.of(
            "nr", "nummer", "number", "id", "no");

    private final Lexicon lex;

    public RuleBasedDetector() {
        this.lex = Lexicon.standard();
    }

    private record Candidate(int start, int end, DataCategory category, int priority) {
    }

    @Override
    public List<PhiSpan> detect(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        Tokens t = Tokens.of(text);
        List<Candidate> out = new ArrayList<>();
        web(text, out);
        boolean[] blocked = eponymBlocks(t);
        int personUntil = -1;
        for (int i = 0; i < t.size; i++) {
            byte k = t.kind[i];
            if (k == Tokens.NUM) {
                numeric(t, i, out);
            } else if (k == Tokens.PUNCT) {
                char c = t.first(i);
                if (c == '+' || c == '(') {
                    phone(t, i, out);
                }
            } else {
                String key = t.key[i];
                if (MONTHS.containsKey(key) || WEEKDAYS.contains(key)) {
                    monthFirstDate(t, i, out);
                }
                institution(t, i, out);
                if (PATIENT_ID_LABELS.contains(key) || OTHER_ID_LABELS.contains(key) || BSN_LABELS.contains(key)
                        || key.equals("pat") || key.equals("patient") || key.equals("patiënt")
                        || key.equals("hospital") || key.equals("record")) {
                    labelledId(t, i, out);
                }
                place(t, i, blocked, out);
                street(t, i, out);
                if (i >= personUntil) {
                    int end = person(t, i, blocked, out);
                    if (end > 0) {
                        personUntil = end;
                    }
                }
            }
        }
        return resolve(out, text.length());
    }

    // ---------------------------------------------------------------- resolution

    private static List<PhiSpan> resolve(List<Candidate> candidates, int length) {
        candidates.sort(Comparator.comparingInt((Candidate c) -> -c.priority())
                .thenComparingInt(c -> -(c.end() - c.start()))
                .thenComparingInt(Candidate::start));
        BitSet taken = new BitSet(length);
        List<PhiSpan> spans = new ArrayList<>();
        for (Candidate c : candidates) {
            int next = taken.nextSetBit(c.start());
            if (next >= 0 && next < c.end()) {
                continue;
            }
            taken.set(c.start(), c.end());
            spans.add(new PhiSpan(c.start(), c.end(), c.category()));
        }
        spans.sort(Comparator.comparingInt(PhiSpan::start));
        return spans;
    }

    // ---------------------------------------------------------------- e-mail and URLs

    private static void web(String text, List<Candidate> out) {
        int at = text.indexOf('@');
        while (at >= 0) {
            int s = at;
            while (s > 0 && isEmailLocal(text.charAt(s - 1))) {
                s--;
            }
            int e = at + 1;
            int dots = 0;
            while (e < text.length() && isDomain(text.charAt(e))) {
                if (text.charAt(e) == '.') {
                    dots++;
                }
                e++;
            }
            while (e > at + 1 && (text.charAt(e - 1) == '.' || text.charAt(e - 1) == '-')) {
                e--;
                dots = text.substring(at + 1, e).contains(".") ? dots : 0;
            }
            if (s < at && dots > 0 && text.substring(at + 1, e).indexOf('.') > 0) {
                out.add(new Candidate(s, e, DataCategory.EMAIL, P_WEB));
            }
            at = text.indexOf('@', Math.max(e, at + 1));
        }
        urls(text, "http://", out);
        urls(text, "https://", out);
        urls(text, "www.", out);
    }

    private static void urls(String text, String marker, List<Candidate> out) {
        int p = text.indexOf(marker);
        while (p >= 0) {
            boolean insideOther = p > 0 && (Character.isLetterOrDigit(text.charAt(p - 1)) || text.charAt(p - 1) == '/'
                    || text.charAt(p - 1) == '.' || text.charAt(p - 1) == '@');
            int e = p + marker.length();
            while (e < text.length() && !Character.isWhitespace(text.charAt(e)) && "<>\"()[]{}".indexOf(text.charAt(e)) < 0) {
                e++;
            }
            while (e > p && ".,;:!?'".indexOf(text.charAt(e - 1)) >= 0) {
                e--;
            }
            if (!insideOther && e > p + marker.length() + 2) {
                out.add(new Candidate(p, e, DataCategory.URL, P_WEB));
            }
            p = text.indexOf(marker, Math.max(e, p + 1));
        }
    }

    private static boolean isEmailLocal(char c) {
        return (c < 128 && Character.isLetterOrDigit(c)) || c == '.' || c == '_' || c == '-' || c == '+' || c == '%';
    }

    private static boolean isDomain(char c) {
        return (c < 128 && Character.isLetterOrDigit(c)) || c == '.' || c == '-';
    }

    // ---------------------------------------------------------------- numbers: dates, ids, phones, postcodes, ages

    private void numeric(Tokens t, int i, List<Candidate> out) {
        if (t.glued(i - 1) && (t.isWord(i - 1) || t.isNum(i - 1))) {
            return; // part of a code such as N02BE01, CHA2DS2 or a glued unit
        }
        int len = t.length(i);
        char c0 = t.first(i);
        if (c0 == '0' || len >= 9) {
            if (phone(t, i, out)) {
                return;
            }
        }
        if (numericDate(t, i, out) || textDate(t, i, out)) {
            return;
        }
        if (bsn(t, i, out)) {
            return;
        }
        if (len == 4 && postcode(t, i, out)) {
            return;
        }
        if (len <= 3) {
            age(t, i, out);
        }
        if (len == 7 && standalone(t, i) && !notAnIdContext(t, i)) {
            out.add(new Candidate(t.start[i], t.end[i], DataCategory.PATIENT_ID, P_NUMBER - 5));
        }
    }

    private static boolean standalone(Tokens t, int i) {
        boolean before = i == 0 || !t.glued(i - 1) || !(t.isNum(i - 1) || t.isWord(i - 1) || t.isPunct(i - 1, '.') || t.isPunct(i - 1, ',') || t.isPunct(i - 1, '-'));
        boolean after = i + 1 >= t.size || !t.glued(i) || !(t.isNum(i + 1) || t.isWord(i + 1)
                || ((t.isPunct(i + 1, '.') || t.isPunct(i + 1, ',') || t.isPunct(i + 1, '-')) && t.isNum(i + 2) && t.glued(i + 1)));
        return before && after;
    }

    private boolean notAnIdContext(Tokens t, int i) {
        for (int j = i - 1; j >= Math.max(0, i - 3); j--) {
            if (t.isWord(j) && NOT_AN_ID_LABELS.contains(t.key[j])) {
                return true;
            }
            if (t.isWord(j) && t.key[j].endsWith("nummer") && !PATIENT_ID_LABELS.contains(t.key[j])) {
                return true;
            }
        }
        return false;
    }

    /** Phone numbers: Dutch 10-digit national numbers, +31/0031 forms, (0)-forms, other +country numbers. */
    private static boolean phone(Tokens t, int i, List<Candidate> out) {
        String s = t.text;
        int p = t.start[i];
        if (p > 0 && (Character.isLetterOrDigit(s.charAt(p - 1)) || s.charAt(p - 1) == '/' || s.charAt(p - 1) == ',')) {
            return false;
        }
        char[] digits = new char[16];
        int nd = 0;
        int lastDigitEnd = -1;
        int sepRun = 0;
        boolean plus = false;
        int q = p;
        boolean intlDigits = s.startsWith("00", q);
        if (s.charAt(q) == '+') {
            plus = true;
            q++;
            if (q >= s.length() || !Character.isDigit(s.charAt(q))) {
                return false;
            }
        } else if (s.charAt(q) == '(') {
            // "(030) 693 12 34": an area code in brackets; "(06 - 41 ...)" is a number inside brackets
            int close = s.indexOf(')', q);
            if (q + 1 >= s.length() || s.charAt(q + 1) != '0' || close < 0 || close - q > 6) {
                return false;
            }
        }
        for (; q < s.length(); q++) {
            char c = s.charAt(q);
            if (c >= '0' && c <= '9') {
                if (nd == digits.length) {
                    return false;
                }
                digits[nd++] = c;
                lastDigitEnd = q + 1;
                sepRun = 0;
                if (!plus && !intlDigits && nd == 10) {
                    break;
                }
            } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '\u00A0') {
                if (++sepRun > 3) {
                    break;
                }
            } else {
                break;
            }
        }
        if (lastDigitEnd < 0) {
            return false;
        }
        if (lastDigitEnd < s.length() && Character.isDigit(s.charAt(lastDigitEnd))) {
            return false;
        }
        // a following separator+digit means we stopped inside a longer number
        String d = new String(digits, 0, nd);
        boolean ok;
        if (plus || d.startsWith("00")) {
            String intl = plus ? d : d.substring(2);
            if (intl.startsWith("31")) {
                String rest = intl.substring(2);
                if (rest.startsWith("0")) {
                    rest = rest.substring(1);
                }
                ok = rest.length() == 9 && rest.charAt(0) != '0';
                if (ok && plus) {
                    lastDigitEnd = endAfterDigits(s, p, 2 + (intl.substring(2).startsWith("0") ? 1 : 0) + 9);
                }
            } else {
                ok = intl.length() >= 9 && intl.length() <= 13;
            }
        } else {
            ok = nd == 10 && d.charAt(0) == '0' && d.charAt(1) != '0';
            if (ok && t.isPunct(i + 1, '-') && t.isNum(i + 2) && t.isPunct(i + 3, '-')) {
                ok = false; // 06-12-2023-like date chains
            }
        }
        if (!ok) {
            return false;
        }
        out.add(new Candidate(p, lastDigitEnd, DataCategory.PHONE, P_NUMBER));
        return true;
    }

    private static int endAfterDigits(String s, int from, int count) {
        int seen = 0;
        for (int q = from; q < s.length(); q++) {
            if (Character.isDigit(s.charAt(q)) && ++seen == count) {
                return q + 1;
            }
        }
        return s.length();
    }

    private boolean numericDate(Tokens t, int i, List<Candidate> out) {
        int len = t.length(i);
        if (!(t.isPunct(i + 1, '-') || t.isPunct(i + 1, '/') || t.isPunct(i + 1, '.')) || !t.glued(i) || !t.glued(i + 1)
                || !t.isNum(i + 2)) {
            return false;
        }
        char sep = t.first(i + 1);
        int a = t.value(i);
        int b = t.value(i + 2);
        boolean thirdPart = t.isPunct(i + 3, sep) && t.glued(i + 2) && t.glued(i + 3) && t.isNum(i + 4);
        if (len == 4 && thirdPart && sep != '.') { // ISO 2024-03-12
            int c = t.value(i + 4);
            if (a >= 1900 && a <= 2100 && validDayMonth(c, b) && t.length(i + 4) <= 2 && endsCleanly(t, i + 4)) {
                out.add(new Candidate(t.start[i], t.end[i + 4], DataCategory.DATE, P_NUMBER));
                return true;
            }
            return false;
        }
        if (len > 2 || t.length(i + 2) > 2) {
            return false;
        }
        if (scoreContext(t, i)) {
            return false;
        }
        if (t.isPunct(i + 3, sep) && t.glued(i + 2) && t.glued(i + 3) && t.isPunct(i + 4, '\'') && t.glued(i + 4) && t.isNum(i + 5)
                && t.length(i + 5) == 2 && (validDayMonth(a, b) || validDayMonth(b, a))) {
            out.add(new Candidate(t.start[i], t.end[i + 5], DataCategory.DATE, P_NUMBER)); // 28-2-'24
            return true;
        }
        if (thirdPart) {
            int ylen = t.length(i + 4);
            int y = t.value(i + 4);
            boolean yearOk = (ylen == 4 && y >= 1880 && y <= 2100) || (ylen == 2 && sep != '.');
            if (sep == '.' && ylen == 2) {
                yearOk = len == 2 && t.length(i + 2) == 2;
            }
            if (yearOk && (validDayMonth(a, b) || validDayMonth(b, a)) && endsCleanly(t, i + 4)) {
                out.add(new Candidate(t.start[i], t.end[i + 4], DataCategory.DATE, P_NUMBER));
                return true;
            }
            return false;
        }
        if (sep == '.' || !validDayMonth(a, b) || !endsCleanly(t, i + 2)) {
            return false;
        }
        boolean descending = a > b && !(t.isWord(i + 3) && UNIT_AFTER.contains(t.key[i + 3]));
        if (dateCueBefore(t, i) || descending) {
            out.add(new Candidate(t.start[i], t.end[i + 2], DataCategory.DATE, P_NUMBER));
            return true;
        }
        return false;
    }

    /** Apgar 7-8-9, EMV 4-5-6, stadium 2-3: numbers after a score word are scores, not dates. */
    private static boolean scoreContext(Tokens t, int i) {
        for (int j = i - 1; j >= Math.max(0, i - 2); j--) {
            if (t.isWord(j) && SCORE_WORDS.contains(t.key[j])) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsCleanly(Tokens t, int last) {
        if (!t.glued(last)) {
            return true;
        }
        int n = last + 1;
        if (t.isNum(n) || t.isWord(n)) {
            return false;
        }
        if ((t.isPunct(n, '-') || t.isPunct(n, '/') || t.isPunct(n, '.') || t.isPunct(n, ',')) && t.isNum(n + 1) && t.glued(n)) {
            return false;
        }
        return true;
    }

    private static boolean validDayMonth(int d, int m) {
        return d >= 1 && d <= 31 && m >= 1 && m <= 12;
    }

    private static boolean dateCueBefore(Tokens t, int i) {
        int j = i - 1;
        while (j >= 0 && t.kind[j] == Tokens.PUNCT && i - j <= 3) {
            j--;
        }
        return j >= 0 && t.isWord(j) && DATE_CUES.contains(t.key[j]);
    }

    /** "12 maart 2024", "3 feb.", "8th of March 2024", with an optional weekday in front. */
    private boolean textDate(Tokens t, int i, List<Candidate> out) {
        int day = t.value(i);
        if (t.length(i) > 2 || day < 1 || day > 31) {
            return false;
        }
        int second = rangeSecondDay(t, i);
        if (second > 0) {
            List<Candidate> tmp = new ArrayList<>(1);
            if (textDate(t, second, tmp)) {
                out.add(new Candidate(weekdayBefore(t, i, t.start[i]), tmp.getFirst().end(), DataCategory.DATE, P_NUMBER));
                return true;
            }
        }
        int j = i + 1;
        if (t.isWord(j) && t.glued(i) && ORDINALS.contains(t.key[j])) {
            j++;
        }
        if (t.isWord(j) && t.key[j].equals("of")) {
            j++;
        }
        Integer month = t.isWord(j) ? MONTHS.get(t.key[j]) : null;
        if (month == null || !monthWordAcceptable(t, j)) {
            return false;
        }
        int end = t.end[j];
        int k = j + 1;
        boolean abbreviated = t.length(j) <= 4 && !t.key[j].equals("mei") && !t.key[j].equals("juni") && !t.key[j].equals("juli");
        if (t.isPunct(k, '.') && t.glued(j) && abbreviated) {
            k++;
            // the dot belongs to the date unless it ends the sentence: "12 mrt. besproken" vs "op 12 mrt. Daarna"
            if (!(k < t.size && t.isCapitalised(k)) && k < t.size) {
                end = t.end[k - 1];
            }
        }
        int yearTok = t.isPunct(k, ',') ? k + 1 : k;
        if (t.isNum(yearTok) && t.length(yearTok) == 4 && t.value(yearTok) >= 1880 && t.value(yearTok) <= 2100) {
            end = t.end[yearTok];
        } else if (t.isPunct(yearTok, '\'') && t.isNum(yearTok + 1) && t.length(yearTok + 1) == 2) {
            end = t.end[yearTok + 1];
        }
        int start = t.start[i];
        start = weekdayBefore(t, i, start);
        out.add(new Candidate(start, end, DataCategory.DATE, P_NUMBER));
        return true;
    }

    /** "3 t/m 7 maart", "12-19 augustus", "12 tot 14 februari": the token of the second day, or -1. */
    private static int rangeSecondDay(Tokens t, int i) {
        int j = i + 1;
        if (t.isPunct(j, '-') || t.isPunct(j, '\u2013')) {
            j++;
        } else if (t.isWord(j) && t.key[j].equals("t") && t.isPunct(j + 1, '/') && t.isWord(j + 2) && t.key[j + 2].equals("m")) {
            j += 3;
        } else if (t.isWord(j) && (t.key[j].equals("tm") || t.key[j].equals("tot") || t.key[j].equals("en") || t.key[j].equals("to"))) {
            j++;
        } else {
            return -1;
        }
        if (t.isNum(j) && t.length(j) <= 2 && t.value(j) >= 1 && t.value(j) <= 31 && t.value(j) > t.value(i)
                && t.isWord(j + 1) && MONTHS.containsKey(t.key[j + 1])) {
            return j;
        }
        return -1;
    }

    private static boolean monthWordAcceptable(Tokens t, int j) {
        String k = t.key[j];
        if (k.equals("may") || k.equals("mar")) {
            return t.isCapitalised(j); // "may" is a verb, "mar" too rare in lower case
        }
        return true;
    }

    private static int weekdayBefore(Tokens t, int i, int start) {
        int w = i - 1;
        if (t.isPunct(w, ',')) {
            w--;
        }
        if (t.isWord(w) && WEEKDAYS.contains(t.key[w]) && (t.length(w) > 2 || !t.key[w].equals("do") || t.isCapitalised(w))) {
            return t.start[w];
        }
        if (t.isPunct(w, '.') && t.isWord(w - 1) && WEEKDAYS.contains(t.key[w - 1]) && t.length(w - 1) <= 4) {
            return t.start[w - 1];
        }
        return start;
    }

    /** "december 2023", "March 3, 2024", "Monday 4 March" starts at the weekday and is handled by the number. */
    private void monthFirstDate(Tokens t, int i, List<Candidate> out) {
        Integer month = MONTHS.get(t.key[i]);
        if (month == null || !monthWordAcceptable(t, i) || t.isNum(i - 1)) {
            return;
        }
        if (t.isWord(i - 1) && ORDINALS.contains(t.key[i - 1]) || (t.isWord(i - 1) && t.key[i - 1].equals("of"))) {
            return;
        }
        int k = i + 1;
        if (t.isPunct(k, '.') && t.glued(i)) {
            k++;
        }
        int start = weekdayBefore(t, i, t.start[i]);
        if (t.isNum(k) && t.length(k) == 4 && t.value(k) >= 1880 && t.value(k) <= 2100 && endsCleanly(t, k)) {
            out.add(new Candidate(start, t.end[k], DataCategory.DATE, P_NUMBER));
            return;
        }
        if (t.isNum(k) && t.length(k) <= 2 && t.value(k) >= 1 && t.value(k) <= 31 && t.isCapitalised(i)
                && MONTHS.get(t.key[i]) != null && t.length(i) >= 3) {
            int end = t.end[k];
            int m = k + 1;
            if (t.isPunct(m, '-') && t.glued(k) && t.glued(m) && t.isNum(m + 1) && t.length(m + 1) <= 2 && t.value(m + 1) > t.value(k)
                    && t.value(m + 1) <= 31) {
                end = t.end[m + 1];
                m += 2;
            }
            if (t.isWord(m) && t.glued(k) && ORDINALS.contains(t.key[m])) {
                end = t.end[m];
                m++;
            }
            int y = t.isPunct(m, ',') ? m + 1 : m;
            if (t.isNum(y) && t.length(y) == 4 && t.value(y) >= 1880 && t.value(y) <= 2100) {
                end = t.end[y];
            }
            if (!(t.glued(k) && t.isPunct(k + 1, ':'))) {
                out.add(new Candidate(start, end, DataCategory.DATE, P_NUMBER));
            }
        }
    }

    /** 9 digits (or 3-3-3 / 4-2-3 groups) that pass the elfproef. A number that fails it is never a BSN. */
    private boolean bsn(Tokens t, int i, List<Candidate> out) {
        int len = t.length(i);
        int last;
        String digits;
        if (len == 9) {
            last = i;
            digits = t.key[i];
        } else if ((len == 3 || len == 4) && t.isNum(i + 2) && (t.isPunct(i + 1, '.') || t.isPunct(i + 1, '-') || t.spaceBefore[i + 1])
                && groupedBsn(t, i)) {
            last = t.kind[i + 1] == Tokens.PUNCT ? i + 4 : i + 2;
            digits = t.key[i] + t.key[i + (t.kind[i + 1] == Tokens.PUNCT ? 2 : 1)] + t.key[last];
        } else {
            return false;
        }
        if (!standalone(t, i) || !standalone(t, last) || digits.length() != 9) {
            return false;
        }
        if (elfproef(digits)) {
            out.add(new Candidate(t.start[i], t.end[last], DataCategory.BSN, P_NUMBER + 1));
            return true;
        }
        return false;
    }

    private static boolean groupedBsn(Tokens t, int i) {
        if (t.kind[i + 1] == Tokens.PUNCT) { // 123.456.789 or 1234.56.789
            char sep = t.first(i + 1);
            return t.glued(i) && t.glued(i + 1) && t.isNum(i + 2) && t.isPunct(i + 3, sep) && t.glued(i + 2) && t.glued(i + 3)
                    && t.isNum(i + 4) && t.length(i) + t.length(i + 2) + t.length(i + 4) == 9 && t.length(i + 4) == 3;
        }
        // 123 456 789 separated by single spaces
        return t.isNum(i + 1) && t.isNum(i + 2) && t.length(i) == 3 && t.length(i + 1) == 3 && t.length(i + 2) == 3
                && singleSpace(t, i) && singleSpace(t, i + 1) && !t.lineBefore[i + 1] && !t.lineBefore[i + 2];
    }

    private static boolean singleSpace(Tokens t, int i) {
        return t.start[i + 1] - t.end[i] == 1;
    }

    static boolean elfproef(String nineDigits) {
        if (nineDigits.length() != 9 || nineDigits.charAt(0) == '0' && nineDigits.charAt(1) == '0') {
            return false;
        }
        int sum = 0;
        for (int k = 0; k < 8; k++) {
            sum += (nineDigits.charAt(k) - '0') * (9 - k);
        }
        sum -= nineDigits.charAt(8) - '0';
        return sum % 11 == 0 && !nineDigits.equals("000000000");
    }

    private boolean postcode(Tokens t, int i, List<Candidate> out) {
        if (t.first(i) == '0' || !t.isWord(i + 1) || t.length(i + 1) != 2) {
            return false;
        }
        if (t.spaceBefore[i + 1] && t.start[i + 1] - t.end[i] != 1) {
            return false;
        }
        String letters = t.text.substring(t.start[i + 1], t.end[i + 1]);
        for (int k = 0; k < 2; k++) {
            char c = letters.charAt(k);
            if (c < 'A' || c > 'Z' || "FIOQUY".indexOf(c) >= 0) {
                return false;
            }
        }
        if (letters.equals("SA") || letters.equals("SD") || letters.equals("SS")) {
            return false;
        }
        if (t.glued(i + 1) && (t.isWord(i + 2) || t.isNum(i + 2))) {
            return false;
        }
        if (POSTCODE_UNIT_PAIRS.contains(letters)) {
            boolean placeAfter = t.isNameShaped(i + 2) && !t.lineBefore[i + 2];
            boolean addressBefore = t.isPunct(i - 1, ',') || t.lineBefore[i] || (i > 0 && t.isWord(i - 1) && t.key[i - 1].equals("postcode"));
            if (!placeAfter && !addressBefore) {
                return false;
            }
        }
        out.add(new Candidate(t.start[i], t.end[i + 1], DataCategory.POSTCODE, P_NUMBER));
        return true;
    }

    /** The number in "78-jarige", "78 jaar," "67-year-old", "aged 67", "leeftijd: 54". */
    private void age(Tokens t, int i, List<Candidate> out) {
        int v = t.value(i);
        if (v > 125) {
            return;
        }
        if (t.isPunct(i - 1, ',') && t.isNum(i - 2) && t.glued(i - 2)) {
            return; // decimal
        }
        int j = i + 1;
        boolean hyphen = t.isPunct(j, '-') && t.glued(i) && t.glued(j);
        if (hyphen) {
            j++;
        }
        if (t.isWord(j) && (!t.spaceBefore[j] || hyphen || t.start[j] - t.end[hyphen ? j - 1 : i] == 1)) {
            String u = t.key[j];
            if (u.startsWith("jarig") || (hyphen && (u.equals("year") || u.equals("years")) && t.isPunct(j + 1, '-'))) {
                out.add(new Candidate(t.start[i], t.end[i], DataCategory.AGE, P_AGE));
                return;
            }
            if (AGE_UNITS.contains(u) && !hyphen) {
                boolean oud = t.isWord(j + 1) && (t.key[j + 1].equals("oud") || t.key[j + 1].equals("old"));
                int after = t.isPunct(j + 1, '.') ? j + 2 : j + 1;
                boolean badAfter = t.isWord(after) && AGE_AFTER_BAD.contains(t.key[after]);
                int b = i - 1;
                boolean listStart = b < 0 || t.lineBefore[i] || t.isPunct(b, ',') || t.isPunct(b, '(') || t.isPunct(b, ':');
                boolean durationBefore = b >= 0 && t.isWord(b) && DURATION_WORDS.contains(t.key[b]);
                boolean isBefore = b >= 0 && t.isWord(b) && (t.key[b].equals("is") || t.key[b].equals("was") || t.key[b].equals("aged")
                        || t.key[b].equals("leeftijd") || t.key[b].equals("age"));
                if (!badAfter && !durationBefore && (oud || listStart || isBefore)) {
                    out.add(new Candidate(t.start[i], t.end[i], DataCategory.AGE, P_AGE));
                    return;
                }
            }
        }
        // "Mrs. Carter, 80, lives alone": a bare number between commas right after a name
        if (t.isPunct(i - 1, ',') && t.isPunct(i + 1, ',') && v >= 1 && v <= 110 && t.isNameShaped(i - 2) && !t.glued(i - 1)
                && !t.isNum(i + 2) && !(t.isWord(i + 2) && (t.key[i + 2].equals("of") || t.key[i + 2].equals("en") || t.key[i + 2].equals("or")))) {
            out.add(new Candidate(t.start[i], t.end[i], DataCategory.AGE, P_AGE));
            return;
        }
        if (t.isPunct(i - 1, '(') && t.isPunct(i + 1, ')') && v >= 1 && v <= 110 && t.isNameShaped(i - 2) && !t.glued(i - 2)) {
            out.add(new Candidate(t.start[i], t.end[i], DataCategory.AGE, P_AGE));
            return;
        }
        int b = i - 1;
        if (t.isPunct(b, ':')) {
            b--;
        }
        if (t.isWord(b) && (t.key[b].equals("aged") || t.key[b].equals("leeftijd") || t.key[b].equals("age"))) {
            out.add(new Candidate(t.start[i], t.end[i], DataCategory.AGE, P_AGE));
        }
    }

    /** A number after a label: patiëntnummer 1234567, pat.nr. 4829173, MRN 00482913, polisnummer 88213456, BSN. */
    private void labelledId(Tokens t, int i, List<Candidate> out) {
        String key = t.key[i];
        int j = i + 1;
        DataCategory category;
        if (PATIENT_ID_LABELS.contains(key)) {
            category = DataCategory.PATIENT_ID;
        } else if (OTHER_ID_LABELS.contains(key)) {
            category = DataCategory.OTHER_ID;
            if ((key.equals("policy") || key.equals("insurance") || key.equals("passport") || key.equals("nhs"))) {
                if (!(t.isWord(j) && EXTRA_PATIENT_LABEL_SECOND.contains(t.key[j]))) {
                    return;
                }
                j++;
            }
        } else if (BSN_LABELS.contains(key)) {
            category = null; // BSN label: only the elfproef decides; a failing number stays untagged
        } else {
            // pat.nr., pat nr, patient number, hospital number, medical record number
            int k = j;
            if (t.isPunct(k, '.')) {
                k++;
            }
            if (key.equals("record") || key.equals("hospital") || key.startsWith("pati") || key.equals("pat")) {
                if (t.isWord(k) && EXTRA_PATIENT_LABEL_SECOND.contains(t.key[k])) {
                    j = k + 1;
                    category = DataCategory.PATIENT_ID;
                } else {
                    return;
                }
            } else {
                return;
            }
        }
        int guard = 0;
        while (j < t.size && t.kind[j] == Tokens.PUNCT && guard++ < 3 && ".:#()=-".indexOf(t.first(j)) >= 0) {
            j++;
        }
        if (t.isWord(j) && (t.key[j].equals("nummer") || t.key[j].equals("code") || t.key[j].equals("nr"))) {
            j++;
            while (j < t.size && t.kind[j] == Tokens.PUNCT && ".:#".indexOf(t.first(j)) >= 0) {
                j++;
            }
        }
        if (category == DataCategory.OTHER_ID && t.isWord(j) && !t.isCapitalised(j) && t.isNum(j + 1)) {
            j++; // "BIG-nummer behandelaar 19012345601"
        }
        if (t.isWord(j) && (t.key[j].equals("is") || t.key[j].equals("nr") || t.key[j].equals("nummer"))) {
            j++;
            while (j < t.size && t.kind[j] == Tokens.PUNCT && ".:#".indexOf(t.first(j)) >= 0) {
                j++;
            }
        }
        if (!t.isNum(j) || t.lineBefore[j] && j != i + 1 && !t.isPunct(j - 1, ':')) {
            return;
        }
        int len = t.length(j);
        if (category == null) {
            return; // BSN itself is found by the elfproef rule wherever it stands
        }
        if (len == 9 && elfproef(t.key[j])) {
            return; // a valid BSN next to a wrong label is still a BSN
        }
        int end = t.end[j];
        if (t.isWord(j + 1) && t.glued(j) && t.length(j + 1) <= 2) {
            end = t.end[j + 1];
        }
        if (len >= 5 && len <= 12 || category == DataCategory.OTHER_ID && len >= 4) {
            out.add(new Candidate(t.start[j], end, category, P_NUMBER + 2));
        }
    }

    // ---------------------------------------------------------------- institutions

    private void institution(Tokens t, int i, List<Candidate> out) {
        String key = t.key[i];
        if (lex.institutions.startsAny(key) && (t.isCapitalised(i) || Character.isUpperCase(t.first(i)))) {
            int end = lex.institutions.longestMatch(t, i);
            if (end > 0 && t.isCapitalised(i)) {
                out.add(new Candidate(t.start[i], t.end[end - 1], DataCategory.INSTITUTION, P_INSTITUTION));
            }
        }
        if (lex.institutionKeywords.contains(key)) {
            int j = i + 1;
            int lastCap = -1;
            while (j < t.size && !t.lineBefore[j] && j - i < 7) {
                if (t.isCapitalised(j) && !lex.commonWords.contains(t.key[j]) || (t.isCapitalised(j) && lastCap < 0 && lex.prefixes.contains(t.key[j]))) {
                    lastCap = j;
                    j++;
                } else if (t.isPunct(j, '-') && t.glued(j - 1) && t.glued(j) && t.isCapitalised(j + 1)) {
                    j++;
                } else if (t.isPunct(j, '&') || (t.isWord(j) && !t.isCapitalised(j)
                        && (t.key[j].equals("van") || t.key[j].equals("de") || t.key[j].equals("der") || t.key[j].equals("den")
                        || t.key[j].equals("het") || t.key[j].equals("'t")) && t.isCapitalised(j + 1))) {
                    j++;
                } else {
                    break;
                }
            }
            if (lastCap > 0) {
                out.add(new Candidate(t.start[i], t.end[lastCap], DataCategory.INSTITUTION, P_INSTITUTION));
            }
        }
        if (lex.institutionTails.contains(key) || (key.equals("medisch") && t.isWord(i + 1) && t.key[i + 1].equals("centrum"))) {
            int tailEnd = key.equals("medisch") ? i + 1 : i;
            if ((key.equals("medical")) && t.isWord(i + 1) && (t.key[i + 1].equals("centre") || t.key[i + 1].equals("center"))) {
                tailEnd = i + 1;
            }
            int j = i - 1;
            int first = -1;
            while (j >= 0 && !t.lineBefore[j + 1] && i - j < 6) {
                if (t.isCapitalised(j) && !lex.commonWords.contains(t.key[j]) && !lex.titles.contains(t.key[j])) {
                    first = j;
                    j--;
                } else if (t.isPunct(j, '.') && (t.isWord(j - 1) && (t.key[j - 1].equals("st")))) {
                    j--;
                } else if (t.isPunct(j, '-') && t.isCapitalised(j - 1)) {
                    j--;
                } else {
                    break;
                }
            }
            if (first >= 0 && (t.isCapitalised(i) || t.isNameShaped(first))) {
                out.add(new Candidate(t.start[first], t.end[tailEnd], DataCategory.INSTITUTION, P_INSTITUTION - 1));
            }
        }
    }

    // ---------------------------------------------------------------- places and addresses

    private void place(Tokens t, int i, boolean[] blocked, List<Candidate> out) {
        if (!t.isCapitalised(i) && !t.key[i].startsWith("'")) {
            return;
        }
        if (blocked[i]) {
            return;
        }
        boolean cue = placeCue(t, i);
        int end = lex.places.startsAny(t.key[i]) ? lex.places.longestMatch(t, i) : -1;
        if (end < 0 && cue && lex.ambiguousPlaces.startsAny(t.key[i])) {
            end = lex.ambiguousPlaces.longestMatch(t, i);
        }
        if (end < 0) {
            return;
        }
        if (medicalFollower(t, end) || medicalPreceder(t, i)) {
            return;
        }
        int last = end - 1;
        // Utrecht-Oost, Amsterdam-Noord
        if (t.isPunct(end, '-') && t.glued(end - 1) && t.glued(end) && t.isCapitalised(end + 1)) {
            last = end + 1;
        }
        out.add(new Candidate(t.start[i], t.end[last], DataCategory.LOCATION, P_PLACE));
    }

    private boolean placeCue(Tokens t, int i) {
        int b = i - 1;
        if (b >= 0 && t.isWord(b) && PLACE_CUES.contains(t.key[b])) {
            return true;
        }
        // after a postcode: "3584 CX Utrecht"
        return b >= 1 && t.isWord(b) && t.length(b) == 2 && Character.isUpperCase(t.first(b)) && t.isNum(b - 1) && t.length(b - 1) == 4;
    }

    private boolean medicalFollower(Tokens t, int end) {
        int j = end;
        if (t.isPunct(j, '-') || t.isPunct(j, '\'') || t.isPunct(j, '\u2019')) {
            j++;
        }
        if (t.isWord(j) && t.key[j].equals("s") || t.isWord(j) && t.key[j].equals("'s")) {
            j++;
        }
        if (t.isWord(j) && (MEDICAL_FOLLOWERS.contains(t.key[j]) || t.key[j].endsWith("criteria") || t.key[j].endsWith("ziekte")
                || t.key[j].endsWith("syndroom") || t.key[j].endsWith("classificatie"))) {
            return true;
        }
        // "Rome IV", "Glasgow 15"
        return t.isWord(j) && t.spaceBefore[j] && ROMAN.contains(t.key[j]) && t.text.charAt(t.start[j]) == 'I';
    }

    private boolean medicalPreceder(Tokens t, int i) {
        int b = i - 1;
        if (t.isWord(b) && MEDICAL_PRECEDERS.contains(t.key[b])) {
            return true;
        }
        if (t.isWord(b) && t.key[b].equals("van") && t.isWord(b - 1) && MEDICAL_PRECEDERS.contains(t.key[b - 1])) {
            return true;
        }
        if (t.isPunct(b, '-') && t.isWord(b - 1) && t.key[b - 1].equals("non")) {
            return true;
        }
        // "factor V Leiden"
        return t.isWord(b) && t.key[b].equals("v") && t.isWord(b - 1) && t.key[b - 1].equals("factor");
    }

    /** "Kerkstraat 14", "Prins Hendriklaan 112", "Dorpsstraat 3a", "12 Baker Street"; a bare street name mid-sentence. */
    private void street(Tokens t, int i, List<Candidate> out) {
        if (!t.isNameShaped(i)) {
            return;
        }
        String key = t.key[i];
        boolean suffixWord = false;
        boolean standaloneStreetWord = false;
        for (String suffix : lex.streetSuffixesEndingIn(key.charAt(key.length() - 1))) {
            if (key.endsWith(suffix)) {
                if (key.length() >= suffix.length() + 3) {
                    suffixWord = true;
                    break;
                }
                if (key.length() == suffix.length()) {
                    standaloneStreetWord = true;
                }
            }
        }
        if (!suffixWord && !standaloneStreetWord) {
            return;
        }
        if (lex.commonWords.contains(key) || lex.institutionKeywords.contains(key) || lex.eponyms.contains(key)) {
            return;
        }
        int first = i;
        while (first - 1 >= 0 && !t.lineBefore[first] && (t.isCapitalised(first - 1) || lex.prefixes.contains(t.key[first - 1]))
                && (STREET_LEAD_WORDS.contains(t.key[first - 1]) || lex.firstNames.contains(t.key[first - 1])
                || (standaloneStreetWord && t.isNameShaped(first - 1)))) {
            first--;
            if (i - first > 3) {
                break;
            }
        }
        while (first < i && lex.prefixes.contains(t.key[first]) && !t.isCapitalised(first)) {
            first++;
        }
        if (standaloneStreetWord && first == i) {
            return; // "Weg" or "Park" alone is no address
        }
        int end = -1;
        int n = i + 1;
        if (t.isNum(n) && t.length(n) <= 5 && !t.lineBefore[n] && !t.glued(i)) {
            end = t.end[n];
            int m = n + 1;
            if (t.isWord(m) && t.length(m) <= 3 && (t.glued(n) || (t.length(m) == 1 && !t.isWord(m + 1) && !lex.commonWords.contains(t.key[m])))) {
                end = t.end[m];
                m++;
            }
            if (t.isPunct(m, '-') && t.glued(m - 1) && t.glued(m) && (t.isNum(m + 1) || t.isWord(m + 1) && t.length(m + 1) <= 4)) {
                end = t.end[m + 1];
            }
            // a date or measurement right after a street-like word is not a house number
            if (t.isPunct(n + 1, '-') && t.isNum(n + 2) || t.isPunct(n + 1, '/') || t.isPunct(n + 1, ',') && t.isNum(n + 2) && t.glued(n + 1)) {
                end = -1;
            }
        }
        int numberBefore = first - 1;
        if (end < 0 && standaloneStreetWord && t.isNum(numberBefore) && t.length(numberBefore) <= 4) {
            out.add(new Candidate(t.start[numberBefore], t.end[i], DataCategory.LOCATION, P_ADDRESS));
            return;
        }
        if (end > 0) {
            out.add(new Candidate(t.start[first], end, DataCategory.LOCATION, P_ADDRESS));
        } else if (suffixWord && !sentenceStart(t, first) && !medicalFollower(t, i + 1)) {
            out.add(new Candidate(t.start[first], t.end[i], DataCategory.LOCATION, P_STREET_NAME));
        }
    }

    // ---------------------------------------------------------------- persons

    /** Returns the exclusive end token of a person candidate started at i, or -1. */
    private int person(Tokens t, int i, boolean[] blocked, List<Candidate> out) {
        String key = t.key[i];
        // 1. title: dhr. / mevr. / dr. / Mr. / de heer ...
        if (lex.titles.contains(key) && (t.isCapitalised(i) || t.isWord(i))) {
            if (key.equals("heer") && !(t.isWord(i - 1) && t.key[i - 1].equals("de"))) {
                return -1;
            }
            if ((key.equals("ms") || key.equals("mr") || key.equals("ir") || key.equals("ing")) && !t.isCapitalised(i) && !t.isPunct(i + 1, '.')) {
                return -1;
            }
            int j = i + 1;
            if (t.isPunct(j, '.')) {
                j++;
            }
            int end = withTrailingInitials(t, parseName(t, j, true, blocked), blocked);
            if (end > 0) {
                out.add(new Candidate(t.start[j], t.end[end - 1], DataCategory.PERSON, P_PERSON_STRONG));
                return end;
            }
            return -1;
        }
        // 2. role word: huisarts Bakker, zoon Emre, collega Van Leeuwen
        if (lex.personContext.contains(key)) {
            int j = i + 1;
            if (t.isPunct(j, ',') || t.isPunct(j, ':') || t.isPunct(j, '(')) {
                j++;
            }
            if (t.isNameShaped(j) || lex.prefixes.contains(t.key[Math.min(j, t.size - 1)]) && j < t.size && t.isCapitalised(j)) {
                int end = withTrailingInitials(t, parseName(t, j, true, blocked), blocked);
                if (end > 0 && !lex.institutionKeywords.contains(t.key[j]) && !isPlaceAt(t, j)) {
                    out.add(new Candidate(t.start[j], t.end[end - 1], DataCategory.PERSON, P_PERSON_STRONG));
                    return end;
                }
            }
            return -1;
        }
        // 3. initials: J.P. van den Berg, A. Jansen
        if (isInitial(t, i) && !(t.isWord(i - 1) && t.glued(i - 1)) && !afterMeasurement(t, i)
                && !(t.isWord(i - 1) && SURROGATE_WORDS.contains(t.key[i - 1]))) {
            int end = withTrailingInitials(t, parseName(t, i, false, blocked), blocked);
            if (end > 0 && end > afterInitials(t, i)) {
                out.add(new Candidate(t.start[i], t.end[end - 1], DataCategory.PERSON, P_PERSON));
                return end;
            }
            return -1;
        }
        // 4. given name
        if (t.isNameShaped(i) && !blocked[i] && (lex.firstNames.contains(key) || lex.ambiguousFirstNames.contains(key))) {
            int end = withTrailingInitials(t, parseName(t, i, false, blocked), blocked);
            boolean ambiguous = lex.ambiguousFirstNames.contains(key);
            if (end > i + 1 || (end == i + 1 && !ambiguous && !medicalFollower(t, i + 1) && !possessiveEponym(t, i))) {
                out.add(new Candidate(t.start[i], t.end[end - 1], DataCategory.PERSON, P_PERSON));
                return end;
            }
        }
        // 5. surname from the list, with or without tussenvoegsel: De Vries, van Dijk, Jansen
        if (lex.prefixes.contains(key) && (t.isWord(i + 1))) {
            int j = i;
            while (j < t.size && lex.prefixes.contains(t.key[j]) && j - i < 3) {
                j++;
            }
            boolean capitalParticle = t.isCapitalised(i) && (!sentenceStart(t, i) || t.isPunct(i - 1, ':')) && !isPlaceAt(t, i)
                    && !lex.commonWords.contains(t.key[j]) && !lex.institutions.startsAny(t.key[i]);
            if (j > i && t.isNameShaped(j) && !blocked[j] && (lex.surnames.contains(t.key[j]) || capitalParticle) && !medicalPreceder(t, i)
                    && !(t.isCapitalised(i) == false && lex.englishWordSurnames.contains(t.key[j]))) {
                int end = withTrailingInitials(t, parseName(t, i, false, blocked), blocked);
                if (end > j) {
                    out.add(new Candidate(t.start[i], t.end[end - 1], DataCategory.PERSON, P_PERSON));
                    return end;
                }
            }
            return -1;
        }
        if (t.isNameShaped(i) && !blocked[i] && lex.surnames.contains(key) && !lex.englishWordSurnames.contains(key)
                && !medicalPreceder(t, i) && !medicalFollower(t, i + 1) && !possessiveEponym(t, i)) {
            boolean wordlike = lex.wordlikeSurnames.contains(key) || lex.commonWords.contains(key);
            if (!wordlike || !sentenceStart(t, i)) {
                int end = withTrailingInitials(t, parseName(t, i, false, blocked), blocked);
                if (end > 0 && !isPlaceAt(t, i)) {
                    out.add(new Candidate(t.start[i], t.end[end - 1], DataCategory.PERSON, P_PERSON - 2));
                    return end;
                }
            }
        }
        return -1;
    }

    /** "Jansen, P." and "Van der Wal, H.J." as on labels and in headers: the initials belong to the name. */
    private int withTrailingInitials(Tokens t, int end, boolean[] blocked) {
        if (end <= 0 || !t.isPunct(end, ',')) {
            return end;
        }
        if (t.isNameShaped(end + 1) && lex.firstNames.contains(t.key[end + 1]) && !t.lineBefore[end + 1]
                && !isNameCore(t, end + 2, false, true, blocked) && !lex.prefixes.contains(t.key[Math.min(end + 2, t.size - 1)])) {
            return end + 2; // "Hughes, Daniel"
        }
        if (!isInitial(t, end + 1)) {
            return end;
        }
        int after = afterInitials(t, end + 1);
        int p = after;
        while (p < t.size && lex.prefixes.contains(t.key[p]) && p - after < 3) {
            p++;
        }
        if (p < t.size && !t.lineBefore[p] && isNameCore(t, p, false, true, blocked)) {
            return end; // "Jansen, A. de Vries en ..." is a list of people
        }
        return after;
    }

    private boolean isPlaceAt(Tokens t, int i) {
        return lex.places.startsAny(t.key[i]) && lex.places.longestMatch(t, i) > 0;
    }

    private static boolean possessiveEponym(Tokens t, int i) {
        // "Barrett's oesophagus" is tokenised as one word; handled via the eponym list. "Graves' disease":
        return t.isPunct(i + 1, '\'') && t.isWord(i + 2) && (t.key[i + 2].equals("disease") || t.key[i + 2].equals("syndrome"));
    }

    private static boolean sentenceStart(Tokens t, int i) {
        if (i == 0 || t.lineBefore[i]) {
            return true;
        }
        int b = i - 1;
        if (t.isPunct(b, '"') || t.isPunct(b, '(') || t.isPunct(b, '-') || t.isPunct(b, '*')) {
            b--;
        }
        if (b < 0) {
            return true;
        }
        if (t.kind[b] == Tokens.PUNCT) {
            char c = t.first(b);
            if (c == '.') {
                // "dhr." or an initial is not a sentence end
                return !(t.isWord(b - 1) && t.length(b - 1) <= 4);
            }
            return c == '!' || c == '?' || c == ':' || c == ';' || c == '•';
        }
        return false;
    }

    /** "38,4 °C. Leukocyten", "210 µmol/L. Code": a unit letter ending a sentence is no initial. */
    private static boolean afterMeasurement(Tokens t, int i) {
        int b = i - 1;
        if (b < 0) {
            return false;
        }
        if (t.glued(b) && t.kind[b] == Tokens.PUNCT) {
            return true; // /L, °C
        }
        return t.isNum(b) || t.isWord(b) && (t.key[b].equals("mmol") || t.key[b].equals("µmol") || t.key[b].equals("mg"));
    }

    private static boolean isInitial(Tokens t, int i) {
        return t.isWord(i) && t.length(i) == 1 && Character.isUpperCase(t.first(i)) && t.isPunct(i + 1, '.') && t.glued(i);
    }

    private static int afterInitials(Tokens t, int i) {
        int k = i;
        while (isInitial(t, k)) {
            k += 2;
        }
        return k;
    }

    /**
     * Parses initials, given names, tussenvoegsels and surname cores from token j. Strong context (a title
     * or role word) accepts any capitalised word as a surname; weak context only list names or words that
     * are not common words or eponyms. Returns the exclusive end token, or -1 when no name core was found.
     */
    private int parseName(Tokens t, int j, boolean strong, boolean[] blocked) {
        int k = j;
        int lastGood = -1;
        int initialsEnd = afterInitials(t, k);
        boolean hadInitials = initialsEnd > k;
        k = initialsEnd;
        int cores = 0;
        while (k < t.size && cores < 4) {
            if (k > j && t.lineBefore[k]) {
                break;
            }
            int p = k;
            while (p < t.size && lex.prefixes.contains(t.key[p]) && p - k < 3 && !t.lineBefore[p]) {
                p++;
            }
            if (p > k && !prefixRunAllowed(t, k, p)) {
                break;
            }
            if (p < t.size && !(p > j && t.lineBefore[p]) && isNameCore(t, p, strong, hadInitials || cores > 0, blocked)
                    && !(cores > 0 && ((p == k && isPlaceAt(t, p)) || lex.institutions.startsAny(t.key[p])))) {
                k = p + 1;
                lastGood = k;
                cores++;
                while (t.isPunct(k, '-') && t.glued(k - 1) && t.glued(k)) {
                    int q = k + 1;
                    while (q < t.size && lex.prefixes.contains(t.key[q]) && q - k < 3) {
                        q++;
                    }
                    if (isNameCore(t, q, strong, true, blocked)) {
                        k = q + 1;
                        lastGood = k;
                    } else {
                        break;
                    }
                }
                if (t.isPunct(k, ',') || t.isPunct(k, '(')) {
                    break;
                }
            } else {
                break;
            }
        }
        return lastGood;
    }

    /** Prepositions that also open Dutch surnames (Uit den Bogaard, In 't Veld) only count before another particle. */
    private boolean prefixRunAllowed(Tokens t, int from, int to) {
        for (int q = from; q < to; q++) {
            String k = t.key[q];
            if (PREPOSITION_PREFIXES.contains(k) && !t.isCapitalised(q) && !(q + 1 < to)) {
                return false;
            }
        }
        return true;
    }

    private boolean isNameCore(Tokens t, int p, boolean strong, boolean relaxed, boolean[] blocked) {
        if (p >= t.size || !t.isWord(p) || !Character.isUpperCase(t.first(p))) {
            return false;
        }
        String key = t.key[p];
        if (lex.commonWords.contains(key) && !lex.surnames.contains(key) && !lex.firstNames.contains(key)) {
            return false;
        }
        if (lex.titles.contains(key) || lex.institutionKeywords.contains(key) || lex.institutionTails.contains(key)
                || MONTHS.containsKey(key) || WEEKDAYS.contains(key) || lex.personContext.contains(key)) {
            return false;
        }
        if (!t.isNameShaped(p)) {
            return false;
        }
        if (lex.institutions.startsAny(key) && lex.institutions.longestMatch(t, p) > 0) {
            return false;
        }
        if (strong) {
            return true;
        }
        if (blocked[p] || lex.eponyms.contains(stripPossessive(key)) || medicalFollower(t, p + 1)) {
            return false;
        }
        return relaxed || !lex.englishWordSurnames.contains(key);
    }

    private static String stripPossessive(String key) {
        if (key.endsWith("'s")) {
            return key.substring(0, key.length() - 2);
        }
        return key;
    }

    /** Tokens inside multi-word eponyms, and single eponyms used medically, are never names or places. */
    private boolean[] eponymBlocks(Tokens t) {
        boolean[] blocked = new boolean[t.size];
        for (int i = 0; i < t.size; i++) {
            if (t.kind[i] != Tokens.WORD) {
                continue;
            }
            if (lex.eponymPhrases.startsAny(t.key[i])) {
                int end = lex.eponymPhrases.longestMatch(t, i);
                for (int k = i; k < end; k++) {
                    blocked[k] = true;
                }
            }
            String key = stripPossessive(t.key[i]);
            if (lex.eponyms.contains(key) && !titled(t, i)) {
                blocked[i] = true;
            }
        }
        return blocked;
    }

    /** "dr. Parkinson" or "mevr. Wilson": a real title (not "M." for morbus) or a given name before it. */
    private boolean titled(Tokens t, int i) {
        int b = i - 1;
        while (b >= 0 && (isInitialDot(t, b) || lex.prefixes.contains(t.key[b]) && t.kind[b] == Tokens.WORD)) {
            if (t.isPunct(b, '.') && t.isWord(b - 1) && t.length(b - 1) == 1) {
                if (t.text.charAt(t.start[b - 1]) == 'M' && b - 1 >= 0 && !(t.isWord(b - 2) || t.isPunct(b - 2, '.'))) {
                    return false;
                }
                b -= 2;
            } else {
                b--;
            }
        }
        if (t.isPunct(b, '.')) {
            b--;
        }
        if (b < 0 || !t.isWord(b)) {
            return false;
        }
        String k = t.key[b];
        return lex.titles.contains(k) || lex.personContext.contains(k) || (t.isNameShaped(b) && lex.firstNames.contains(k));
    }

    private static boolean isInitialDot(Tokens t, int b) {
        return t.isPunct(b, '.') && t.isWord(b - 1) && t.length(b - 1) == 1 && Character.isUpperCase(t.first(b - 1));
    }
}
