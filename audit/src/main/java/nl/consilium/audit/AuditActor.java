package nl.consilium.audit;

/**
 * A person or system that acted (NEN 7513 "wie"): the user id from the identity provider, the
 * display name and the role the user acted in. Name and role may be absent for system actors.
 */
public record AuditActor(String userId, String name, String role) {
    public AuditActor {
        userId = Text.required(userId, "user id");
        name = Text.optional(name, "user name");
        role = Text.optional(role, "user role");
    }

    /** Consilium itself (start-up, scheduled jobs). */
    public static AuditActor system(String component) {
        return new AuditActor("system:" + component, "Consilium " + component, null);
    }
}
