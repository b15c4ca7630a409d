package nl.consilium.app.chat;

import nl.consilium.audit.AuditEvent;
import nl.consilium.audit.AuditLog;
import nl.consilium.audit.AuditReceipt;
import org.springframework.stereotype.Component;

/**
 * The chat turn's only way to the audit log. {@link AuditLog#append} returns only once the record is durable;
 * any failure becomes {@link ChatExceptions.AuditUnavailable}, and the caller delivers no answer.
 */
@Component
public class AuditTrail {

    private final AuditLog log;

    public AuditTrail(AuditLog log) {
        this.log = log;
    }

    public AuditReceipt record(AuditEvent event) {
        try {
            return log.append(event);
        } catch (RuntimeException e) {
            throw new ChatExceptions.AuditUnavailable(e);
        }
    }
}
