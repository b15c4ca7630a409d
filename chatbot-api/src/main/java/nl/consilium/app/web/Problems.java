package nl.consilium.app.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Stable RFC 9457 problem types of the API (documented in docs/api.md). The detail never echoes the
 * request's content: it may hold patient data.
 */
public enum Problems {
    UNKNOWN_APPLICATION(HttpStatus.NOT_FOUND, "Unknown application"),
    APPLICATION_NOT_PERMITTED(HttpStatus.FORBIDDEN, "Application not available to your roles"),
    TERMS_VERSION_MISMATCH(HttpStatus.CONFLICT, "Terms version is not the current one"),
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "Invalid request"),
    CONVERSATION_NOT_FOUND(HttpStatus.NOT_FOUND, "Conversation not found"),
    AUDIT_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Audit log unavailable"),
    MODEL_BUSY(HttpStatus.SERVICE_UNAVAILABLE, "Language model busy"),
    MODEL_UNAVAILABLE(HttpStatus.BAD_GATEWAY, "Language model unavailable"),
    PATIENT_CONTEXT_UNAVAILABLE(HttpStatus.BAD_GATEWAY, "Patient record unavailable"),
    UNKNOWN_CONNECTOR(HttpStatus.NOT_FOUND, "Unknown connector"),
    CONNECTOR_OUT_OF_SERVICE(HttpStatus.SERVICE_UNAVAILABLE, "Connector out of service"),
    KNOWLEDGE_DOCUMENT_NOT_FOUND(HttpStatus.NOT_FOUND, "Knowledge document not found"),
    KNOWLEDGE_DOCUMENT_REJECTED(HttpStatus.UNPROCESSABLE_CONTENT, "Knowledge document refused"),
    KNOWLEDGE_DOCUMENT_RETIRED(HttpStatus.CONFLICT, "Knowledge document is retired");

    private final HttpStatus status;
    private final String title;

    Problems(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    public URI type() {
        return URI.create("https://consilium.local/problems/" + name().toLowerCase().replace('_', '-'));
    }

    public ProblemDetail detail(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type());
        problem.setTitle(title);
        return problem;
    }

    public ProblemException exception(String detail) {
        return new ProblemException(detail(detail));
    }

    /**
     * IT took a connector out of service. {@code connector} ({@code epd}, {@code knowledge-base},
     * {@code model-endpoint}) lets the UI say in the user's language what is unavailable.
     */
    public static ProblemException connectorOutOfService(String connector, String detail) {
        ProblemDetail problem = CONNECTOR_OUT_OF_SERVICE.detail(detail);
        problem.setProperty("connector", connector);
        return new ProblemException(problem);
    }
}
