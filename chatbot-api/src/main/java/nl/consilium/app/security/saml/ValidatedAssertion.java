package nl.consilium.app.security.saml;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What Consilium takes from a SAML response, read only from the element whose signature was verified.
 *
 * @param id                   the assertion ID (one-time use)
 * @param issuer               the IdP entity id
 * @param nameId               the user's identifier at the IdP; it becomes Consilium's user id
 * @param sessionIndex         the IdP session, for the record (no single logout yet)
 * @param authnContextClassRef how the user authenticated (password, MFA, ...)
 * @param validUntil           the earliest NotOnOrAfter: the id must stay in the replay cache at least until then
 * @param attributes           attribute Name (and FriendlyName) to values
 */
public record ValidatedAssertion(String id, String issuer, String nameId, String sessionIndex,
        String authnContextClassRef, Instant validUntil, Map<String, List<String>> attributes) {

    public ValidatedAssertion {
        attributes = Map.copyOf(attributes);
    }
}
