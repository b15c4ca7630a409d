package nl.consilium.app.wiring;

import javax.sql.DataSource;

import nl.consilium.audit.AuditConfig;
import nl.consilium.audit.AuditLog;
import nl.consilium.audit.AuditSchema;
import nl.consilium.audit.CheckpointKey;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The NEN 7513 audit log. Its schema is migrated at start-up; without a checkpoint key Consilium does not start,
 * because an unsigned chain head cannot show a truncated tail.
 */
@Configuration
public class AuditWiring {

    /** @param checkpointKey base64 HMAC key that signs the chain-head checkpoints (CONSILIUM_AUDIT_CHECKPOINT_KEY) */
    @ConfigurationProperties("consilium.audit")
    public record AuditProperties(String checkpointKey) {
        @Override
        public String toString() {
            return "AuditProperties[checkpointKey=***]";
        }
    }

    @Bean(destroyMethod = "close")
    AuditLog auditLog(DataSource dataSource, AuditProperties properties) {
        if (properties.checkpointKey() == null || properties.checkpointKey().isBlank()) {
            throw new IllegalStateException("No audit checkpoint key: set CONSILIUM_AUDIT_CHECKPOINT_KEY "
                    + "(base64, at least 32 bytes; docs/audit.md)");
        }
        AuditSchema.migrate(dataSource);
        return AuditLog.open(dataSource, AuditConfig.defaults(CheckpointKey.fromBase64(properties.checkpointKey())));
    }
}
