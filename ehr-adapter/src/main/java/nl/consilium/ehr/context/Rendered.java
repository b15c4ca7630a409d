package nl.consilium.ehr.context;

import java.util.ArrayList;
import java.util.List;
import nl.consilium.ehr.ContextFact;
import nl.consilium.ehr.ContextSection;
import nl.consilium.ehr.TimeWindow;

/**
 * The context as prompt text within a character budget. Facts are admitted round-robin: first the
 * top fact of every section (in clinical reading order), then the second of each, and so on, so a
 * long lab list cannot crowd out the notes or the allergies. The text then lists the admitted
 * facts section by section, and never exceeds the budget.
 */
record Rendered(String text, List<ContextSection> sections, boolean truncated) {

    static Rendered render(String patientReference, TimeWindow window, List<ContextSection> sections, int maxCharacters) {
        String header = "Patient context from the EPD for " + patientReference + ", clinical window " + window.from()
                + " to " + window.to() + ". Cite a fact by the reference in square brackets.\n";
        if (header.length() > maxCharacters) {
            return new Rendered(header.substring(0, maxCharacters), List.of(), true);
        }
        int used = header.length();
        int n = sections.size();
        int[] admitted = new int[n];
        boolean[] titled = new boolean[n];
        boolean[] closed = new boolean[n];
        // Room for a "(k more not shown)" line per section, so the reader knows something was cut.
        int reserve = 32;
        boolean progress = true;
        for (int round = 0; progress; round++) {
            progress = false;
            for (int s = 0; s < n; s++) {
                List<ContextFact> facts = sections.get(s).facts();
                if (closed[s] || round >= facts.size()) {
                    continue;
                }
                int cost = line(facts.get(round)).length() + (titled[s] ? 0 : title(sections.get(s)).length());
                if (used + cost + reserve > maxCharacters) {
                    closed[s] = true; // later, shorter facts of this section would break the ranking
                    continue;
                }
                used += cost;
                titled[s] = true;
                admitted[s]++;
                progress = true;
            }
        }
        StringBuilder out = new StringBuilder(header);
        List<ContextSection> kept = new ArrayList<>();
        boolean truncated = false;
        for (int s = 0; s < n; s++) {
            ContextSection section = sections.get(s);
            int omitted = section.omitted() + section.facts().size() - admitted[s];
            truncated |= omitted > 0;
            if (admitted[s] == 0) {
                continue;
            }
            out.append(title(section));
            List<ContextFact> shown = section.facts().subList(0, admitted[s]);
            shown.forEach(f -> out.append(line(f)));
            String more = "- (" + omitted + " more not shown)\n";
            if (omitted > 0 && out.length() + more.length() <= maxCharacters) {
                out.append(more);
            }
            kept.add(new ContextSection(section.kind(), shown, omitted));
        }
        return new Rendered(out.toString(), kept, truncated);
    }

    private static String title(ContextSection section) {
        return "\n## " + section.kind().title() + "\n";
    }

    private static String line(ContextFact fact) {
        return "- [" + fact.reference() + "] " + fact.text() + "\n";
    }
}
