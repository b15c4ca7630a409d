package nl.consilium.policy.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import nl.consilium.policy.PolicyRules;
import org.junit.jupiter.api.Test;

/** Rule ids are what auditors search for: well-formed, unique, and every one explained in the docs. */
class RuleIdsTest {

    static List<String> ruleIds() {
        return Arrays.stream(PolicyRules.class.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(RuleIdsTest::value)
                .toList();
    }

    private static String value(Field f) {
        try {
            return (String) f.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void ruleIdsAreWellFormedAndUnique() {
        assertThat(ruleIds()).hasSizeGreaterThanOrEqualTo(18).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).matches("[A-Z][A-Z0-9]*(-[A-Z0-9]+)+"));
    }

    @Test
    void everyRuleIdIsDocumentedInTheRulesTable() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "use-conditions.md"));
        assertThat(ruleIds()).allSatisfy(id -> assertThat(docs).contains("| `" + id + "` |"));
    }
}
