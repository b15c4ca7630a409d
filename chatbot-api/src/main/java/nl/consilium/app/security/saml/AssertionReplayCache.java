package nl.consilium.app.security.saml;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Assertion ids that have been used to sign in, kept until the assertion could no longer be accepted anyway.
 *
 * <p>In memory, per application instance: with several instances behind a load balancer, a stolen assertion could
 * be replayed once at each other instance within its (minutes-long) validity, unless the load balancer keeps
 * sessions sticky. docs/saml.md says so; a shared store (PostgreSQL) is the step after this.
 */
public final class AssertionReplayCache {

    private final Map<String, Instant> used = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxEntries;

    public AssertionReplayCache(Clock clock, int maxEntries) {
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    /**
     * Records the first use of an assertion id.
     *
     * @param keepUntil when the id may be forgotten (the assertion's expiry plus clock skew)
     * @return false when the id was used before and has not expired: a replay
     */
    public boolean firstUse(String issuer, String assertionId, Instant keepUntil) {
        evictExpired();
        if (used.size() >= maxEntries) {
            // Refusing is safer than forgetting ids that are still valid; it only happens under a flood.
            throw SamlRejection.REPLAYED.exception("the replay cache is full (" + maxEntries + " assertion ids "
                    + "within their validity); sign-in is refused until entries expire");
        }
        return used.putIfAbsent(issuer + "\n" + assertionId, keepUntil) == null;
    }

    int size() {
        return used.size();
    }

    private void evictExpired() {
        Instant now = clock.instant();
        for (Iterator<Instant> it = used.values().iterator(); it.hasNext(); ) {
            if (it.next().isBefore(now)) {
                it.remove();
            }
        }
    }
}
