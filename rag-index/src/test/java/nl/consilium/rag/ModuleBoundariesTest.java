package nl.consilium.rag;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** DESIGN.md: rag-index may use the policy API and Spring AI types, nothing of the other modules or of Spring's container. */
class ModuleBoundariesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("nl.consilium.rag");

    @Test
    void usesNoOtherConsiliumModuleThanPolicy() {
        noClasses().that().resideInAPackage("nl.consilium.rag..")
                .should().dependOnClassesThat().resideInAnyPackage("nl.consilium.audit..", "nl.consilium.ehr..",
                        "nl.consilium.chatbot..", "nl.consilium.cli..")
                .check(CLASSES);
    }

    @Test
    void needsNoSpringContainerOnlySpringAiTypes() {
        noClasses().that().resideInAPackage("nl.consilium.rag..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.context..", "org.springframework.beans..",
                        "org.springframework.boot..", "org.springframework.jdbc..")
                .check(CLASSES);
    }

    @Test
    void internalsDoNotReachBackIntoTheFacade() {
        // Sub-packages may use the API's value types, but never the KnowledgeBase facade itself (no cycles through it).
        noClasses().that().resideInAnyPackage("nl.consilium.rag.ingest..", "nl.consilium.rag.chunk..", "nl.consilium.rag.embed..",
                        "nl.consilium.rag.store..", "nl.consilium.rag.retrieve..", "nl.consilium.rag.eval..")
                .should().dependOnClassesThat().haveFullyQualifiedName("nl.consilium.rag.KnowledgeBase")
                .check(CLASSES);
    }
}
