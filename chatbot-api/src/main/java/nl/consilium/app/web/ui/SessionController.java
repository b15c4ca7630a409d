package nl.consilium.app.web.ui;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;
import nl.consilium.app.security.CurrentUser;
import nl.consilium.app.security.DisplayNamed;
import nl.consilium.app.security.SecurityMode;
import nl.consilium.app.security.SecurityProperties;
import nl.consilium.policy.UseConditions;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the web pages need to know about the signed-in user: who, which roles (to show only the screens the user may
 * use; the API enforces the roles itself) and the CSRF token the pages send on every changing request, because the
 * API keeps CSRF protection on for cookie sessions.
 */
@RestController
public class SessionController {

    private final SecurityProperties security;
    private final UseConditions useConditions;

    public SessionController(SecurityProperties security, UseConditions useConditions) {
        this.security = security;
        this.useConditions = useConditions;
    }

    public record Csrf(String headerName, String parameterName, String token) {
    }

    /** @param patientPicker the demo lets the user pick a sandbox patient; a hospital gets the patient from the EPD launch */
    public record Me(String user, String displayName, Set<String> roles, Csrf csrf, String deployment,
            String policyVersion, boolean patientPicker) {
    }

    @GetMapping("/api/v1/me")
    public Me me(Authentication authentication, HttpServletRequest request) {
        CurrentUser user = CurrentUser.of(authentication);
        CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        Csrf csrf = token == null ? null : new Csrf(token.getHeaderName(), token.getParameterName(), token.getToken());
        String displayName = authentication.getPrincipal() instanceof DisplayNamed named ? named.displayName()
                : displayName(user.id());
        return new Me(user.id(), displayName, new TreeSet<>(user.roles()), csrf,
                useConditions.deployment(), useConditions.version(), security.mode() == SecurityMode.DEMO);
    }

    private String displayName(String userId) {
        // Demo accounts carry a display name in the configuration; SAML2 principals carry the IdP's (DisplayNamed).
        List<SecurityProperties.DemoAccount> accounts = security.demoAccounts();
        return accounts.stream().filter(a -> a.username().equals(userId) && a.displayName() != null)
                .map(SecurityProperties.DemoAccount::displayName).findFirst().orElse(userId);
    }
}
