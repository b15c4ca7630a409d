package nl.consilium.policy.decision;

import static nl.consilium.policy.PolicyRules.APP_DISABLED;
import static nl.consilium.policy.PolicyRules.APP_OUT_OF_SERVICE;
import static nl.consilium.policy.PolicyRules.APP_UNKNOWN;
import static nl.consilium.policy.PolicyRules.EPD_NO_TREATMENT_RELATIONSHIP;
import static nl.consilium.policy.PolicyRules.FMS_1_ROLE_NOT_ALLOWED;
import static nl.consilium.policy.PolicyRules.FMS_2_PATIENT_CONTEXT_NOT_ALLOWED;
import static nl.consilium.policy.PolicyRules.FMS_2_PSEUDONYMISED_DATA_NOT_ALLOWED;
import static nl.consilium.policy.PolicyRules.FMS_4_CDS_NOT_ALLOWED;
import static nl.consilium.policy.PolicyRules.MIN_NO_FHIR_RESOURCE_TYPES;
import static nl.consilium.policy.PolicyRules.MODEL_ENDPOINT_NOT_ALLOWED;
import static nl.consilium.policy.PolicyRules.USE_TERMS_NOT_ACCEPTED;
import static nl.consilium.policy.PolicyRules.USE_TRAINING_NOT_ATTESTED;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import nl.consilium.policy.Application;
import nl.consilium.policy.DataCategory;
import nl.consilium.policy.LocalizedText;

/**
 * What users read when a request is refused. Written for clinicians: say what happened, why (which
 * use condition), and what they can do instead. Never quotes the input, so it never echoes patient data.
 */
final class Texts {

    private Texts() {
    }

    static Refusal unknownApplication(String requestedId, List<Application> usable) {
        // The id comes from the caller (URL, form): echo it only when it looks like an id, so that a
        // refusal text can never carry typed-in patient data or markup.
        String id = requestedId.matches("[a-z0-9][a-z0-9-]{0,62}") ? requestedId : "?";
        return new Refusal(APP_UNKNOWN,
                new LocalizedText("De toepassing '" + id + "' bestaat niet in deze omgeving.",
                        "The application '" + id + "' does not exist in this deployment."),
                choose(usable, "Kies een van de toepassingen die voor u beschikbaar zijn.",
                        "Choose one of the applications available to you."));
    }

    static Refusal roleNotAllowed(Application app, List<Application> usable) {
        return new Refusal(FMS_1_ROLE_NOT_ALLOWED,
                new LocalizedText("U hebt geen rol waarvoor '" + app.title().nl() + "' bedoeld is ("
                                + String.join(", ", app.allowedRoles()) + ").",
                        "You have no role that '" + app.title().en() + "' is intended for ("
                                + String.join(", ", app.allowedRoles()) + ")."),
                choose(usable, "Vraag functioneel beheer om de juiste rol als u deze toepassing nodig hebt.",
                        "Ask hospital IT for the right role if you need this application."));
    }

    static Refusal disabled(Application app, List<Application> usable) {
        return new Refusal(APP_DISABLED,
                new LocalizedText("'" + app.title().nl() + "' is in deze omgeving niet in gebruik genomen.",
                        "'" + app.title().en() + "' is not in use in this deployment."),
                choose(usable, "Neem contact op met functioneel beheer.", "Contact hospital IT."));
    }

    static Refusal outOfService(Application app, List<Application> usable) {
        return new Refusal(APP_OUT_OF_SERVICE,
                new LocalizedText("'" + app.title().nl() + "' is tijdelijk buiten gebruik gesteld door functioneel beheer.",
                        "'" + app.title().en() + "' has been taken out of service temporarily by hospital IT."),
                choose(usable, "Probeer het later opnieuw.", "Please try again later."));
    }

    static Refusal termsNotAccepted(Application app) {
        return new Refusal(USE_TERMS_NOT_ACCEPTED,
                new LocalizedText("U hebt de gebruiksvoorwaarden van '" + app.title().nl() + "' (versie " + app.termsVersion()
                                + ") nog niet geaccepteerd.",
                        "You have not yet accepted the terms of use of '" + app.title().en() + "' (version " + app.termsVersion() + ")."),
                new LocalizedText("Lees en accepteer de gebruiksvoorwaarden; daarna kunt u uw vraag stellen.",
                        "Read and accept the terms of use; then you can ask your question."));
    }

    static Refusal trainingNotAttested(Application app, LocalizedText training) {
        return new Refusal(USE_TRAINING_NOT_ATTESTED,
                new LocalizedText("Voor '" + app.title().nl() + "' is de training '" + training.nl() + "' vereist en die hebt u nog niet afgerond.",
                        "'" + app.title().en() + "' requires the training '" + training.en() + "', which you have not yet completed."),
                new LocalizedText("Rond de training af en bevestig dat in Consilium; daarna kunt u de toepassing gebruiken.",
                        "Complete the training and confirm it in Consilium; then you can use the application."));
    }

    static Refusal modelEndpointNotAllowed(Application app, String endpointId) {
        return new Refusal(MODEL_ENDPOINT_NOT_ALLOWED,
                new LocalizedText("Het taalmodel '" + endpointId + "' is niet toegestaan voor '" + app.title().nl() + "'.",
                        "The language model '" + endpointId + "' is not allowed for '" + app.title().en() + "'."),
                new LocalizedText(app.modelEndpoints().isEmpty()
                        ? "Deze toepassing geeft alleen antwoorden met letterlijke passages uit de bronnen, zonder taalmodel."
                        : "Toegestane taalmodellen: " + String.join(", ", app.modelEndpoints()) + ". Meld dit aan functioneel beheer.",
                        app.modelEndpoints().isEmpty()
                                ? "This application answers with verbatim passages from the sources only, without a language model."
                                : "Allowed language models: " + String.join(", ", app.modelEndpoints()) + ". Please report this to hospital IT."));
    }

    static Refusal cdsNotAllowed(Application app, List<Application> withCds) {
        LocalizedText generic = new LocalizedText(
                "U kunt wel algemene vragen stellen, bijvoorbeeld wat de richtlijn zegt over een aandoening of behandeling, "
                        + "zonder het antwoord op een individuele patiënt toe te passen. De beslissing blijft bij u.",
                "You can ask general questions, for example what the guideline says about a condition or treatment, "
                        + "without applying the answer to an individual patient. The decision remains yours.");
        return new Refusal(FMS_4_CDS_NOT_ALLOWED,
                new LocalizedText("Uw vraag vraagt om een diagnose, prognose of behandeladvies voor een individuele patiënt. "
                                + "'" + app.title().nl() + "' is daar niet voor bedoeld: klinische beslisondersteuning is een medisch "
                                + "hulpmiddel (MDR) en is voor deze toepassing niet gevalideerd.",
                        "Your question asks for a diagnosis, prognosis or treatment advice for an individual patient. "
                                + "'" + app.title().en() + "' is not intended for that: clinical decision support is a medical device "
                                + "(MDR) and has not been validated for this application."),
                withAlternatives(generic, withCds));
    }

    static Refusal personalDataNotAllowed(Application app, Set<DataCategory> identifying, List<Application> withPatientData) {
        return new Refusal(FMS_2_PSEUDONYMISED_DATA_NOT_ALLOWED,
                new LocalizedText("Uw invoer bevat gegevens die een patiënt kunnen identificeren (" + labels(identifying, true)
                                + "). '" + app.title().nl() + "' mag geen patiëntgegevens verwerken, ook niet gepseudonimiseerd.",
                        "Your input contains data that can identify a patient (" + labels(identifying, false)
                                + "). '" + app.title().en() + "' may not process patient data, not even pseudonymised."),
                withAlternatives(new LocalizedText("Stel uw vraag opnieuw zonder naam, BSN, geboortedatum, adres of andere persoonsgegevens.",
                        "Ask again without name, citizen service number, date of birth, address or other personal data."), withPatientData));
    }

    static Refusal patientContextNotAllowed(Application app, List<Application> withPatientContext) {
        return new Refusal(FMS_2_PATIENT_CONTEXT_NOT_ALLOWED,
                new LocalizedText("'" + app.title().nl() + "' mag geen patiëntgegevens uit het EPD gebruiken.",
                        "'" + app.title().en() + "' may not use patient data from the EPD."),
                withAlternatives(new LocalizedText("Stel uw vraag zonder patiëntcontext.", "Ask your question without patient context."),
                        withPatientContext));
    }

    static Refusal noFhirResourceTypes(Application app) {
        return new Refusal(MIN_NO_FHIR_RESOURCE_TYPES,
                new LocalizedText("Voor '" + app.title().nl() + "' mogen de gevraagde gegevens uit het EPD niet worden opgehaald "
                                + "(dataminimalisatie). Toegestaan: " + listOrNone(app.fhirResourceTypes(), true) + ".",
                        "The requested EPD data may not be fetched for '" + app.title().en() + "' (data minimisation). Allowed: "
                                + listOrNone(app.fhirResourceTypes(), false) + "."),
                new LocalizedText("Stel uw vraag zonder patiëntcontext, of vraag alleen om de toegestane gegevens.",
                        "Ask without patient context, or ask only for the allowed data."));
    }

    static Refusal noTreatmentRelationship(Application app) {
        return new Refusal(EPD_NO_TREATMENT_RELATIONSHIP,
                new LocalizedText("Consilium haalt alleen gegevens uit het EPD op van een patiënt met wie uw behandelrelatie is bevestigd.",
                        "Consilium only fetches EPD data of a patient with whom your treatment relationship has been confirmed."),
                new LocalizedText("Open Consilium vanuit het dossier van de patiënt in het EPD, of stel uw vraag zonder patiëntcontext.",
                        "Open Consilium from the patient's record in the EPD, or ask without patient context."));
    }

    private static LocalizedText choose(List<Application> usable, String nlFallback, String enFallback) {
        if (usable.isEmpty()) {
            return new LocalizedText(nlFallback, enFallback);
        }
        return new LocalizedText("Voor u beschikbaar: " + titles(usable, true) + ". " + nlFallback,
                "Available to you: " + titles(usable, false) + ". " + enFallback);
    }

    private static LocalizedText withAlternatives(LocalizedText base, List<Application> alternatives) {
        if (alternatives.isEmpty()) {
            return base;
        }
        return new LocalizedText(base.nl() + " Hiervoor kunt u gebruiken: " + titles(alternatives, true) + ".",
                base.en() + " For this you can use: " + titles(alternatives, false) + ".");
    }

    private static String titles(List<Application> apps, boolean nl) {
        return apps.stream().map(a -> "'" + (nl ? a.title().nl() : a.title().en()) + "'").collect(Collectors.joining(", "));
    }

    private static String listOrNone(Collection<String> items, boolean nl) {
        return items.isEmpty() ? (nl ? "geen" : "none") : String.join(", ", items);
    }

    static String labels(Set<DataCategory> categories, boolean nl) {
        return categories.stream().sorted().map(c -> label(c, nl)).collect(Collectors.joining(", "));
    }

    static String label(DataCategory c, boolean nl) {
        return switch (c) {
            case PERSON -> nl ? "naam" : "name";
            case LOCATION -> nl ? "adres of woonplaats" : "address or place";
            case POSTCODE -> "postcode";
            case INSTITUTION -> nl ? "instelling" : "institution";
            case DATE -> nl ? "datum" : "date";
            case AGE -> nl ? "leeftijd" : "age";
            case BSN -> nl ? "BSN" : "citizen service number (BSN)";
            case PATIENT_ID -> nl ? "patiëntnummer" : "patient number";
            case PHONE -> nl ? "telefoonnummer" : "phone number";
            case EMAIL -> nl ? "e-mailadres" : "e-mail address";
            case URL -> nl ? "webadres" : "web address";
            case OTHER_ID -> nl ? "ander identificerend nummer" : "other identifying number";
            // A category added later still gets a readable (if untranslated) label rather than no refusal text.
            default -> c.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }
}
