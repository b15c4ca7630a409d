package nl.consilium.policy.phi;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import nl.consilium.policy.DataCategory;
import nl.consilium.policy.PersonalDataDetector;
import nl.consilium.policy.PhiSpan;

/**
 * Span-level scoring. Strict: a predicted span counts only when start, end and category equal a gold span.
 * Lenient (reported beside it): same category and overlapping.
 */
public final class Evaluation {

    public record Counts(int tp, int fp, int fn) {
        public double precision() {
            return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        }

        Counts plus(Counts o) {
            return new Counts(tp + o.tp, fp + o.fp, fn + o.fn);
        }
    }

    public record Result(Map<DataCategory, Counts> strict, Map<DataCategory, Counts> lenient, List<String> errors, int chars) {
        public Counts strict(DataCategory c) {
            return strict.getOrDefault(c, new Counts(0, 0, 0));
        }

        public Counts strictTotal(Set<DataCategory> cats) {
            Counts total = new Counts(0, 0, 0);
            for (DataCategory c : cats) {
                total = total.plus(strict(c));
            }
            return total;
        }

        public String table() {
            StringBuilder sb = new StringBuilder();
            sb.append("| category | gold | TP | FP | FN | precision | recall | lenient P | lenient R |\n");
            sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (DataCategory c : DataCategory.values()) {
                Counts s = strict(c);
                Counts l = lenient.getOrDefault(c, new Counts(0, 0, 0));
                if (s.tp + s.fp + s.fn == 0) {
                    continue;
                }
                sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %.3f | %.3f | %.3f | %.3f |%n",
                        c, s.tp + s.fn, s.tp, s.fp, s.fn, s.precision(), s.recall(), l.precision(), l.recall()));
            }
            return sb.toString();
        }
    }

    public static Result run(PersonalDataDetector detector, GoldSet set) {
        Map<DataCategory, Counts> strict = new EnumMap<>(DataCategory.class);
        Map<DataCategory, Counts> lenient = new EnumMap<>(DataCategory.class);
        List<String> errors = new ArrayList<>();
        int chars = 0;
        for (GoldSet.Note note : set.notes()) {
            chars += note.text().length();
            List<PhiSpan> predicted = detector.detect(note.text());
            Set<PhiSpan> gold = new HashSet<>(note.spans());
            for (PhiSpan p : predicted) {
                boolean hit = gold.contains(p);
                add(strict, p.category(), hit ? 1 : 0, hit ? 0 : 1, 0);
                boolean overlap = note.spans().stream().anyMatch(g -> g.category() == p.category() && g.overlaps(p));
                add(lenient, p.category(), overlap ? 1 : 0, overlap ? 0 : 1, 0);
                if (!hit) {
                    errors.add(note.id() + " FP " + p.category() + " '" + note.text().substring(p.start(), p.end()) + "'");
                }
            }
            Set<PhiSpan> pred = new HashSet<>(predicted);
            for (PhiSpan g : note.spans()) {
                if (!pred.contains(g)) {
                    add(strict, g.category(), 0, 0, 1);
                    errors.add(note.id() + " FN " + g.category() + " '" + note.text().substring(g.start(), g.end()) + "'");
                }
                boolean overlap = predicted.stream().anyMatch(p -> g.category() == p.category() && g.overlaps(p));
                if (!overlap) {
                    add(lenient, g.category(), 0, 0, 1);
                }
            }
        }
        return new Result(strict, lenient, errors, chars);
    }

    private static void add(Map<DataCategory, Counts> m, DataCategory c, int tp, int fp, int fn) {
        m.merge(c, new Counts(tp, fp, fn), Counts::plus);
    }

    /** Prints the tables for docs/detection.md: run with the test classpath. */
    public static void main(String[] args) {
        PersonalDataDetector d = new RuleBasedDetector();
        boolean heldOut = args.length > 0 && args[0].equals("--heldout");
        for (String name : heldOut ? List.of(GoldSet.DEV, GoldSet.HELDOUT, GoldSet.HELDOUT2, GoldSet.HELDOUT3) : List.of(GoldSet.DEV)) {
            Result r = run(d, GoldSet.load(name));
            System.out.println("## " + name);
            System.out.println(r.table());
            // Errors are listed for the dev set only: the held-out sets must not steer the rules.
            if (name.equals(GoldSet.DEV)) {
                r.errors().forEach(System.out::println);
            }
        }
    }
}
