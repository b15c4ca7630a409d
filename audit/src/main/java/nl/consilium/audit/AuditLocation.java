package nl.consilium.audit;

/**
 * From where (NEN 7513 "waar"): the access point (workstation or entry such as "EPD launch"), the
 * client network address and the Consilium application instance that handled the request. All
 * optional because system events have no client.
 */
public record AuditLocation(String accessPoint, String clientAddress, String applicationInstance) {
    public static final AuditLocation NONE = new AuditLocation(null, null, null);

    public AuditLocation {
        accessPoint = Text.optional(accessPoint, "access point");
        clientAddress = Text.optional(clientAddress, "client address");
        applicationInstance = Text.optional(applicationInstance, "application instance");
    }
}
