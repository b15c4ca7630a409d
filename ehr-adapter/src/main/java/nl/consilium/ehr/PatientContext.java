package nl.consilium.ehr;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The compact patient context handed to the language model and shown to the user as "patient data
 * used". {@code text} is what goes into the prompt; {@code sections} hold the same facts as values.
 *
 * @param patientReference      "Patient/&lt;id&gt;" (the surrogate id when pseudonymised)
 * @param window                the time window as shown (shifted when pseudonymised)
 * @param sections              non-empty sections in reading order
 * @param text                  rendered context, at most {@link ContextLimits#maxCharacters()} characters
 * @param requestedResourceTypes the resource types actually requested from the EPD (for the audit record)
 * @param truncated             whether any bound cut something off
 * @param stats                 cost of the assembly
 */
public record PatientContext(String patientReference, TimeWindow window, List<ContextSection> sections, String text,
                             Set<String> requestedResourceTypes, boolean truncated, Stats stats) {

    public PatientContext {
        sections = List.copyOf(sections);
        requestedResourceTypes = Set.copyOf(requestedResourceTypes);
    }

    /** Every reference a fact carries, so an answer's citations can be checked against them. */
    public Set<String> references() {
        return sections.stream().flatMap(s -> s.facts().stream()).map(ContextFact::reference)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /** True when the EPD holds nothing for the patient in the allowed types and window. */
    public boolean isEmpty() {
        return sections.stream().allMatch(s -> s.kind() == ContextSection.Kind.PATIENT || s.facts().isEmpty());
    }

    /** Requests sent, resources read and wall time of one assembly. */
    public record Stats(int requests, int resourcesRead, long millis) {
    }
}
