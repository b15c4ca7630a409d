package nl.consilium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import nl.consilium.app.policy.PolicyFailureAnalyzer;
import nl.consilium.app.support.TestDatabase;
import nl.consilium.policy.UseConditionsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A deployment whose use conditions cannot be read completely does not start (fail closed). */
class PolicyStartupTest {

    @TempDir
    Path dir;

    @Test
    void anInvalidUseConditionsFileStopsStartUpNamingTheKey() throws IOException {
        String valid = Files.readString(Path.of("../infra/demo/use-conditions.yaml"));
        Path broken = dir.resolve("use-conditions.yaml");
        // A typo in a key an IT administrator might make.
        Files.writeString(broken, valid.replaceFirst("personal_data_allowed:", "personal_data_alowed:"));

        Throwable failure = catchStartupFailure(broken);

        UseConditionsException cause = rootCause(failure, UseConditionsException.class);
        assertThat(cause.getMessage()).contains("personal_data_alowed").contains(broken.getFileName().toString());
        FailureAnalysis analysis = new PolicyFailureAnalyzer().analyze(failure);
        assertThat(analysis.getDescription()).contains("use-conditions file is invalid")
                .contains("applications[0]");
    }

    @Test
    void aMissingUseConditionsFileStopsStartUp() {
        Throwable failure = catchStartupFailure(dir.resolve("does-not-exist.yaml"));

        assertThat(failure).hasStackTraceContaining("does not exist");
    }

    private static Throwable catchStartupFailure(Path policyFile) {
        SpringApplication application = new SpringApplication(ConsiliumApplication.class);
        application.setAdditionalProfiles("demo");
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(() -> application.run(
                "--consilium.policy.file=" + policyFile,
                "--server.port=0",
                "--spring.datasource.url=" + TestDatabase.url("consilium_test_app")))
                .satisfies(t -> caught[0] = t);
        return caught[0];
    }

    private static <T extends Throwable> T rootCause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + failure);
    }
}
