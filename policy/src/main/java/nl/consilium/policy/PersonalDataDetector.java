package nl.consilium.policy;

import java.util.List;

/** Finds personal data in Dutch or English clinical free text. Thread-safe. */
public interface PersonalDataDetector {

    /** Spans ordered by start offset, not overlapping. Empty for text without personal data. */
    List<PhiSpan> detect(String text);
}
