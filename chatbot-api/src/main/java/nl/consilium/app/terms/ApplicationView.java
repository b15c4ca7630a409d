package nl.consilium.app.terms;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import nl.consilium.policy.Application;
import nl.consilium.policy.LocalizedText;

/**
 * An application and its terms of use as a user reads them before accepting (FMS: the four declarations,
 * plus data minimisation, retention, required training and the disclaimer).
 */
public record ApplicationView(
        String id,
        LocalizedText title,
        LocalizedText intendedUse,
        Set<String> allowedRoles,
        Declarations declarations,
        List<String> knowledgeSources,
        Set<String> fhirResourceTypes,
        String conversationRetention,
        Optional<String> requiredTraining,
        LocalizedText disclaimer,
        String termsVersion,
        boolean termsAccepted,
        boolean trainingAttested) {

    /** The FMS declarations, as plain facts for the user. */
    public record Declarations(
            boolean pseudonymisedPatientData,
            boolean personalData,
            boolean clinicalDecisionSupport,
            Optional<String> mdrBasis,
            Optional<String> validationReference) {
    }

    static ApplicationView of(Application application, boolean termsAccepted, boolean trainingAttested) {
        return new ApplicationView(
                application.id(),
                application.title(),
                application.intendedUse(),
                application.allowedRoles(),
                new Declarations(
                        application.pseudonymisedPatientDataAllowed(),
                        application.personalDataAllowed(),
                        application.clinicalDecisionSupport().enabled(),
                        application.clinicalDecisionSupport().mdrBasis(),
                        application.clinicalDecisionSupport().validationReference()),
                application.knowledgeSources(),
                application.fhirResourceTypes(),
                application.conversationRetention().toString(),
                application.requiredTraining(),
                application.disclaimer(),
                application.termsVersion(),
                termsAccepted,
                trainingAttested);
    }
}
