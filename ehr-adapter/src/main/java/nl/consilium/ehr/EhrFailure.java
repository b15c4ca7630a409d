package nl.consilium.ehr;

/**
 * Why the EPD could not deliver. One record per cause so the caller can tell the user something
 * true ("the EPD is unreachable" is not "you may not see this patient") and the auditor can log it.
 * Messages never contain patient data beyond the id the caller already had.
 */
public sealed interface EhrFailure {

    /** Short text for logs and the audit trail. */
    String describe();

    /** Connection refused, DNS failure or timeout, after the configured retries. */
    record Unreachable(String endpoint, int attempts, String cause) implements EhrFailure {
        public String describe() {
            return "EPD unreachable at " + endpoint + " after " + attempts + " attempt(s): " + cause;
        }
    }

    /** 401 (no or bad credentials) or 403 (credentials lack the scope / access to this patient). */
    record Unauthorised(int status, String detail) implements EhrFailure {
        public String describe() {
            return "EPD refused access (HTTP " + status + "): " + detail;
        }
    }

    /** The EPD does not know the patient. */
    record PatientNotFound(String patientId) implements EhrFailure {
        public String describe() {
            return "EPD does not know patient " + patientId;
        }
    }

    /** The EPD rejected the request as invalid (400/422): a client/EPD capability mismatch. */
    record RequestRejected(int status, String detail) implements EhrFailure {
        public String describe() {
            return "EPD rejected the request (HTTP " + status + "): " + detail;
        }
    }

    /** 5xx after the configured retries. */
    record ServerError(int status, int attempts, String detail) implements EhrFailure {
        public String describe() {
            return "EPD server error (HTTP " + status + ") after " + attempts + " attempt(s): " + detail;
        }
    }

    /** The EPD answered, but not with FHIR we can read. */
    record MalformedContent(String detail) implements EhrFailure {
        public String describe() {
            return "EPD sent content that is not valid FHIR: " + detail;
        }
    }
}
