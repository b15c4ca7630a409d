package nl.consilium.policy;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the policy engine needs to decide on one request. Holds no patient data itself: only the
 * categories that were detected and the outcome of the intent check.
 *
 * @param applicationId           the application the user picked
 * @param userRoles               the user's roles (from the identity provider)
 * @param detectedCategories      personal-data categories found in the user's input ({@link PersonalDataDetector})
 * @param intent                  outcome of the clinical-decision-support intent check ({@link CdsIntentClassifier})
 * @param patientContextRequested whether patient data from the EPD is to be added to the request
 * @param requestedResourceTypes  the FHIR resource types wanted for the patient context; empty = all the application allows
 * @param treatmentRelationship   the EPD has confirmed the user's treatment relationship ("behandelrelatie") with the
 *                                patient in context, e.g. because Consilium was opened from that patient's record
 * @param modelEndpointId         the language-model endpoint to be used; empty = extractive answer, no model
 * @param attestedTrainings       ids of trainings the user has attested
 * @param acceptedTermsVersion    the version of this application's terms the user has accepted, if any
 */
public record DecisionRequest(
        String applicationId,
        Set<String> userRoles,
        Set<DataCategory> detectedCategories,
        IntentAssessment intent,
        boolean patientContextRequested,
        Set<String> requestedResourceTypes,
        boolean treatmentRelationship,
        Optional<String> modelEndpointId,
        Set<String> attestedTrainings,
        Optional<String> acceptedTermsVersion) {

    public DecisionRequest {
        Objects.requireNonNull(applicationId, "applicationId");
        userRoles = Set.copyOf(userRoles);
        detectedCategories = detectedCategories.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(detectedCategories));
        Objects.requireNonNull(intent, "intent (classify the input first; there is no neutral default)");
        requestedResourceTypes = Set.copyOf(requestedResourceTypes);
        Objects.requireNonNull(modelEndpointId, "modelEndpointId");
        attestedTrainings = Set.copyOf(attestedTrainings);
        Objects.requireNonNull(acceptedTermsVersion, "acceptedTermsVersion");
    }

    /** Categories found that can identify a person on their own ({@link DataCategory#identifying()}). */
    public Set<DataCategory> identifyingCategories() {
        EnumSet<DataCategory> out = EnumSet.noneOf(DataCategory.class);
        detectedCategories.stream().filter(DataCategory::identifying).forEach(out::add);
        return out;
    }

    /** The same request for another application (e.g. the one the user switches to after a refusal). */
    public DecisionRequest withApplication(String otherApplicationId) {
        return new DecisionRequest(otherApplicationId, userRoles, detectedCategories, intent, patientContextRequested,
                requestedResourceTypes, treatmentRelationship, modelEndpointId, attestedTrainings, acceptedTermsVersion);
    }

    public static Builder builder(String applicationId) {
        return new Builder(applicationId);
    }

    /** Fills the many fields readably; everything not set is the most restrictive value (nothing attested, no context). */
    public static final class Builder {
        private final String applicationId;
        private Set<String> roles = Set.of();
        private Set<DataCategory> detected = Set.of();
        private IntentAssessment intent;
        private boolean patientContext;
        private Set<String> resourceTypes = Set.of();
        private boolean treatmentRelationship;
        private String modelEndpointId;
        private Set<String> trainings = Set.of();
        private String termsVersion;

        private Builder(String applicationId) {
            this.applicationId = applicationId;
        }

        public Builder roles(Collection<String> roles) {
            this.roles = Set.copyOf(roles);
            return this;
        }

        public Builder roles(String... roles) {
            return roles(Set.of(roles));
        }

        public Builder detected(Collection<DataCategory> categories) {
            this.detected = Set.copyOf(categories);
            return this;
        }

        public Builder detected(DataCategory... categories) {
            return detected(Set.of(categories));
        }

        public Builder intent(IntentAssessment intent) {
            this.intent = intent;
            return this;
        }

        /** Patient context from the EPD; {@code resourceTypes} empty = all types the application allows. */
        public Builder patientContext(boolean treatmentRelationship, Collection<String> resourceTypes) {
            this.patientContext = true;
            this.treatmentRelationship = treatmentRelationship;
            this.resourceTypes = Set.copyOf(resourceTypes);
            return this;
        }

        public Builder modelEndpoint(String id) {
            this.modelEndpointId = id;
            return this;
        }

        public Builder attestedTrainings(Collection<String> trainings) {
            this.trainings = Set.copyOf(trainings);
            return this;
        }

        public Builder attestedTrainings(String... trainings) {
            return attestedTrainings(Set.of(trainings));
        }

        public Builder acceptedTermsVersion(String version) {
            this.termsVersion = version;
            return this;
        }

        public DecisionRequest build() {
            return new DecisionRequest(applicationId, roles, detected, intent, patientContext, resourceTypes,
                    treatmentRelationship, Optional.ofNullable(modelEndpointId), trainings, Optional.ofNullable(termsVersion));
        }
    }
}
