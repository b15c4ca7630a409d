package nl.consilium.app.policy;

import java.nio.file.Files;
import java.nio.file.Path;

import nl.consilium.policy.UseConditions;
import nl.consilium.policy.UseConditionsLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the use conditions once at start-up. Any problem stops the application: Consilium never runs
 * under a policy it could not read completely (fail closed).
 */
@Configuration
public class PolicyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PolicyConfiguration.class);

    @Bean
    UseConditions useConditions(PolicyProperties properties) {
        if (properties.file() == null || properties.file().isBlank()) {
            throw new PolicyNotConfiguredException(
                    "No use-conditions file configured: set CONSILIUM_POLICY_FILE (property consilium.policy.file)");
        }
        Path file = Path.of(properties.file());
        if (!Files.isRegularFile(file)) {
            throw new PolicyNotConfiguredException("The use-conditions file " + file.toAbsolutePath()
                    + " does not exist or is not a file: check CONSILIUM_POLICY_FILE");
        }
        UseConditions conditions = UseConditionsLoader.load(file);
        log.info("Use conditions loaded: deployment '{}', policy {}, {} applications", conditions.deployment(),
                conditions.policyVersion().shortForm(), conditions.applications().size());
        return conditions;
    }
}
