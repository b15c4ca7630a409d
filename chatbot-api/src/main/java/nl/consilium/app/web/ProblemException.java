package nl.consilium.app.web;

import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Thrown by controllers; Spring MVC renders its problem detail as application/problem+json. */
public class ProblemException extends ErrorResponseException {
    public ProblemException(ProblemDetail problem) {
        super(org.springframework.http.HttpStatusCode.valueOf(problem.getStatus()), problem, null);
    }
}
