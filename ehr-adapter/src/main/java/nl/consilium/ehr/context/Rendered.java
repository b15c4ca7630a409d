package nl.consilium.ehr.context;

import java.util.ArrayList;
import java.util.List;
import nl.consilium.ehr.ContextFact;
import nl.consilium.ehr.ContextSection;
import nl.consilium.ehr.TimeWindow;

/**
 * The context as prompt text, within a character budget. Sections come in clinical reading order;
 * when the budget runs out the remaining facts are dropped (and counted), so the most important
 * sections survive and the text never exceeds the budget.
 */
record Rendered(String text, List<ContextSection> sections, boolean truncated) {

    static Rendered render(String patientReference, TimeWindow window, List<ContextSection> sections, int maxCharacters) {
        StringBuilder out = new StringBuilder();
        String header = "Patient context from the EPD for " + patientReference + ", clinical window " + window.from()
                + " to " + window.to() + ". Cite a fact by the reference in square brackets.\n";
        boolean truncated = false;
        if (header.length() > maxCharacters) {
            return new Rendered(header.substring(0, maxCharacters), List.of(), true);
        }
        out.append(header);
        List<ContextSection> kept = new ArrayList<>();
        boolean full = false;
        for (ContextSection section : sections) {
            String title = "\n## " + section.kind().title() + "\n";
            List<ContextFact> shown = new ArrayList<>();
            int omitted = section.omitted();
            if (!full && out.length() + title.length() <= maxCharacters) {
                out.append(title);
                for (ContextFact fact : section.facts()) {
                    String line = "- [" + fact.reference() + "] " + fact.text() + "\n";
                    if (full || out.length() + line.length() > maxCharacters) {
                        full = true;
                        omitted++;
                        continue;
                    }
                    out.append(line);
                    shown.add(fact);
                }
                if (omitted > 0) {
                    String more = "- (" + omitted + " more not shown)\n";
                    if (out.length() + more.length() <= maxCharacters) {
                        out.append(more);
                    }
                }
            } else {
                full = true;
                omitted += section.facts().size();
            }
            truncated |= omitted > 0;
            if (!shown.isEmpty()) {
                kept.add(new ContextSection(section.kind(), shown, omitted));
            }
        }
        return new Rendered(out.toString(), kept, truncated);
    }
}
