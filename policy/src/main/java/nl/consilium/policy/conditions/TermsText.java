package nl.consilium.policy.conditions;

import java.time.Duration;
import java.util.stream.Collectors;
import nl.consilium.policy.Application;
import nl.consilium.policy.LocalizedText;
import nl.consilium.policy.UseConditions;

/**
 * The terms of use users accept, generated from the declarations themselves so that what users agree
 * to can never drift from what the policy engine enforces. Plain text with simple Markdown.
 */
public final class TermsText {

    private TermsText() {
    }

    public static LocalizedText of(UseConditions c, Application a) {
        String roles = a.allowedRoles().stream()
                .map(r -> c.role(r).map(x -> x.title()).orElse(new LocalizedText(r, r)))
                .map(t -> t.nl()).collect(Collectors.joining(", "));
        String rolesEn = a.allowedRoles().stream()
                .map(r -> c.role(r).map(x -> x.title()).orElse(new LocalizedText(r, r)))
                .map(t -> t.en()).collect(Collectors.joining(", "));
        LocalizedText training = a.requiredTraining()
                .map(t -> c.training(t).map(x -> x.title()).orElse(new LocalizedText(t, t)))
                .orElse(null);

        String nl = "# Gebruiksvoorwaarden " + a.title().nl() + " (versie " + a.termsVersion() + ")\n\n"
                + "**Beoogd gebruik.** " + a.intendedUse().nl() + "\n\n"
                + "**Voor wie.** " + roles + ".\n\n"
                + "**Gepseudonimiseerde patiëntgegevens.** " + (a.pseudonymisedPatientDataAllowed()
                        ? "Toegestaan: patiëntgegevens worden vóór verwerking gepseudonimiseerd."
                        : "Niet toegestaan: voer geen patiëntgegevens in.") + "\n\n"
                + "**Identificerende persoonsgegevens.** " + (a.personalDataAllowed()
                        ? "Toegestaan: naam en andere identificerende gegevens mogen worden verwerkt."
                        : "Niet toegestaan.") + "\n\n"
                + "**Klinische beslisondersteuning.** " + (a.clinicalDecisionSupport().enabled()
                        ? "Toegestaan op basis van " + a.clinicalDecisionSupport().mdrBasis().orElseThrow()
                                + " (validatie: " + a.clinicalDecisionSupport().validationReference().orElseThrow() + ")."
                        : "Niet toegestaan: deze toepassing geeft geen diagnose, prognose of behandeladvies voor een individuele patiënt.")
                + "\n\n"
                + "**Patiëntgegevens uit het EPD.** " + (a.patientContextAllowed()
                        ? "Alleen: " + String.join(", ", a.fhirResourceTypes()) + "." : "Geen.") + "\n\n"
                + "**Bewaartermijn gesprekken.** " + retentionNl(a.conversationRetention()) + "\n\n"
                + (training == null ? "" : "**Vereiste training.** " + training.nl() + ".\n\n")
                + "**Let op.** " + a.disclaimer().nl() + "\n";

        String en = "# Terms of use " + a.title().en() + " (version " + a.termsVersion() + ")\n\n"
                + "**Intended use.** " + a.intendedUse().en() + "\n\n"
                + "**For whom.** " + rolesEn + ".\n\n"
                + "**Pseudonymised patient data.** " + (a.pseudonymisedPatientDataAllowed()
                        ? "Allowed: patient data is pseudonymised before processing."
                        : "Not allowed: do not enter patient data.") + "\n\n"
                + "**Identifying personal data.** " + (a.personalDataAllowed()
                        ? "Allowed: names and other identifying data may be processed."
                        : "Not allowed.") + "\n\n"
                + "**Clinical decision support.** " + (a.clinicalDecisionSupport().enabled()
                        ? "Allowed on the basis of " + a.clinicalDecisionSupport().mdrBasis().orElseThrow()
                                + " (validation: " + a.clinicalDecisionSupport().validationReference().orElseThrow() + ")."
                        : "Not allowed: this application gives no diagnosis, prognosis or treatment advice for an individual patient.")
                + "\n\n"
                + "**Patient data from the EPD.** " + (a.patientContextAllowed()
                        ? "Only: " + String.join(", ", a.fhirResourceTypes()) + "." : "None.") + "\n\n"
                + "**Conversation retention.** " + retentionEn(a.conversationRetention()) + "\n\n"
                + (training == null ? "" : "**Required training.** " + training.en() + ".\n\n")
                + "**Please note.** " + a.disclaimer().en() + "\n";
        return new LocalizedText(nl, en);
    }

    private static String retentionNl(Duration d) {
        if (d.isZero()) {
            return "Gesprekken worden niet bewaard.";
        }
        return "Gesprekken worden " + amount(d, "dag", "dagen", "uur", "uur") + " bewaard en daarna vernietigd; u kunt ze eerder verwijderen.";
    }

    private static String retentionEn(Duration d) {
        if (d.isZero()) {
            return "Conversations are not stored.";
        }
        return "Conversations are kept for " + amount(d, "day", "days", "hour", "hours") + " and then destroyed; you can delete them earlier.";
    }

    private static String amount(Duration d, String day, String days, String hour, String hours) {
        if (d.toHours() % 24 == 0) {
            long n = d.toDays();
            return n + " " + (n == 1 ? day : days);
        }
        long h = d.toHours();
        return h + " " + (h == 1 ? hour : hours);
    }
}
