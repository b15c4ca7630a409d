package nl.consilium.ehr.sandbox;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Front door of the sandbox EPD: remembers which requests arrived (so tests can prove that data
 * minimisation happened on the wire), checks bearer tokens the way an EPD's authorisation server
 * would (401 without a known token, 403 for a resource type the token does not cover), and injects
 * faults on request for failure tests and demos. Nothing here logs: URLs carry patient ids.
 */
@Interceptor
public final class Gatekeeper {

    /** One request as the sandbox saw it: method, resource type (first path segment) and query. */
    public record Seen(String method, String resourceType, String query) {
    }

    /** Fault kinds a test or demo can make the sandbox produce. */
    public enum Fault { SERVER_ERROR, UNAVAILABLE, MALFORMED, SLOW }

    private static final int MAX_SEEN = 20_000;

    private final ConcurrentLinkedDeque<Seen> seen = new ConcurrentLinkedDeque<>();
    private final AtomicInteger seenCount = new AtomicInteger();
    private volatile Map<String, Set<String>> tokens; // null: no authentication required
    private volatile Fault fault;
    private final AtomicInteger faultsLeft = new AtomicInteger();
    private volatile long slowMillis = 0;

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
    public boolean incoming(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String query = request.getQueryString() == null ? "" : request.getQueryString();
        String type = path.replaceFirst("^/", "").split("/", 2)[0];
        if (type.isEmpty() && query.contains("_getpages")) {
            type = "_getpages";
        }
        seen.addLast(new Seen(request.getMethod(), type, query));
        if (seenCount.incrementAndGet() > MAX_SEEN) {
            seen.pollFirst();
            seenCount.decrementAndGet();
        }

        Map<String, Set<String>> required = tokens;
        if (required != null && !"metadata".equals(type)) {
            String header = request.getHeader("Authorization");
            String token = header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : null;
            Set<String> allowed = token == null ? null : required.get(token);
            if (allowed == null) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"sandbox-epd\"");
                outcome(response, 401, "login", "No valid bearer token");
                return false;
            }
            if (!"_getpages".equals(type) && !allowed.contains(type)) {
                outcome(response, 403, "forbidden", "Token does not cover " + type);
                return false;
            }
        }

        Fault current = fault;
        if (current != null && faultsLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            switch (current) {
                case SERVER_ERROR -> {
                    outcome(response, 500, "exception", "Injected server fault");
                    return false;
                }
                case UNAVAILABLE -> {
                    outcome(response, 503, "transient", "Injected unavailability");
                    return false;
                }
                case MALFORMED -> {
                    response.setStatus(200);
                    response.setContentType("application/fhir+json;charset=utf-8");
                    response.getOutputStream().write("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Observ"
                            .getBytes(StandardCharsets.UTF_8));
                    return false;
                }
                case SLOW -> sleep(slowMillis);
            }
        }
        return true;
    }

    private static void outcome(HttpServletResponse response, int status, String code, String diagnostics) throws IOException {
        response.setStatus(status);
        response.setContentType("application/fhir+json;charset=utf-8");
        String body = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"" + code
                + "\",\"diagnostics\":\"" + diagnostics + "\"}]}";
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public List<Seen> seen() {
        return new ArrayList<>(seen);
    }

    public void clearSeen() {
        seen.clear();
        seenCount.set(0);
    }

    public void requireTokens(Map<String, Set<String>> tokenToResourceTypes) {
        this.tokens = tokenToResourceTypes == null ? null : Map.copyOf(tokenToResourceTypes);
    }

    public void injectFaults(Fault kind, int count, long slowMillis) {
        this.slowMillis = slowMillis;
        this.fault = kind;
        this.faultsLeft.set(count);
    }
}
