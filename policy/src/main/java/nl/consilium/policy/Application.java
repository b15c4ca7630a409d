package nl.consilium.policy;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One application of a deployment with its use conditions (FMS "gebruiksvoorwaarden per toepassing").
 *
 * <p>The four FMS declarations: (1) {@link #intendedUse} and {@link #allowedRoles}; (2) {@link
 * #pseudonymisedPatientDataAllowed}; (3) {@link #personalDataAllowed} (identifying patient data);
 * (4) {@link #clinicalDecisionSupport}. The loader accepts no defaults for them.
 *
 * @param id                              stable id (URL path segment, audit records)
 * @param enabled                         false: declared but out of service in this file
 * @param title                           name shown to users
 * @param intendedUse                     FMS 1: what the application is for, shown with the terms
 * @param allowedRoles                    FMS 1: roles that may use it
 * @param pseudonymisedPatientDataAllowed FMS 2: patient data may be processed after pseudonymisation
 * @param personalDataAllowed             FMS 3: identifying patient data may be processed as is
 * @param clinicalDecisionSupport         FMS 4: CDS declaration with its MDR basis
 * @param knowledgeSources                ids of approved knowledge sources it answers from
 * @param fhirResourceTypes               FHIR R4 resource types it may read from the EPD (data minimisation)
 * @param modelEndpoints                  ids of allow-listed language-model endpoints; empty = extractive only
 * @param conversationRetention           how long conversations are kept; {@link Duration#ZERO} = not stored
 * @param requiredTraining                id of a training users must attest first, if any
 * @param disclaimer                      attached to every answer
 * @param termsVersion                    version of these terms; users accept each version once
 */
public record Application(
        String id,
        boolean enabled,
        LocalizedText title,
        LocalizedText intendedUse,
        Set<String> allowedRoles,
        boolean pseudonymisedPatientDataAllowed,
        boolean personalDataAllowed,
        ClinicalDecisionSupport clinicalDecisionSupport,
        List<String> knowledgeSources,
        Set<String> fhirResourceTypes,
        List<String> modelEndpoints,
        Duration conversationRetention,
        Optional<String> requiredTraining,
        LocalizedText disclaimer,
        String termsVersion) {

    public Application {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(intendedUse, "intendedUse");
        allowedRoles = orderedCopy(allowedRoles);
        Objects.requireNonNull(clinicalDecisionSupport, "clinicalDecisionSupport");
        knowledgeSources = List.copyOf(knowledgeSources);
        fhirResourceTypes = orderedCopy(fhirResourceTypes);
        modelEndpoints = List.copyOf(modelEndpoints);
        Objects.requireNonNull(conversationRetention, "conversationRetention");
        Objects.requireNonNull(requiredTraining, "requiredTraining");
        Objects.requireNonNull(disclaimer, "disclaimer");
        Objects.requireNonNull(termsVersion, "termsVersion");
    }

    /** Whether any patient data, pseudonymised or identifying, may be processed. */
    public boolean patientDataAllowed() {
        return pseudonymisedPatientDataAllowed || personalDataAllowed;
    }

    /** Whether the EPD may be asked for patient context at all. */
    public boolean patientContextAllowed() {
        return patientDataAllowed() && !fhirResourceTypes.isEmpty();
    }

    /** Whether conversations are stored at all. */
    public boolean storesConversations() {
        return !conversationRetention.isZero();
    }

    private static Set<String> orderedCopy(Set<String> values) {
        // Order as declared, because users and IT read these lists; immutable like List.copyOf.
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.copyOf(values)));
    }
}
