package nl.consilium.ehr.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.consilium.ehr.EhrAuth;
import nl.consilium.ehr.EhrException;
import nl.consilium.ehr.EhrFailure;

/**
 * Obtains and caches access tokens with the SMART backend-services profile: a client-credentials
 * grant authenticated by a short-lived JWT signed RS384 (the algorithm SMART requires servers to
 * support). Tokens are reused until shortly before they expire so a chat turn costs no token call.
 */
public final class SmartBackendTokens {

    private static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(4); // SMART: at most 5 minutes
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

    private final EhrAuth.SmartBackendServices settings;
    private final PrivateKey key;
    private final HttpClient http;
    private final Duration readTimeout;
    private final Clock clock;
    private String cachedToken;
    private Instant cachedUntil = Instant.MIN;
    private EhrException lastRefusal;
    private Instant refusedUntil = Instant.MIN;
    private static final Duration REFUSAL_MEMORY = Duration.ofSeconds(5);

    public SmartBackendTokens(EhrAuth.SmartBackendServices settings, Duration connectTimeout, Duration readTimeout,
                              Clock clock) {
        this.settings = settings;
        this.key = parsePkcs8(settings.privateKeyPem());
        this.readTimeout = readTimeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    /** A valid access token, fetched when none is cached or the cached one is about to expire. */
    public synchronized String accessToken() {
        Instant now = clock.instant();
        if (cachedToken != null && now.isBefore(cachedUntil)) {
            return cachedToken;
        }
        if (lastRefusal != null && now.isBefore(refusedUntil)) {
            // Parallel searches of one context must not each hammer a token endpoint that just said no.
            throw lastRefusal;
        }
        try {
            fetch(now);
        } catch (EhrException e) {
            lastRefusal = e;
            refusedUntil = now.plus(REFUSAL_MEMORY);
            throw e;
        }
        lastRefusal = null;
        return cachedToken;
    }

    /** Forget the cached token, e.g. after the EPD answered 401 to it. */
    public synchronized void invalidate() {

        cachedToken = null;
        cachedUntil = Instant.MIN;
    }

    private void fetch(Instant now) {
        String form = Map.of(
                        "grant_type", "client_credentials",
                        "scope", String.join(" ", settings.scopes()),
                        "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                        "client_assertion", assertion(now))
                .entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(settings.tokenEndpoint())
                .timeout(readTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new EhrException(new EhrFailure.Unreachable(settings.tokenEndpoint().toString(), 1,
                    e.getClass().getSimpleName()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EhrException(new EhrFailure.Unreachable(settings.tokenEndpoint().toString(), 1, "interrupted"), e);
        }
        if (response.statusCode() == 400 || response.statusCode() == 401 || response.statusCode() == 403) {
            // RFC 6749: a refused client assertion comes back as 400 invalid_client or 401.
            throw new EhrException(new EhrFailure.Unauthorised(401,
                    "token endpoint refused the client assertion (HTTP " + response.statusCode() + ")"), null);
        }
        if (response.statusCode() >= 500) {
            throw new EhrException(new EhrFailure.ServerError(response.statusCode(), 1, "token endpoint failed"), null);
        }
        try {
            Map<String, Object> json = JSONObjectUtils.parse(response.body());
            String token = JSONObjectUtils.getString(json, "access_token");
            if (token == null || token.isBlank()) {
                throw new EhrException(new EhrFailure.MalformedContent("token response without access_token"), null);
            }
            long expiresIn = json.get("expires_in") instanceof Number n ? n.longValue() : 300;
            cachedToken = token;
            cachedUntil = now.plusSeconds(expiresIn).minus(EXPIRY_MARGIN);
        } catch (java.text.ParseException e) {
            throw new EhrException(new EhrFailure.MalformedContent("token response is not JSON"), e);
        }
    }

    private String assertion(Instant now) {
        String endpoint = settings.tokenEndpoint().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(settings.clientId())
                .subject(settings.clientId())
                .audience(endpoint)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS384).type(JOSEObjectType.JWT);
        if (settings.keyId() != null && !settings.keyId().isBlank()) {
            header.keyID(settings.keyId());
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the SMART client assertion", e);
        }
        return jwt.serialize();
    }

    static PrivateKey parsePkcs8(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalArgumentException("the SMART private key is not an RSA PKCS#8 PEM key", e);
        }
    }
}
