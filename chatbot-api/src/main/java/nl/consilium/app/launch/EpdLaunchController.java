package nl.consilium.app.launch;

import java.net.URI;

import nl.consilium.app.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** The EPD's entry point: verify the signed launch, then open the specialist UI on that application and patient. */
@RestController
public class EpdLaunchController {

    private final EpdLaunch launch;

    public EpdLaunchController(EpdLaunch launch) {
        this.launch = launch;
    }

    @GetMapping("/launch")
    public ResponseEntity<Void> launch(@RequestParam(required = false) String patient,
            @RequestParam(required = false) String application, @RequestParam(required = false) String user,
            @RequestParam(required = false) String iat, @RequestParam(required = false) String sig,
            Authentication authentication) {
        launch.accept(CurrentUser.of(authentication).id(), patient, application, user, iat, sig);
        URI ui = UriComponentsBuilder.fromPath("/").queryParam("application", application)
                .queryParam("patient", patient).build().encode().toUri();
        return ResponseEntity.status(HttpStatus.FOUND).location(ui).build();
    }

    @ExceptionHandler(EpdLaunch.LaunchRefused.class)
    public ResponseEntity<ProblemDetail> refused(EpdLaunch.LaunchRefused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.refusal().text());
        problem.setType(URI.create("https://consilium.local/problems/launch-refused"));
        problem.setTitle("EPD launch refused");
        problem.setProperty("reason", e.refusal().name());
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }
}
