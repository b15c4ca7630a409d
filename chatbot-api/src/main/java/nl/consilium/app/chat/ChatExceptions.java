package nl.consilium.app.chat;

/** Failures of a chat turn that the user gets as a problem, never as a partial answer. */
public final class ChatExceptions {

    private ChatExceptions() {
    }

    /** The audit record could not be written durably: no answer goes out (fail closed). */
    public static final class AuditUnavailable extends RuntimeException {
        public AuditUnavailable(Throwable cause) {
            super("the audit log could not record this request", cause);
        }
    }

    /** All generation slots are taken. */
    public static final class Busy extends RuntimeException {
        public Busy() {
            super("the language model is busy");
        }
    }

    /** The language model did not answer (after the bounded retries). */
    public static final class ModelUnavailable extends RuntimeException {
        public ModelUnavailable(Throwable cause) {
            super("the language model did not answer", cause);
        }
    }

    /** The terms of the application's current version have not been accepted. */
    public static final class TermsNotAccepted extends RuntimeException {
        public TermsNotAccepted() {
            super("terms not accepted");
        }
    }

    /** The EPD could not deliver the patient context. */
    public static final class PatientContextUnavailable extends RuntimeException {
        public PatientContextUnavailable(String cause) {
            super("patient context unavailable: " + cause);
        }
    }
}
