package nl.consilium.ehr.client;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.exceptions.NonFhirResponseException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import nl.consilium.ehr.EhrAuth;
import nl.consilium.ehr.EhrClientConfig;
import nl.consilium.ehr.EhrException;
import nl.consilium.ehr.EhrFailure;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * The one place that talks HTTP to the EPD: HAPI generic client, authentication, timeouts,
 * bounded retries and the mapping of every failure to an {@link EhrFailure}. Only reads are
 * issued (GET), so retrying is always safe. No logging interceptor is registered: request URLs
 * and bodies carry patient data.
 */
public final class FhirGateway {

    /** One FhirContext for the process: it is thread-safe and expensive to build. */
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final EhrClientConfig config;
    private final IGenericClient client;
    private final SmartBackendTokens tokens;
    private final ApacheRestfulClientFactory factory;
    private final org.apache.http.impl.client.CloseableHttpClient httpClient;

    public FhirGateway(EhrClientConfig config) {
        this.config = config;
        // A factory per gateway so that two EPD connections can have different timeouts.
        this.factory = new ApacheRestfulClientFactory(FHIR);
        // Our own Apache client so the timeouts are certain to apply to every request and page.
        org.apache.http.client.config.RequestConfig timeouts = org.apache.http.client.config.RequestConfig.custom()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setSocketTimeout((int) config.readTimeout().toMillis())
                .setConnectionRequestTimeout((int) config.readTimeout().toMillis())
                .build();
        org.apache.http.impl.conn.PoolingHttpClientConnectionManager pool =
                new org.apache.http.impl.conn.PoolingHttpClientConnectionManager(5, java.util.concurrent.TimeUnit.MINUTES);
        pool.setMaxTotal(32);
        pool.setDefaultMaxPerRoute(16);
        pool.setDefaultSocketConfig(org.apache.http.config.SocketConfig.custom()
                .setSoTimeout((int) config.readTimeout().toMillis()).build());
        this.httpClient = org.apache.http.impl.client.HttpClients.custom()
                .setDefaultRequestConfig(timeouts)
                .setConnectionManager(pool)
                .disableCookieManagement()
                .disableAutomaticRetries() // retries are ours: bounded and only for transient failures
                .build();
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        factory.setHttpClient(httpClient); // last: HAPI's other setters discard a client set before them
        this.client = factory.newGenericClient(config.baseUrl().toString());
        this.client.setPrettyPrint(false);
        this.client.setEncoding(ca.uhn.fhir.rest.api.EncodingEnum.JSON);
        this.tokens = switch (config.auth()) {
            case EhrAuth.SmartBackendServices smart ->
                    new SmartBackendTokens(smart, config.connectTimeout(), config.readTimeout(), Clock.systemUTC());
            default -> null;
        };
        client.registerInterceptor(new Timeouts(timeouts));
        switch (config.auth()) {
            case EhrAuth.BearerToken bearer -> client.registerInterceptor(new AuthorizationHeader(() -> bearer.token(), null));
            case EhrAuth.SmartBackendServices ignored ->
                    client.registerInterceptor(new AuthorizationHeader(tokens::accessToken, tokens));
            case EhrAuth.None ignored -> {
            }
        }
    }

    /** Releases the pooled connections of this gateway. */
    public void close() {
        try {
            httpClient.close();
        } catch (java.io.IOException ignored) {
            // closing a connection pool has nothing useful to report
        }
    }

    public static FhirContext fhirContext() {
        return FHIR;
    }

    public EhrClientConfig config() {
        return config;
    }

    /** Reads one resource; a 404 becomes {@link EhrFailure.PatientNotFound} for the given patient id. */
    public <T extends IBaseResource> T read(Class<T> type, String id, String patientId) {
        return withRetries(patientId, () -> client.read().resource(type).withId(id).execute());
    }

    /**
     * Runs a search given as a relative URL ("Observation?patient=1&date=ge2024-01-01") and hands
     * every matching resource (search mode "match" or "include") to the sink page by page, so the
     * caller decides what to keep and memory stays bounded by one page. Stops after maxResources
     * matches or maxPages pages.
     */
    public SearchStats search(String relativeUrl, String patientId, int maxResources, int maxPages,
                              Consumer<Resource> sink) {
        String url = relativeUrl + (relativeUrl.contains("?") ? "&" : "?") + "_count=" + config.pageSize();
        Bundle page = withRetries(patientId, () -> client.search().byUrl(url).returnBundle(Bundle.class).execute());
        int pages = 0;
        int matches = 0;
        int included = 0;
        boolean truncated = false;
        while (page != null) {
            pages++;
            for (Bundle.BundleEntryComponent entry : page.getEntry()) {
                if (!(entry.getResource() instanceof Resource resource)) {
                    continue;
                }
                boolean include = entry.hasSearch() && entry.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE;
                if (include) {
                    included++;
                    sink.accept(resource);
                } else if (matches < maxResources) {
                    matches++;
                    sink.accept(resource);
                } else {
                    truncated = true;
                }
            }
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                break;
            }
            if (matches >= maxResources || pages >= maxPages) {
                truncated = true;
                break;
            }
            Bundle current = page;
            page = withRetries(patientId, () -> client.loadPage().next(current).execute());
        }
        return new SearchStats(pages, matches, included, truncated);
    }

    /** What one search cost: pages fetched, matches and includes delivered, whether a cap cut it short. */
    public record SearchStats(int pages, int matches, int included, boolean truncated) {
    }

    private <T> T withRetries(String patientId, Supplier<T> call) {
        int attempts = 0;
        long backoff = config.retryBackoff().toMillis();
        while (true) {
            attempts++;
            try {
                if (tokens != null) {
                    tokens.accessToken(); // token trouble surfaces here, not inside HAPI's interceptor chain
                }
                return call.get();
            } catch (RuntimeException e) {
                EhrFailure failure = classify(e, patientId, attempts);
                boolean transientFailure = failure instanceof EhrFailure.Unreachable
                        || (failure instanceof EhrFailure.ServerError se && se.status() >= 500 && se.status() != 501);
                if (!transientFailure || attempts > config.maxRetries()) {
                    throw e instanceof EhrException ee && ee.failure().equals(failure) ? ee : new EhrException(failure, e);
                }
                sleep(backoff);
                backoff *= 2;
            }
        }
    }

    private EhrFailure classify(RuntimeException e, String patientId, int attempts) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EhrException ee) {
                return ee.failure();
            }
        }
        if (e instanceof FhirClientConnectionException) {
            // HAPI also reports unparseable bodies as connection problems; tell them apart by the cause.
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof DataFormatException) {
                    return new EhrFailure.MalformedContent(shortMessage(t));
                }
            }
            return new EhrFailure.Unreachable(config.baseUrl().toString(), attempts,
                    e.getCause() != null ? e.getCause().getClass().getSimpleName() : "connection failed");
        }
        if (e instanceof NonFhirResponseException nonFhir) {
            if (nonFhir.getStatusCode() >= 500) {
                return new EhrFailure.ServerError(nonFhir.getStatusCode(), attempts, "non-FHIR error page");
            }
            if (nonFhir.getStatusCode() == 401 || nonFhir.getStatusCode() == 403) {
                return new EhrFailure.Unauthorised(nonFhir.getStatusCode(), "refused");
            }
            return new EhrFailure.MalformedContent("response is not FHIR (HTTP " + nonFhir.getStatusCode() + ")");
        }
        if (e instanceof BaseServerResponseException http) {
            int status = http.getStatusCode();
            return switch (status) {
                case 401, 403 -> new EhrFailure.Unauthorised(status, shortMessage(http));
                case 404, 410 -> new EhrFailure.PatientNotFound(patientId);
                case 400, 405, 409, 412, 422 -> new EhrFailure.RequestRejected(status, shortMessage(http));
                default -> status >= 500
                        ? new EhrFailure.ServerError(status, attempts, shortMessage(http))
                        : new EhrFailure.RequestRejected(status, shortMessage(http));
            };
        }
        if (e instanceof DataFormatException || e instanceof ClassCastException) {
            return new EhrFailure.MalformedContent(shortMessage(e));
        }
        return new EhrFailure.MalformedContent(e.getClass().getSimpleName());
    }

    private static String shortMessage(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EhrException(new EhrFailure.Unreachable("-", 0, "interrupted"), e);
        }
    }

    /** Puts the timeouts on each request itself; HAPI's requests do not pick up the client's defaults. */
    private record Timeouts(org.apache.http.client.config.RequestConfig config) implements IClientInterceptor {
        @Override
        public void interceptRequest(IHttpRequest request) {
            if (request instanceof ca.uhn.fhir.rest.client.apache.ApacheHttpRequest apache) {
                apache.getApacheRequest().setConfig(config);
            }
        }

        @Override
        public void interceptResponse(IHttpResponse response) {
        }
    }

    /** Adds the bearer token; drops a SMART token the EPD no longer accepts so the next call fetches a fresh one. */
    private record AuthorizationHeader(Supplier<String> token, SmartBackendTokens smart) implements IClientInterceptor {
        @Override
        public void interceptRequest(IHttpRequest request) {
            request.addHeader("Authorization", "Bearer " + token.get());
        }

        @Override
        public void interceptResponse(IHttpResponse response) {
            if (smart != null && response.getStatus() == 401) {
                smart.invalidate();
            }
        }
    }
}
