package nl.consilium.app.security.saml;

import org.springframework.security.saml2.core.Saml2Error;
import org.springframework.security.saml2.provider.service.authentication.Saml2AuthenticationException;

/**
 * Why Consilium refused a SAML response. The code goes into the {@link Saml2Error} (and the log) so that hospital IT
 * can see at once whether a clock, a certificate or the IdP's client registration is wrong.
 */
public enum SamlRejection {
    MALFORMED("malformed_response"),
    STATUS_NOT_SUCCESS("idp_status_not_success"),
    DUPLICATE_ID("duplicate_id"),
    ENCRYPTED_ASSERTION("encrypted_assertion_not_supported"),
    ASSERTION_COUNT("assertion_count"),
    UNSIGNED("unsigned"),
    INVALID_SIGNATURE("invalid_signature"),
    SIGNATURE_REFERENCE("signature_reference"),
    WRONG_ISSUER("wrong_issuer"),
    WRONG_DESTINATION("wrong_destination"),
    WRONG_RECIPIENT("wrong_recipient"),
    WRONG_AUDIENCE("wrong_audience"),
    EXPIRED("expired"),
    NOT_YET_VALID("not_yet_valid"),
    AUTHENTICATION_TOO_OLD("authentication_too_old"),
    UNSOLICITED("unsolicited_response"),
    IN_RESPONSE_TO_MISMATCH("in_response_to_mismatch"),
    REPLAYED("replayed_assertion"),
    NO_SUBJECT("no_subject"),
    AUTHN_CONTEXT_NOT_ACCEPTED("authn_context_not_accepted"),
    NO_ROLE("no_consilium_role"),
    IDP_METADATA_UNAVAILABLE("idp_metadata_unavailable");

    private final String code;

    SamlRejection(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    Saml2AuthenticationException exception(String reason) {
        return new Saml2AuthenticationException(new Saml2Error(code, reason));
    }

    Saml2AuthenticationException exception(String reason, Throwable cause) {
        return new Saml2AuthenticationException(new Saml2Error(code, reason), cause);
    }
}
