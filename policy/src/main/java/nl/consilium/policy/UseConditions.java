package nl.consilium.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import nl.consilium.policy.conditions.TermsText;

/**
 * The effective use conditions of one deployment, as loaded and validated by {@link UseConditionsLoader}.
 *
 * @param deployment       name of the deployment (hospital, environment)
 * @param version          the version string IT declared in the file
 * @param sha256           hex SHA-256 of the canonical effective policy (see docs/use-conditions.md)
 * @param roles            roles the deployment knows
 * @param trainings        trainings applications may require
 * @param knowledgeSources approved knowledge sources
 * @param modelEndpoints   the language-model allow-list
 * @param applications     the applications, in file order
 */
public record UseConditions(
        String deployment,
        String version,
        String sha256,
        List<Role> roles,
        List<Training> trainings,
        List<KnowledgeSource> knowledgeSources,
        List<ModelEndpoint> modelEndpoints,
        List<Application> applications) {

    public UseConditions {
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sha256, "sha256");
        roles = List.copyOf(roles);
        trainings = List.copyOf(trainings);
        knowledgeSources = List.copyOf(knowledgeSources);
        modelEndpoints = List.copyOf(modelEndpoints);
        applications = List.copyOf(applications);
    }

    public PolicyVersion policyVersion() {
        return new PolicyVersion(version, sha256);
    }

    public Optional<Application> application(String id) {
        return applications.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /**
     * The terms of use of an application as users read and accept them (Markdown), generated from its
     * declarations so they cannot contradict what the engine enforces. Accepted per {@link Application#termsVersion()}.
     */
    public Optional<LocalizedText> termsOf(String applicationId) {
        return application(applicationId).map(a -> TermsText.of(this, a));
    }

    public Optional<ModelEndpoint> modelEndpoint(String id) {
        return modelEndpoints.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    public Optional<Training> training(String id) {
        return trainings.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public Optional<KnowledgeSource> knowledgeSource(String id) {
        return knowledgeSources.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    public Optional<Role> role(String id) {
        return roles.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
