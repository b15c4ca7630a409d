package nl.consilium.app.chat;

import java.util.List;

import nl.consilium.policy.Application;

/**
 * The instructions sent to the language model, built from the application's use conditions: its intended use,
 * answer only from the given sources and cite them as [n], no individual advice where CDS is off, the user's
 * language.
 */
final class Prompts {

    private Prompts() {
    }

    static String system(Application application, String language, boolean pseudonymised) {
        StringBuilder s = new StringBuilder();
        s.append("Je bent Consilium, de interne AI-assistent van het ziekenhuis, in de toepassing \"")
                .append(application.title().nl()).append("\".\n");
        s.append("Beoogd gebruik: ").append(application.intendedUse().nl()).append("\n");
        s.append("Regels:\n");
        s.append("- Antwoord uitsluitend op basis van de genummerde bronnen hieronder. Staat het antwoord er niet in, "
                + "zeg dat dan.\n");
        s.append("- Verwijs bij elke bewering naar de bron als [n]. Verwijs nooit naar een nummer dat niet gegeven is.\n");
        if (!application.clinicalDecisionSupport().enabled()) {
            s.append("- Geef geen diagnose, prognose of behandel- of doseringsadvies voor een individuele patiënt. "
                    + "Beschrijf wat de bronnen in het algemeen zeggen.\n");
        }
        if (pseudonymised) {
            s.append("- Patiëntgegevens zijn gepseudonimiseerd. Gebruik de pseudoniemen zoals gegeven; probeer niet "
                    + "de echte identiteit af te leiden.\n");
        }
        s.append("- Antwoord in het ").append("en".equals(language) ? "Engels" : "Nederlands").append(".\n");
        return s.toString();
    }

    static String user(String question, List<Source> sources, String patientContext) {
        StringBuilder u = new StringBuilder("Bronnen:\n");
        for (Source source : sources) {
            u.append('[').append(source.number()).append("] ").append(label(source));
            u.append(" (versie ").append(source.version()).append(")\n").append(source.text()).append("\n\n");
        }
        if (patientContext != null && !patientContext.isBlank()) {
            u.append("Patiëntcontext uit het EPD:\n").append(patientContext).append("\n\n");
        }
        u.append("Vraag: ").append(question);
        return u.toString();
    }

    /** "Title > Section > Subsection", without repeating the title when the heading path already starts with it. */
    static String label(Source source) {
        String path = source.headingPath();
        if (path == null || path.isBlank()) {
            return source.title();
        }
        return path.startsWith(source.title()) ? path : source.title() + " > " + path;
    }

    static String extractive(List<Source> sources, String language) {
        boolean english = "en".equals(language);
        StringBuilder a = new StringBuilder(english
                ? "Extractive answer: no language model is configured for this application. These are the most "
                        + "relevant passages from the approved sources, quoted verbatim.\n\n"
                : "Extractief antwoord: voor deze toepassing is geen taalmodel ingesteld. Dit zijn de meest relevante "
                        + "passages uit de goedgekeurde bronnen, letterlijk geciteerd.\n\n");
        if (sources.isEmpty()) {
            a.append(english ? "No approved source matches this question." : "Geen goedgekeurde bron past bij deze vraag.");
        }
        for (Source source : sources) {
            a.append('[').append(source.number()).append("] ").append(label(source));
            a.append(":\n\"").append(source.text().strip()).append("\"\n\n");
        }
        return a.toString();
    }
}
