package nl.consilium.policy.conditions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import nl.consilium.policy.Application;
import nl.consilium.policy.KnowledgeSource;
import nl.consilium.policy.LocalizedText;
import nl.consilium.policy.ModelEndpoint;
import nl.consilium.policy.Role;
import nl.consilium.policy.Training;
import nl.consilium.policy.UseConditions;
import tools.jackson.databind.json.JsonMapper;

/**
 * The canonical JSON form of an effective policy, and its SHA-256. Built from the validated model, not
 * from the file's bytes, so comments, whitespace, quoting, key order and the order of entries in
 * sections whose order has no meaning do not change the hash; any change in meaning does (including
 * defaults such as {@code enabled}, which appear explicitly here). Keys are sorted; JSON without
 * spaces; UTF-8. Order kept only where it means something: the model endpoints of an application
 * (the first is the default).
 */
public final class CanonicalForm {

    /** Bump when the canonical form itself changes, so that old and new hashes are never confused. */
    static final String FORMAT = "consilium-use-conditions/1";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CanonicalForm() {
    }

    public static String json(UseConditions c) {
        Map<String, Object> m = new TreeMap<>();
        m.put("format", FORMAT);
        m.put("version", c.version());
        m.put("deployment", c.deployment());
        m.put("roles", sorted(c.roles(), Role::id, r -> obj("id", r.id(), "title", text(r.title()))));
        m.put("trainings", sorted(c.trainings(), Training::id, t -> obj("id", t.id(), "title", text(t.title()))));
        m.put("knowledge_sources", sorted(c.knowledgeSources(), KnowledgeSource::id,
                k -> obj("id", k.id(), "title", text(k.title()))));
        m.put("model_endpoints", sorted(c.modelEndpoints(), ModelEndpoint::id, CanonicalForm::endpoint));
        m.put("applications", sorted(c.applications(), Application::id, CanonicalForm::application));
        return JSON.writeValueAsString(m);
    }

    public static String sha256(UseConditions c) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json(c).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static Map<String, Object> endpoint(ModelEndpoint e) {
        Map<String, Object> m = new TreeMap<>();
        m.put("id", e.id());
        m.put("description", e.description());
        m.put("base_url", e.baseUrl().toString());
        m.put("model", e.model().orElse(null));
        m.put("no_training_on_inputs", e.noTrainingOnInputs());
        return m;
    }

    private static Map<String, Object> application(Application a) {
        Map<String, Object> m = new TreeMap<>();
        m.put("id", a.id());
        m.put("enabled", a.enabled());
        m.put("title", text(a.title()));
        m.put("intended_use", text(a.intendedUse()));
        m.put("allowed_roles", a.allowedRoles().stream().sorted().toList());
        m.put("pseudonymised_patient_data_allowed", a.pseudonymisedPatientDataAllowed());
        m.put("personal_data_allowed", a.personalDataAllowed());
        Map<String, Object> cds = new TreeMap<>();
        cds.put("enabled", a.clinicalDecisionSupport().enabled());
        cds.put("mdr_basis", a.clinicalDecisionSupport().mdrBasis().orElse(null));
        cds.put("validation_reference", a.clinicalDecisionSupport().validationReference().orElse(null));
        m.put("clinical_decision_support", cds);
        m.put("knowledge_sources", a.knowledgeSources().stream().sorted().toList());
        m.put("fhir_resource_types", a.fhirResourceTypes().stream().sorted().toList());
        m.put("model_endpoints", a.modelEndpoints());
        m.put("conversation_retention", a.conversationRetention().toString());
        m.put("required_training", a.requiredTraining().orElse(null));
        m.put("disclaimer", text(a.disclaimer()));
        m.put("terms_version", a.termsVersion());
        return m;
    }

    private static Map<String, Object> text(LocalizedText t) {
        return obj("nl", t.nl(), "en", t.en());
    }

    private static Map<String, Object> obj(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new TreeMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    private static <T> List<Map<String, Object>> sorted(List<T> items, Function<T, String> id, Function<T, Map<String, Object>> form) {
        List<T> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparing(id));
        return copy.stream().map(form).toList();
    }
}
