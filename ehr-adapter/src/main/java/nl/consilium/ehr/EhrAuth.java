package nl.consilium.ehr;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * How Consilium authenticates to the EPD's FHIR endpoint. A hospital normally uses SMART backend
 * services (system-to-system, no user in the loop at the EPD side); a static bearer token is for
 * EPDs that issue long-lived integration tokens; {@link None} only for the sandbox.
 */
public sealed interface EhrAuth {

    /** No Authorization header: only acceptable against the sandbox EPD. */
    record None() implements EhrAuth {
    }

    /** A fixed bearer token issued by the EPD for this integration. */
    record BearerToken(String token) implements EhrAuth {
        public BearerToken {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("bearer token is empty");
            }
        }

        @Override
        public String toString() {
            return "BearerToken[***]";
        }
    }

    /**
     * SMART App Launch "backend services": client-credentials grant with a JWT client assertion
     * signed RS384 by Consilium's private key; the EPD knows the public key (JWKS) for clientId.
     *
     * @param tokenEndpoint   the EPD's OAuth2 token endpoint (also the assertion's audience)
     * @param clientId        client id registered at the EPD
     * @param privateKeyPem   PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----") of the RSA signing key
     * @param keyId           kid header matching the key in the registered JWKS (may be null)
     * @param scopes          requested scopes, e.g. system/Patient.rs system/Observation.rs
     */
    record SmartBackendServices(URI tokenEndpoint, String clientId, String privateKeyPem, String keyId,
                                List<String> scopes) implements EhrAuth {
        public SmartBackendServices {
            Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
            if (clientId == null || clientId.isBlank()) {
                throw new IllegalArgumentException("SMART backend services needs a clientId");
            }
            if (privateKeyPem == null || !privateKeyPem.contains("PRIVATE KEY")) {
                throw new IllegalArgumentException("SMART backend services needs a PKCS#8 PEM private key");
            }
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
        }

        @Override
        public String toString() {
            return "SmartBackendServices[tokenEndpoint=" + tokenEndpoint + ", clientId=" + clientId
                    + ", keyId=" + keyId + ", scopes=" + scopes + ", privateKey=***]";
        }
    }
}
