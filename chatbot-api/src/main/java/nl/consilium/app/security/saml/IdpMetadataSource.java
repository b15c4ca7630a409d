package nl.consilium.app.security.saml;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IdP's metadata, read from its URL or file and re-read every {@code refreshInterval}, so that a new IdP signing
 * key published in the metadata is picked up without restarting Consilium. A failed refresh keeps the metadata
 * that was read last (and logs it); without any metadata, sign-in is refused with a clear message.
 */
public final class IdpMetadataSource implements Supplier<IdpMetadata> {

    private static final Logger LOG = LoggerFactory.getLogger(IdpMetadataSource.class);

    private final String location;
    private final String entityId;
    private final Duration refreshInterval;
    private final Clock clock;
    private IdpMetadata current;
    private Instant loadedAt;

    public IdpMetadataSource(String location, String entityId, Duration refreshInterval, Clock clock) {
        this.location = location;
        this.entityId = entityId;
        this.refreshInterval = refreshInterval;
        this.clock = clock;
    }

    /** Reads the metadata now; an error propagates (used at start-up when the IdP is required then). */
    public synchronized IdpMetadata load() {
        current = IdpMetadata.load(location, entityId);
        loadedAt = clock.instant();
        return current;
    }

    @Override
    public synchronized IdpMetadata get() {
        if (current == null) {
            try {
                return load();
            } catch (IllegalStateException e) {
                throw SamlRejection.IDP_METADATA_UNAVAILABLE.exception("the IdP metadata cannot be read, so nobody "
                        + "can sign in: " + e.getMessage(), e);
            }
        }
        if (clock.instant().isAfter(loadedAt.plus(refreshInterval))) {
            try {
                load();
                LOG.info("IdP metadata refreshed from {}", location);
            } catch (IllegalStateException e) {
                // keep the last good metadata; try again at the next sign-in after the interval
                loadedAt = clock.instant();
                LOG.warn("IdP metadata refresh from {} failed, keeping the previous one: {}", location,
                        e.getMessage());
            }
        }
        return current;
    }
}
