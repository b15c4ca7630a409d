package nl.consilium.policy.intent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import nl.consilium.policy.CdsIntentClassifier;
import nl.consilium.policy.IntentAssessment;
import nl.consilium.policy.phi.GoldSet;

/** Precision/recall of the CDS-intent classifier on a labelled request set. */
public final class IntentEvaluation {

    public record Result(int tp, int fp, int fn, int tn, List<String> errors) {
        public double precision() {
            return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        }

        public String row(String name) {
            return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %.3f | %.3f |", name, tp + fp + fn + tn, tp, fp, fn, tn, precision(), recall());
        }
    }

    public static Result run(CdsIntentClassifier classifier, List<GoldSet.Request> requests) {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        List<String> errors = new ArrayList<>();
        for (GoldSet.Request r : requests) {
            IntentAssessment a = classifier.classify(r.text());
            if (a.cds() && r.cds()) {
                tp++;
            } else if (a.cds()) {
                fp++;
                errors.add(r.id() + " FP " + a.rule() + " " + r.text());
            } else if (r.cds()) {
                fn++;
                errors.add(r.id() + " FN " + a.rule() + " " + r.text());
            } else {
                tn++;
            }
        }
        return new Result(tp, fp, fn, tn, errors);
    }

    public static void main(String[] args) {
        CdsIntentClassifier c = new RuleBasedIntentClassifier();
        System.out.println("| set | requests | TP | FP | FN | TN | precision | recall |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        Result dev = run(c, GoldSet.requests(GoldSet.CDS_DEV));
        System.out.println(dev.row("cds-dev"));
        if (args.length > 0 && args[0].equals("--heldout")) {
            System.out.println(run(c, GoldSet.requests(GoldSet.CDS_HELDOUT)).row("cds-heldout"));
        } else {
            dev.errors().forEach(System.out::println); // dev only: the held-out set must not steer the rules
        }
    }
}
