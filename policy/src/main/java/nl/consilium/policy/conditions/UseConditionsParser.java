package nl.consilium.policy.conditions;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import nl.consilium.policy.Application;
import nl.consilium.policy.ClinicalDecisionSupport;
import nl.consilium.policy.KnowledgeSource;
import nl.consilium.policy.LocalizedText;
import nl.consilium.policy.ModelEndpoint;
import nl.consilium.policy.Role;
import nl.consilium.policy.Training;
import nl.consilium.policy.UseConditions;
import nl.consilium.policy.UseConditionsException;
import nl.consilium.policy.conditions.MapReader.Item;
import nl.consilium.policy.conditions.YamlTree.Node;

/**
 * Turns a use-conditions YAML file into {@link UseConditions}, or a {@link UseConditionsException}
 * listing every problem. Internal: other modules call {@code nl.consilium.policy.UseConditionsLoader}.
 */
public final class UseConditionsParser {

    /** Ids appear in URLs, audit records and log lines: keep them simple and unambiguous. */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** Conversation retention longer than this is almost certainly a typo (PT30D vs P3000D). */
    static final Duration MAX_RETENTION = Duration.ofDays(3650);

    /** Written for "no training required", so that the absence of a training is a decision, not an omission. */
    static final String NONE = "none";

    private UseConditionsParser() {
    }

    public static UseConditions parseFile(Path file) {
        String name = file.toString();
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw single(name, "the use-conditions file does not exist",
                    "create it (see docs/use-conditions.md and infra/demo/use-conditions.yaml) or point the configuration at the right path");
        } catch (CharacterCodingException e) {
            throw single(name, "the file is not UTF-8 text", "save the file as UTF-8");
        } catch (IOException e) {
            throw single(name, "the file cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                    "check that the path is a readable file");
        }
        return parse(yaml, name);
    }

    public static UseConditions parse(String yaml, String sourceName) {
        Violations violations = new Violations(sourceName);
        Node root = YamlTree.parse(yaml, violations);
        if (root == null) {
            violations.throwIfAny();
        }
        UseConditions parsed = new Reading(violations).read(root);
        violations.throwIfAny();
        return parsed;
    }

    private static UseConditionsException single(String file, String problem, String fix) {
        return new UseConditionsException(List.of(new UseConditionsException.Violation(file, "", 0, problem, fix)));
    }

    /** State of one read: what has been declared so far, for the cross-references. */
    private static final class Reading {
        private final Violations v;
        /** Null when the section itself was unreadable: then references to it are not checked (no cascades). */
        private Set<String> roleIds;
        private Set<String> trainingIds;
        private Set<String> knowledgeSourceIds;
        private Set<String> endpointIds;

        Reading(Violations v) {
            this.v = v;
        }

        UseConditions read(Node root) {
            MapReader top = MapReader.of(root, "", v, "the use conditions");
            if (top == null) {
                return null;
            }
            String version = top.text("version", true,
                    "add 'version: \"<your version>\"' at the top, e.g. the date and a sequence number; raise it with every change");
            String deployment = top.text("deployment", true,
                    "add 'deployment: \"<hospital and environment>\"', e.g. \"Ziekenhuis Voorbeeld - productie\"");

            List<Item> roleItems = top.list("roles", true, "declare the roles users can have, e.g. '- id: clinician' with a title");
            List<Role> roles = MapReader.readEach(roleItems, this::role);
            checkUnique(roleItems, "role");
            roleIds = declaredIds(roleItems);

            List<Item> trainingItems = top.list("trainings", false, "");
            List<Training> trainings = MapReader.readEach(trainingItems, this::training);
            checkUnique(trainingItems, "training");
            trainingIds = top.has("trainings") ? declaredIds(trainingItems) : Set.of();

            List<Item> sourceItems = top.list("knowledge_sources", true,
                    "declare the approved knowledge sources ('- id: ...' with a title); write [] if there are none");
            List<KnowledgeSource> sources = MapReader.readEach(sourceItems, this::knowledgeSource);
            checkUnique(sourceItems, "knowledge source");
            knowledgeSourceIds = declaredIds(sourceItems);

            List<Item> endpointItems = top.list("model_endpoints", true,
                    "declare the allow-list of language-model endpoints; write [] for extractive answers only");
            List<ModelEndpoint> endpoints = MapReader.readEach(endpointItems, this::endpoint);
            checkUnique(endpointItems, "model endpoint");
            endpointIds = declaredIds(endpointItems);

            List<Item> appItems = top.list("applications", true, "declare at least one application under 'applications:'");
            if (appItems != null && appItems.isEmpty()) {
                v.add(top.pathOf("applications"), top.lineOf("applications"), "no applications are declared",
                        "declare at least one application; a deployment without applications cannot be used");
            }
            List<Application> applications = MapReader.readEach(appItems, this::application);
            checkUnique(appItems, "application");
            top.finish();

            if (!v.isEmpty()) {
                return null;
            }
            UseConditions unhashed = new UseConditions(deployment, version, "", roles, trainings, sources, endpoints, applications);
            return new UseConditions(deployment, version, CanonicalForm.sha256(unhashed),
                    roles, trainings, sources, endpoints, applications);
        }

        /**
         * The ids written in a section, even of entries that are otherwise invalid (those get their own
         * violation; references to them should not add a second one). Null when the section is unreadable.
         */
        private static Set<String> declaredIds(List<Item> items) {
            if (items == null) {
                return null;
            }
            Set<String> ids = new LinkedHashSet<>();
            for (Item item : items) {
                if (item.node() instanceof YamlTree.MapNode m
                        && m.entries().get("id") instanceof YamlTree.Entry e
                        && e.value() instanceof YamlTree.Scalar s
                        && s.kind() == YamlTree.ScalarKind.TEXT) {
                    ids.add(s.text().strip());
                }
            }
            return ids;
        }

        private String id(MapReader r, String what) {
            String id = r.text("id", true, "give the " + what + " an id, e.g. 'id: " + exampleId(what) + "'");
            if (id != null && !ID.matcher(id).matches()) {
                v.add(r.pathOf("id"), r.lineOf("id"), "the id '" + id + "' is not a valid id",
                        "use lower-case letters, digits and '-' only (at most 63 characters, starting with a letter or digit), e.g. '"
                                + exampleId(what) + "'");
                return null;
            }
            return id;
        }

        private static String exampleId(String what) {
            return switch (what) {
                case "role" -> "clinician";
                case "training" -> "e-learning-ai-basis";
                case "knowledge source" -> "demo-richtlijnen";
                case "model endpoint" -> "internal-llm";
                default -> "richtlijnen";
            };
        }

        private Role role(Item item, int index) {
            MapReader r = MapReader.of(item.node(), item.path(), v, "a role");
            if (r == null) {
                return null;
            }
            String id = id(r, "role");
            LocalizedText title = r.localized("title", true, "the role's name as users see it");
            r.finish();
            return id == null || title == null ? null : new Role(id, title);
        }

        private Training training(Item item, int index) {
            MapReader r = MapReader.of(item.node(), item.path(), v, "a training");
            if (r == null) {
                return null;
            }
            String id = id(r, "training");
            if (NONE.equals(id)) {
                v.add(r.pathOf("id"), r.lineOf("id"), "'none' cannot be a training id",
                        "choose another id; 'none' is what applications write when no training is required");
                id = null;
            }
            LocalizedText title = r.localized("title", true, "the training's name as users see it");
            r.finish();
            return id == null || title == null ? null : new Training(id, title);
        }

        private KnowledgeSource knowledgeSource(Item item, int index) {
            MapReader r = MapReader.of(item.node(), item.path(), v, "a knowledge source");
            if (r == null) {
                return null;
            }
            String id = id(r, "knowledge source");
            LocalizedText title = r.localized("title", true, "the source's name as shown in citations");
            r.finish();
            return id == null || title == null ? null : new KnowledgeSource(id, title);
        }

        private ModelEndpoint endpoint(Item item, int index) {
            MapReader r = MapReader.of(item.node(), item.path(), v, "a model endpoint");
            if (r == null) {
                return null;
            }
            String id = id(r, "model endpoint");
            String description = r.text("description", true,
                    "describe who runs the endpoint, where, and under which processing agreement");
            String baseUrlText = r.text("base_url", true,
                    "add the OpenAI-compatible base URL, e.g. 'base_url: http://localhost:8000/v1' (the application can override it from its environment)");
            URI baseUrl = null;
            if (baseUrlText != null) {
                baseUrl = httpUri(baseUrlText);
                if (baseUrl == null) {
                    v.add(r.pathOf("base_url"), r.lineOf("base_url"), "'" + baseUrlText + "' is not an absolute http(s) URL",
                            "write a URL like http://llm.intern.ziekenhuis.nl/v1");
                }
            }
            String model = r.text("model", false, "");
            Boolean noTraining = r.bool("no_training_on_inputs", true,
                    "add 'no_training_on_inputs: true' once the provider has committed in writing never to train on inputs; "
                            + "endpoints without that commitment cannot be on the allow-list");
            if (Boolean.FALSE.equals(noTraining)) {
                v.add(r.pathOf("no_training_on_inputs"), r.lineOf("no_training_on_inputs"),
                        "this endpoint may train on inputs, which is never allowed for hospital data",
                        "remove the endpoint from the allow-list, or obtain the provider's commitment and set it to true");
            }
            r.finish();
            if (id == null || description == null || baseUrl == null || !Boolean.TRUE.equals(noTraining)) {
                return null;
            }
            return new ModelEndpoint(id, description, baseUrl, Optional.ofNullable(model), true);
        }

        private static URI httpUri(String text) {
            try {
                URI uri = new URI(text);
                boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
                return http && uri.getHost() != null ? uri : null;
            } catch (URISyntaxException e) {
                return null;
            }
        }

        private Application application(Item item, int index) {
            MapReader r = MapReader.of(item.node(), item.path(), v, "an application");
            if (r == null) {
                return null;
            }
            String id = id(r, "application");
            Boolean enabledOrNull = r.bool("enabled", false, "");
            boolean enabled = enabledOrNull == null || enabledOrNull;
            LocalizedText title = r.localized("title", true, "the application's name as users see it");

            // FMS 1: intended use and who may use it.
            LocalizedText intendedUse = r.localized("intended_use", true,
                    "FMS declaration 1: what the application is for and what it is not for");
            Set<String> roles = references(r, "allowed_roles", roleIds, "role", "roles",
                    "FMS declaration 1: list the roles that may use this application, e.g. [clinician]", true);
            if (roles != null && roles.isEmpty() && r.has("allowed_roles")) {
                v.add(r.pathOf("allowed_roles"), r.lineOf("allowed_roles"), "no role may use this application",
                        "list at least one role; to take an application out of service write 'enabled: false' instead");
            }

            // FMS 2 and 3: explicit, never defaulted.
            Boolean pseudonymised = r.bool("pseudonymised_patient_data_allowed", true,
                    "FMS declaration 2: declare explicitly whether pseudonymised patient data may be processed (true or false)");
            Boolean personal = r.bool("personal_data_allowed", true,
                    "FMS declaration 3: declare explicitly whether identifying personal data may be processed (true or false)");
            if (Boolean.TRUE.equals(personal) && Boolean.FALSE.equals(pseudonymised)) {
                v.add(r.pathOf("pseudonymised_patient_data_allowed"), r.lineOf("pseudonymised_patient_data_allowed"),
                        "identifying personal data is allowed but pseudonymised patient data is not; pseudonymised data is the less "
                                + "sensitive form of the same data, so this declaration is contradictory",
                        "set pseudonymised_patient_data_allowed: true, or set personal_data_allowed: false");
            }

            ClinicalDecisionSupport cds = cds(r);

            Set<String> sources = references(r, "knowledge_sources", knowledgeSourceIds, "knowledge source", "knowledge_sources",
                    "list the knowledge sources it answers from; write [] if it uses none", true);
            Set<String> fhirTypes = fhirTypes(r);
            if (fhirTypes != null && !fhirTypes.isEmpty() && Boolean.FALSE.equals(pseudonymised) && Boolean.FALSE.equals(personal)) {
                v.add(r.pathOf("fhir_resource_types"), r.lineOf("fhir_resource_types"),
                        "FHIR resource types are listed but the application may process no patient data",
                        "write 'fhir_resource_types: []', or allow pseudonymised (or personal) patient data");
            }
            Set<String> endpoints = references(r, "model_endpoints", endpointIds, "model endpoint", "model_endpoints",
                    "list the allow-listed model endpoints it may use (the first is the default); write [] for extractive answers only", true);

            Duration retention = retention(r);
            Optional<String> training = requiredTraining(r);
            LocalizedText disclaimer = r.localized("disclaimer", true, "shown with every answer");
            String terms = r.text("terms_version", true,
                    "add 'terms_version: \"1\"'; raise it whenever the terms change so users accept them again");
            r.finish();

            if (id == null || title == null || intendedUse == null || roles == null || pseudonymised == null || personal == null
                    || cds == null || sources == null || fhirTypes == null || endpoints == null || retention == null
                    || training == null || disclaimer == null || terms == null) {
                return null;
            }
            return new Application(id, enabled, title, intendedUse, roles, pseudonymised, personal, cds,
                    List.copyOf(sources), fhirTypes, List.copyOf(endpoints), retention, training, disclaimer, terms);
        }

        private ClinicalDecisionSupport cds(MapReader app) {
            Node node = app.node("clinical_decision_support", true,
                    "FMS declaration 4: add 'clinical_decision_support:' with 'enabled: false' "
                            + "(or enabled: true with mdr_basis and validation_reference)");
            if (node == null) {
                return null;
            }
            MapReader r = MapReader.of(node, app.pathOf("clinical_decision_support"), v, "the clinical decision support declaration");
            if (r == null) {
                return null;
            }
            Boolean enabled = r.bool("enabled", true,
                    "FMS declaration 4: declare explicitly whether the application may be used for clinical decision support");
            String basis = r.text("mdr_basis", false, "");
            String validation = r.text("validation_reference", false, "");
            r.finish();
            if (Boolean.TRUE.equals(enabled)) {
                if (basis == null) {
                    v.add(r.pathOf("mdr_basis"), r.lineOf("mdr_basis"),
                            "clinical decision support is on without a recorded MDR basis",
                            "record the MDR basis (e.g. 'CE class IIa, certificate <number>' or 'MDR art. 5(5) in-house exemption, "
                                    + "file <reference>'), or set enabled: false");
                }
                if (validation == null) {
                    v.add(r.pathOf("validation_reference"), r.lineOf("validation_reference"),
                            "clinical decision support is on without a validation reference",
                            "name where the clinical validation is documented (report id or URL), or set enabled: false");
                }
                if (basis == null || validation == null) {
                    return null;
                }
            }
            if (enabled == null) {
                return null;
            }
            return new ClinicalDecisionSupport(enabled, Optional.ofNullable(basis), Optional.ofNullable(validation));
        }

        private Set<String> fhirTypes(MapReader r) {
            List<Item> items = r.textList("fhir_resource_types", true,
                    "list the FHIR R4 resource types it may read from the EPD (data minimisation), e.g. [Patient, Condition]; "
                            + "write [] for none");
            if (items == null) {
                return null;
            }
            Set<String> out = new LinkedHashSet<>();
            boolean ok = true;
            for (Item item : items) {
                String name = item.text();
                if (FhirR4ResourceTypes.isValid(name)) {
                    out.add(name);
                } else {
                    ok = false;
                    String close = FhirR4ResourceTypes.closest(name);
                    v.add(item.path(), item.line(), "'" + name + "' is not a FHIR R4 resource type",
                            close != null ? "did you mean '" + close + "'? (names are case-sensitive)"
                                    : "use a resource type name from FHIR R4, e.g. Patient, Condition, Observation, MedicationRequest");
                }
            }
            return ok ? out : null;
        }

        /** A list of ids that must each be declared in a top-level section. */
        private Set<String> references(MapReader r, String key, Set<String> declared, String what, String section,
                                       String fixWhenMissing, boolean required) {
            List<Item> items = r.textList(key, required, fixWhenMissing);
            if (items == null) {
                return null;
            }
            Set<String> out = new LinkedHashSet<>();
            boolean ok = true;
            for (Item item : items) {
                String ref = item.text();
                if (declared != null && !declared.contains(ref)) {
                    ok = false;
                    String close = Suggestions.closest(ref, declared);
                    String problem = "model endpoint".equals(what)
                            ? "the model endpoint '" + ref + "' is not on the allow-list (top-level 'model_endpoints')"
                            : "the " + what + " '" + ref + "' is not declared under top-level '" + section + "'";
                    v.add(item.path(), item.line(), problem,
                            (close != null ? "did you mean '" + close + "'? " : "")
                                    + "use one of: " + (declared.isEmpty() ? "(none declared)" : String.join(", ", declared))
                                    + ", or declare it under '" + section + "'");
                } else {
                    out.add(ref);
                }
            }
            return ok ? out : null;
        }

        private Duration retention(MapReader r) {
            String text = r.text("conversation_retention", true,
                    "declare how long conversations are kept as an ISO-8601 duration, e.g. P30D (30 days); P0D = not stored");
            if (text == null) {
                return null;
            }
            String fix = "write an ISO-8601 duration in days or hours, e.g. P30D (30 days), P90D, PT12H; P0D means conversations are not "
                    + "stored. Months and years are not accepted because their length varies";
            try {
                Duration d = Duration.parse(text);
                if (d.isNegative()) {
                    v.add(r.pathOf("conversation_retention"), r.lineOf("conversation_retention"), "the retention is negative", fix);
                    return null;
                }
                if (d.compareTo(MAX_RETENTION) > 0) {
                    v.add(r.pathOf("conversation_retention"), r.lineOf("conversation_retention"),
                            "the retention " + text + " is longer than 10 years (P3650D)",
                            "check the value; conversations are not part of the medical record and should be kept briefly");
                    return null;
                }
                return d;
            } catch (DateTimeParseException e) {
                v.add(r.pathOf("conversation_retention"), r.lineOf("conversation_retention"),
                        "'" + text + "' is not a duration", fix);
                return null;
            }
        }

        private Optional<String> requiredTraining(MapReader r) {
            String text = r.text("required_training", true,
                    "name the training users must attest before use (an id under top-level 'trainings'), or write 'required_training: none'");
            if (text == null) {
                return null;
            }
            if (NONE.equals(text)) {
                return Optional.empty();
            }
            if (trainingIds != null && !trainingIds.contains(text)) {
                String close = Suggestions.closest(text, trainingIds);
                v.add(r.pathOf("required_training"), r.lineOf("required_training"),
                        "the training '" + text + "' is not declared under top-level 'trainings'",
                        (close != null ? "did you mean '" + close + "'? " : "")
                                + "declare it under 'trainings' or write 'none'");
                return null;
            }
            return Optional.of(text);
        }

        /** Reports the second and later occurrences of an id in a list section. */
        private void checkUnique(List<Item> items, String what) {
            if (items == null) {
                return;
            }
            Map<String, Integer> firstLine = new HashMap<>();
            for (Item item : items) {
                if (item.node() instanceof YamlTree.MapNode m
                        && m.entries().get("id") instanceof YamlTree.Entry e
                        && e.value() instanceof YamlTree.Scalar s
                        && s.kind() == YamlTree.ScalarKind.TEXT) {
                    String id = s.text().strip();
                    Integer seen = firstLine.putIfAbsent(id, e.line());
                    if (seen != null) {
                        v.add(item.path() + ".id", e.line(),
                                "the " + what + " id '" + id + "' is used twice (first on line " + seen + ")",
                                "give every " + what + " its own id");
                    }
                }
            }
        }
    }
}
