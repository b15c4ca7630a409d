package nl.consilium.app.security;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param mode         sign-in mechanism; there is deliberately no default, so a deployment always chooses
 * @param demoAccounts   local accounts, only honoured in {@link SecurityMode#DEMO}
 * @param frameAncestors origins (e.g. {@code https://epd.ziekenhuis.nl}) that may show Consilium in an iframe; empty:
 *                       nobody may frame it ({@code X-Frame-Options: DENY})
 */
@ConfigurationProperties("consilium.security")
public record SecurityProperties(SecurityMode mode, List<DemoAccount> demoAccounts, List<String> frameAncestors) {

    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");

    public SecurityProperties {
        demoAccounts = demoAccounts == null ? List.of() : List.copyOf(demoAccounts);
        // An empty environment variable binds as [""]; that means "none".
        frameAncestors = frameAncestors == null ? List.of()
                : frameAncestors.stream().filter(o -> o != null && !o.isBlank()).map(String::strip).toList();
        for (String origin : frameAncestors) {
            // They go into a response header: only plain origins, so nothing can be injected into the policy.
            if (!ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException("consilium.security.frame-ancestors: '" + origin
                        + "' is not an origin like https://epd.ziekenhuis.nl[:port]");
            }
        }
    }

    public record DemoAccount(String username, String password, String displayName, List<String> roles) {
        public DemoAccount {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }

        @Override
        public String toString() {
            return "DemoAccount[" + username + ", roles=" + roles + "]";
        }
    }
}
