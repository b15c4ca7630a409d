package nl.consilium.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The module table of DESIGN.md as ArchUnit rules. Each rule takes the module's root package as a parameter
 * so the same rule can be shown to fail on a deliberately bad fixture (see {@link ModuleRulesSelfTest}).
 */
final class ModuleRules {

    /**
     * Packages every module may use: the JDK without its storage API (java.sql is storage, which policy may not
     * touch; audit names it explicitly) and annotations that carry no behaviour.
     */
    static final String[] JDK = {"java.lang..", "java.util..", "java.time..", "java.io..", "java.nio..", "java.net..",
        "java.math..", "java.text..", "java.security..", "java.util.concurrent..", "java.util.function..",
        "java.util.regex..", "java.util.stream..", "java.nio.charset..", "javax.crypto..", "javax.annotation..",
        "org.jspecify.annotations.."};

    private ModuleRules() {
    }

    /** A module may depend only on the JDK, itself and the named libraries (DESIGN.md "may depend on"). */
    static ArchRule dependsOnlyOn(String modulePackage, String... allowed) {
        List<String> packages = new ArrayList<>(List.of(JDK));
        packages.add(modulePackage + "..");
        packages.addAll(List.of(allowed));
        return classes().that().resideInAPackage(modulePackage + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(packages.toArray(String[]::new))
                .because("DESIGN.md limits what " + modulePackage + " may depend on");
    }

    /** Other modules reach a module only through its single public API package; sub-packages are internal. */
    static ArchRule onlyApiPackageUsedFromOutside(String modulePackage) {
        return noClasses().that().resideOutsideOfPackage(modulePackage + "..")
                .should().dependOnClassesThat().resideInAPackage(modulePackage + ".*..")
                .because(modulePackage + " is the public API; its sub-packages are internal")
                .allowEmptyShould(true);
    }

    /** The module does not depend on the named modules (dependency direction of DESIGN.md). */
    static ArchRule doesNotDependOn(String modulePackage, String... otherModules) {
        String[] forbidden = new String[otherModules.length];
        for (int i = 0; i < otherModules.length; i++) {
            forbidden[i] = otherModules[i] + "..";
        }
        return noClasses().that().resideInAPackage(modulePackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .because("DESIGN.md: " + modulePackage + " may not depend on " + String.join(", ", otherModules))
                .allowEmptyShould(true);
    }
}
