package nl.consilium.ehr;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Connection to one EPD FHIR R4 endpoint. The application binds this from configuration
 * ({@code consilium.ehr.*}); every field has a safe default except the base URL.
 *
 * @param baseUrl        FHIR base, e.g. https://epd.example-ziekenhuis.nl/fhir/R4
 * @param auth           how to authenticate
 * @param connectTimeout TCP connect timeout
 * @param readTimeout    socket read timeout per request
 * @param maxRetries     extra attempts for idempotent reads after a connection failure or a 502/503/504
 * @param retryBackoff   pause before the first retry; doubles per retry
 * @param pageSize       _count asked per search page
 */
public record EhrClientConfig(URI baseUrl, EhrAuth auth, Duration connectTimeout, Duration readTimeout,
                              int maxRetries, Duration retryBackoff, int pageSize) {

    public EhrClientConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("EPD base URL must be http(s): " + baseUrl);
        }
        auth = auth == null ? new EhrAuth.None() : auth;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
        retryBackoff = retryBackoff == null ? Duration.ofMillis(200) : retryBackoff;
        if (maxRetries < 0 || maxRetries > 5) {
            throw new IllegalArgumentException("maxRetries must be 0..5, was " + maxRetries);
        }
        if (pageSize <= 0) {
            pageSize = 200;
        }
        if (pageSize > 1000) {
            throw new IllegalArgumentException("pageSize must be at most 1000, was " + pageSize);
        }
    }

    /** Defaults suitable for a hospital network: 2 s connect, 10 s read, 2 retries, 200 per page. */
    public static EhrClientConfig of(URI baseUrl, EhrAuth auth) {
        return new EhrClientConfig(baseUrl, auth, null, null, 2, null, 200);
    }

    public EhrClientConfig withTimeouts(Duration connect, Duration read) {
        return new EhrClientConfig(baseUrl, auth, connect, read, maxRetries, retryBackoff, pageSize);
    }

    public EhrClientConfig withRetries(int retries, Duration backoff) {
        return new EhrClientConfig(baseUrl, auth, connectTimeout, readTimeout, retries, backoff, pageSize);
    }

    public EhrClientConfig withPageSize(int size) {
        return new EhrClientConfig(baseUrl, auth, connectTimeout, readTimeout, maxRetries, retryBackoff, size);
    }
}
