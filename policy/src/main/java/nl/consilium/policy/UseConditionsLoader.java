package nl.consilium.policy;

import java.nio.file.Path;
import nl.consilium.policy.conditions.CanonicalForm;
import nl.consilium.policy.conditions.UseConditionsParser;

/**
 * Loads and strictly validates a deployment's use-conditions file (YAML, see docs/use-conditions.md).
 * Every problem is reported at once in one {@link UseConditionsException}; nothing is defaulted for
 * the FMS declarations.
 */
public final class UseConditionsLoader {

    private UseConditionsLoader() {
    }

    /** Loads the file; throws {@link UseConditionsException} naming the file, key path and fix for every problem. */
    public static UseConditions load(Path file) {
        return UseConditionsParser.parseFile(file);
    }

    /** Parses YAML text; {@code sourceName} is used in violations in place of a file name. */
    public static UseConditions parse(String yaml, String sourceName) {
        return UseConditionsParser.parse(yaml, sourceName);
    }

    /**
     * The canonical JSON of the effective policy: exactly the bytes (UTF-8) whose SHA-256 is
     * {@link UseConditions#sha256()}, so IT and auditors can show and recompute it.
     */
    public static String canonicalJson(UseConditions conditions) {
        return CanonicalForm.json(conditions);
    }
}
