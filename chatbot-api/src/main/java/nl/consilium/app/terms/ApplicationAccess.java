package nl.consilium.app.terms;

import java.util.Collections;

import nl.consilium.app.security.CurrentUser;
import nl.consilium.app.web.Problems;
import nl.consilium.policy.Application;
import nl.consilium.policy.UseConditions;
import org.springframework.stereotype.Component;

/** Which applications of the use conditions a signed-in user may open: enabled ones for one of the user's roles. */
@Component
public class ApplicationAccess {

    private final UseConditions useConditions;

    public ApplicationAccess(UseConditions useConditions) {
        this.useConditions = useConditions;
    }

    /** The enabled application with this id, if the user has one of its roles; a problem otherwise. */
    public Application permitted(String id, CurrentUser user) {
        Application application = useConditions.application(id)
                .filter(Application::enabled)
                .orElseThrow(() -> Problems.UNKNOWN_APPLICATION.exception(
                        "There is no application with this id in the current use conditions"));
        requireRole(application, user);
        return application;
    }

    public void requireRole(Application application, CurrentUser user) {
        if (!allows(application, user)) {
            throw Problems.APPLICATION_NOT_PERMITTED.exception("Application '" + application.id()
                    + "' is for the roles " + application.allowedRoles());
        }
    }

    public boolean allows(Application application, CurrentUser user) {
        return !Collections.disjoint(application.allowedRoles(), user.roles());
    }
}
