package nl.consilium.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

import nl.consilium.policy.Detection;
import nl.consilium.policy.PersonalDataDetector;
import nl.consilium.policy.PhiSpan;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code consilium detect-phi --in FILE.jsonl [--out FILE.jsonl]}: {"id","text"} in, {"id","spans":[{start,end,category}]}
 * out, offsets in Unicode code points (equal to Java char offsets for text without emoji and the like).
 */
final class DetectPhiCommand implements Command {

    private final PersonalDataDetector detector = Detection.personalDataDetector();

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        return JsonlBatch.run("detect-phi", "finds personal data (PERSON, LOCATION, POSTCODE, INSTITUTION, DATE, AGE, BSN, PATIENT_ID,"
                + " PHONE, EMAIL, URL, OTHER_ID) in Dutch and English clinical text", args, in, out, err, (text, result) -> {
                    ArrayNode spans = result.putArray("spans");
                    for (PhiSpan s : detector.detect(text)) {
                        int[] offsets = JsonlBatch.codePointOffsets(text, s.start(), s.end());
                        ObjectNode span = spans.addObject();
                        span.put("start", offsets[0]);
                        span.put("end", offsets[1]);
                        span.put("category", s.category().name());
                    }
                });
    }
}
