package nl.consilium.app.policy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param file path of the deployment's use-conditions file (YAML, versioned in the hospital's repository).
 *             A plain string: Spring's Path conversion would resolve it as a class-path resource.
 */
@ConfigurationProperties("consilium.policy")
public record PolicyProperties(String file) {
}
