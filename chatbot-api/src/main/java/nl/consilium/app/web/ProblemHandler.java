package nl.consilium.app.web;

import java.net.URI;
import java.util.UUID;

import nl.consilium.app.chat.ChatExceptions;
import nl.consilium.app.conversation.ConversationNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves as RFC 9457 problem details. The {@code instance} is a fresh error id instead of the
 * request path, because a path can carry patient identifiers; the same id is logged so support can find it.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ConversationNotFoundException.class)
    public ResponseEntity<Object> conversationNotFound(ConversationNotFoundException e) {
        return problem(Problems.CONVERSATION_NOT_FOUND, "No conversation with this id belongs to you");
    }

    @ExceptionHandler(ChatExceptions.AuditUnavailable.class)
    public ResponseEntity<Object> auditUnavailable(ChatExceptions.AuditUnavailable e) {
        URI errorId = errorId();
        log.error("Audit log unavailable {}: no answer delivered", errorId, e);
        return problem(Problems.AUDIT_UNAVAILABLE, "The audit log could not record this request, so no answer is "
                + "given. Try again later; quote " + errorId + " to the service desk");
    }

    @ExceptionHandler(ChatExceptions.Busy.class)
    public ResponseEntity<Object> busy(ChatExceptions.Busy e) {
        return ResponseEntity.status(503).header("Retry-After", "10")
                .body(withId(Problems.MODEL_BUSY.detail("All language-model slots are in use; try again in a few seconds")));
    }

    @ExceptionHandler(ChatExceptions.ModelUnavailable.class)
    public ResponseEntity<Object> modelUnavailable(ChatExceptions.ModelUnavailable e) {
        URI errorId = errorId();
        log.warn("Language model unavailable {} ({})", errorId, e.getCause() == null ? "?" : e.getCause().getClass().getName());
        return problem(Problems.MODEL_UNAVAILABLE, "The language model did not answer; quote " + errorId);
    }

    @ExceptionHandler(ChatExceptions.PatientContextUnavailable.class)
    public ResponseEntity<Object> patientContextUnavailable(ChatExceptions.PatientContextUnavailable e) {
        return problem(Problems.PATIENT_CONTEXT_UNAVAILABLE, "The EPD did not deliver the patient record ("
                + e.getMessage().replace("patient context unavailable: ", "") + ")");
    }

    private static ResponseEntity<Object> problem(Problems type, String detail) {
        ProblemDetail problem = withId(type.detail(detail));
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static ProblemDetail withId(ProblemDetail problem) {
        problem.setInstance(errorId());
        return problem;
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> unexpected(Exception exception, WebRequest request) {
        URI errorId = errorId();
        // Class name and error id only: the message of an arbitrary exception may hold request content.
        log.error("Unexpected error {} ({})", errorId, exception.getClass().getName(), exception);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; quote error id " + errorId + " to the service desk");
        problem.setType(URI.create("https://consilium.local/problems/internal-error"));
        problem.setTitle("Internal error");
        problem.setInstance(errorId);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            problem.setInstance(errorId());
            if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
                problem.setType(Problems.INVALID_REQUEST.type());
            }
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static URI errorId() {
        return URI.create("urn:uuid:" + UUID.randomUUID());
    }
}
