package nl.consilium.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

import nl.consilium.policy.CdsIntentClassifier;
import nl.consilium.policy.Detection;
import nl.consilium.policy.IntentAssessment;

/**
 * {@code consilium classify-intent --in FILE.jsonl [--out FILE.jsonl]}: {"id","text"} in, {"id","cds","rule","evidence"} out;
 * cds is true when the request asks for a diagnosis, prognosis or treatment decision for an individual patient.
 */
final class ClassifyIntentCommand implements Command {

    private final CdsIntentClassifier classifier = Detection.cdsIntentClassifier();

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        return JsonlBatch.run("classify-intent", "tells whether a request asks for clinical decision support for an individual patient",
                args, in, out, err, (text, result) -> {
                    IntentAssessment a = classifier.classify(text);
                    result.put("cds", a.cds());
                    result.put("rule", a.rule());
                    result.put("evidence", a.evidence());
                });
    }
}
