package nl.consilium.rag;

/** The application wires this to the audit log. Throwing aborts the change that raised the event. */
@FunctionalInterface
public interface KnowledgeAuditListener {

    KnowledgeAuditListener NONE = event -> {
    };

    void onEvent(KnowledgeEvent event);
}
