package nl.consilium.app.terms;

import java.util.List;

import nl.consilium.app.security.CurrentUser;
import nl.consilium.app.web.Problems;
import nl.consilium.policy.Application;
import nl.consilium.policy.UseConditions;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The applications a user may use and their terms of use (accepted once per terms version). */
@RestController
@RequestMapping("/api/v1/applications")
public class ApplicationsController {

    private final UseConditions useConditions;
    private final TermsAcceptances acceptances;
    private final TrainingAttestations trainings;
    private final ApplicationAccess access;

    public ApplicationsController(UseConditions useConditions, TermsAcceptances acceptances,
            TrainingAttestations trainings, ApplicationAccess access) {
        this.useConditions = useConditions;
        this.acceptances = acceptances;
        this.trainings = trainings;
        this.access = access;
    }

    public record Attestation(String trainingId) {
    }

    /** The user states they completed the training an application requires. */
    @PutMapping("/{id}/training/attestation")
    public ApplicationView attestTraining(@PathVariable String id, @RequestBody Attestation attestation,
            Authentication authentication) {
        CurrentUser user = CurrentUser.of(authentication);
        Application application = access.permitted(id, user);
        String required = application.requiredTraining().orElseThrow(() -> Problems.INVALID_REQUEST.exception(
                "Application '" + application.id() + "' requires no training"));
        if (attestation == null || !required.equals(attestation.trainingId())) {
            throw Problems.INVALID_REQUEST.exception("Application '" + application.id() + "' requires training '"
                    + required + "'");
        }
        trainings.attest(user.id(), required);
        return view(application, user);
    }

    @GetMapping
    public List<ApplicationView> mine(Authentication authentication) {
        CurrentUser user = CurrentUser.of(authentication);
        return useConditions.applications().stream()
                .filter(Application::enabled)
                .filter(application -> access.allows(application, user))
                .map(application -> view(application, user))
                .toList();
    }

    @GetMapping("/{id}/terms")
    public ApplicationView terms(@PathVariable String id, Authentication authentication) {
        CurrentUser user = CurrentUser.of(authentication);
        return view(access.permitted(id, user), user);
    }

    public record Acceptance(String termsVersion) {
    }

    @PutMapping("/{id}/terms/acceptance")
    public ApplicationView accept(@PathVariable String id, @RequestBody Acceptance acceptance,
            Authentication authentication) {
        CurrentUser user = CurrentUser.of(authentication);
        Application application = access.permitted(id, user);
        if (acceptance == null || acceptance.termsVersion() == null
                || !acceptance.termsVersion().equals(application.termsVersion())) {
            throw Problems.TERMS_VERSION_MISMATCH.exception("The current terms version of application '"
                    + application.id() + "' is " + application.termsVersion()
                    + "; read and accept that version");
        }
        acceptances.accept(user.id(), application.id(), application.termsVersion(), useConditions.sha256());
        return view(application, user);
    }

    private ApplicationView view(Application application, CurrentUser user) {
        return ApplicationView.of(application,
                acceptances.accepted(user.id(), application.id(), application.termsVersion()),
                application.requiredTraining().map(t -> trainings.of(user.id()).contains(t)).orElse(true));
    }
}
