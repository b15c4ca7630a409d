package nl.consilium.audit.export;

import java.io.Writer;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

import nl.consilium.audit.AuditActor;
import nl.consilium.audit.AuditDecision;
import nl.consilium.audit.AuditEvent;
import nl.consilium.audit.AuditEventType;
import nl.consilium.audit.AuditObject;
import nl.consilium.audit.AuditObjectKind;
import nl.consilium.audit.AuditRecord;

/**
 * FHIR R4 AuditEvent JSON following the IHE Basic Audit Log Patterns (BALP), written with Jackson's
 * streaming generator (the audit module does not depend on HAPI). Output is a Bundle of type
 * {@code collection} or NDJSON (one resource per line, the FHIR bulk data format).
 *
 * <p>Patient reads follow the BALP PatientRead profile: type rest, subtype read, action R, exactly
 * one patient entity (role 1) per event, the read resources as domain-resource entities.
 */
public final class FhirAuditEventWriter implements AutoCloseable {
    public enum Format { BUNDLE, NDJSON }

    static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    static final String RESTFUL = "http://hl7.org/fhir/restful-interaction";
    static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    static final String SECURITY_ROLE = "http://terminology.hl7.org/CodeSystem/extra-security-role-type";
    static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
    static final String BALP_ENTITY = "https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType";
    static final String BALP_PATIENT_READ = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientRead";
    static final String CONSILIUM_TYPE = "urn:consilium:audit-event-type";
    static final String CONSILIUM_CHAIN = "urn:consilium:audit-chain";
    static final String CONSILIUM_POLICY = "urn:consilium:policy";
    static final String CONSILIUM_DOCUMENT = "urn:consilium:knowledge-document";
    static final String CONSILIUM_OBJECT = "urn:consilium:object";

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final JsonGenerator g;
    private final Format format;
    private final Writer out;

    public FhirAuditEventWriter(Writer out, Format format) {
        this.out = out;
        this.format = format;
        this.g = FACTORY.createGenerator(ObjectWriteContext.empty(), out);
        if (format == Format.BUNDLE) {
            g.writeStartObject();
            g.writeStringProperty("resourceType", "Bundle");
            g.writeStringProperty("type", "collection");
            g.writeArrayPropertyStart("entry");
        }
    }

    public void write(AuditRecord r) {
        if (format == Format.BUNDLE) {
            g.writeStartObject();
            g.writeStringProperty("fullUrl", "urn:consilium:audit-event:" + r.sequence());
            g.writeName("resource");
            auditEvent(r);
            g.writeEndObject();
        } else {
            auditEvent(r);
            g.flush();
            try {
                out.write('\n');
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private void auditEvent(AuditRecord r) {
        AuditEvent e = r.event();
        boolean patientRead = e.type() == AuditEventType.PATIENT_RECORD_READ;
        g.writeStartObject();
        g.writeStringProperty("resourceType", "AuditEvent");
        g.writeStringProperty("id", "consilium-audit-" + r.sequence());
        if (patientRead) {
            g.writeObjectPropertyStart("meta");
            g.writeArrayPropertyStart("profile");
            g.writeString(BALP_PATIENT_READ);
            g.writeEndArray();
            g.writeEndObject();
        }
        // type: BALP uses rest + restful-interaction for FHIR reads; other events their DICOM event id.
        g.writeName("type");
        if (patientRead) {
            coding(EVENT_TYPE, "rest", "RESTful Operation");
        } else {
            coding(DCM, e.type().dicomCode(), e.type().dicomDisplay());
        }
        g.writeArrayPropertyStart("subtype");
        if (patientRead) {
            coding(RESTFUL, "read", "read");
        }
        coding(CONSILIUM_TYPE, e.type().name(), null);
        g.writeEndArray();
        g.writeStringProperty("action", e.action().fhirCode());
        g.writeStringProperty("recorded", e.occurredAt().toString());
        g.writeStringProperty("outcome", e.outcome().fhirCode());
        if (e.decision() == AuditDecision.REFUSED) {
            g.writeStringProperty("outcomeDesc", "refused by the use-conditions policy"
                    + (e.ruleIds().isEmpty() ? "" : " (rules " + String.join(", ", e.ruleIds()) + ")"));
        }

        g.writeArrayPropertyStart("agent");
        agent(e.user(), SECURITY_ROLE, "humanuser", "human user", true, e.location().clientAddress());
        if (e.responsibleUser() != null) {
            agent(e.responsibleUser(), PARTICIPATION, "RESP", "responsible party", false, null);
        }
        // BALP client agent: the Consilium instance that acted for the user.
        g.writeStartObject();
        g.writeName("type");
        codeable(DCM, "110153", "Source Role ID");
        g.writeObjectPropertyStart("who");
        g.writeStringProperty("display", e.location().applicationInstance() == null ? "Consilium" : "Consilium " + e.location().applicationInstance());
        g.writeEndObject();
        g.writeBooleanProperty("requestor", false);
        g.writeEndObject();
        if (e.modelEndpoint() != null) {
            // The language model received (pseudonymised) data: a destination agent.
            g.writeStartObject();
            g.writeName("type");
            codeable(DCM, "110152", "Destination Role ID");
            g.writeObjectPropertyStart("who");
            g.writeStringProperty("display", "language model endpoint");
            g.writeEndObject();
            g.writeBooleanProperty("requestor", false);
            g.writeObjectPropertyStart("network");
            g.writeStringProperty("address", e.modelEndpoint());
            g.writeStringProperty("type", "5");
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();

        g.writeObjectPropertyStart("source");
        if (e.location().accessPoint() != null) {
            g.writeStringProperty("site", e.location().accessPoint());
        }
        g.writeObjectPropertyStart("observer");
        g.writeStringProperty("display", e.location().applicationInstance() == null ? "Consilium" : "Consilium " + e.location().applicationInstance());
        g.writeEndObject();
        g.writeArrayPropertyStart("type");
        coding(SOURCE_TYPE, "4", "Application Server");
        g.writeEndArray();
        g.writeEndObject();

        g.writeArrayPropertyStart("entity");
        if (e.patientId() != null) {
            // BALP: one patient entity per event.
            g.writeStartObject();
            g.writeName("what");
            reference(e.patientId(), "Patient/", "urn:consilium:patient-id");
            g.writeName("type");
            coding(ENTITY_TYPE, "1", "Person");
            g.writeName("role");
            coding(OBJECT_ROLE, "1", "Patient");
            g.writeEndObject();
        }
        for (AuditObject o : e.objects()) {
            g.writeStartObject();
            g.writeName("what");
            if (o.kind() == AuditObjectKind.FHIR_RESOURCE) {
                g.writeStartObject();
                g.writeStringProperty("reference", o.reference());
                g.writeEndObject();
            } else {
                identifier(o.kind() == AuditObjectKind.KNOWLEDGE_DOCUMENT ? CONSILIUM_DOCUMENT : CONSILIUM_OBJECT + ":" + o.kind().name().toLowerCase(java.util.Locale.ROOT),
                        o.reference());
            }
            g.writeName("type");
            coding(ENTITY_TYPE, "2", "System Object");
            g.writeName("role");
            if (o.kind() == AuditObjectKind.FHIR_RESOURCE) {
                coding(OBJECT_ROLE, "4", "Domain Resource");
            } else if (o.kind() == AuditObjectKind.KNOWLEDGE_DOCUMENT) {
                coding(OBJECT_ROLE, "3", "Report");
            } else {
                coding(OBJECT_ROLE, "13", "Security Resource");
            }
            g.writeEndObject();
        }
        for (String source : e.sourcesCited()) {
            g.writeStartObject();
            g.writeName("what");
            identifier(CONSILIUM_DOCUMENT, source);
            g.writeName("type");
            coding(ENTITY_TYPE, "2", "System Object");
            g.writeName("role");
            coding(OBJECT_ROLE, "3", "Report");
            g.writeStringProperty("description", "cited in the answer");
            g.writeEndObject();
        }
        if (e.policy() != null || e.decision() != null || e.applicationId() != null || e.messageSha256() != null) {
            g.writeStartObject();
            g.writeName("what");
            identifier(CONSILIUM_POLICY, e.policy() == null ? "none" : e.policy().version());
            g.writeName("type");
            coding(ENTITY_TYPE, "2", "System Object");
            g.writeName("role");
            coding(OBJECT_ROLE, "13", "Security Resource");
            g.writeStringProperty("description", "use-conditions policy decision");
            g.writeArrayPropertyStart("detail");
            detail("application", e.applicationId());
            detail("policyHash", e.policy() == null ? null : e.policy().hash());
            detail("decision", e.decision() == null ? null : e.decision().name());
            for (String rule : e.ruleIds()) {
                detail("rule", rule);
            }
            detail("messageSha256", e.messageSha256());
            g.writeEndArray();
            g.writeEndObject();
        }
        if (e.correlationId() != null) {
            // BALP: the X-Request-Id that ties together the events of one request.
            g.writeStartObject();
            g.writeObjectPropertyStart("what");
            g.writeObjectPropertyStart("identifier");
            g.writeName("type");
            codeable(BALP_ENTITY, "XrequestId", "X-Request-Id");
            g.writeStringProperty("value", e.correlationId());
            g.writeEndObject();
            g.writeEndObject();
            g.writeName("type");
            coding(BALP_ENTITY, "XrequestId", "X-Request-Id");
            g.writeEndObject();
        }
        // Where the record sits in the tamper-evident chain, so an investigator can verify it.
        g.writeStartObject();
        g.writeName("what");
        identifier(CONSILIUM_CHAIN, Long.toString(r.sequence()));
        g.writeName("type");
        coding(ENTITY_TYPE, "4", "Other");
        g.writeStringProperty("description", "Consilium audit chain record");
        g.writeArrayPropertyStart("detail");
        detail("hash", r.hash());
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    private void agent(AuditActor a, String system, String code, String display, boolean requestor, String address) {
        g.writeStartObject();
        g.writeName("type");
        codeable(system, code, display);
        if (a.role() != null) {
            g.writeArrayPropertyStart("role");
            g.writeStartObject();
            g.writeStringProperty("text", a.role());
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeObjectPropertyStart("who");
        g.writeObjectPropertyStart("identifier");
        g.writeStringProperty("value", a.userId());
        g.writeEndObject();
        if (a.name() != null) {
            g.writeStringProperty("display", a.name());
        }
        g.writeEndObject();
        if (a.name() != null) {
            g.writeStringProperty("name", a.name());
        }
        g.writeBooleanProperty("requestor", requestor);
        if (address != null) {
            g.writeObjectPropertyStart("network");
            g.writeStringProperty("address", address);
            g.writeStringProperty("type", "2");
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** A relative FHIR reference when the value is one (Patient/123), otherwise a logical identifier. */
    private void reference(String value, String prefix, String identifierSystem) {
        if (value.startsWith(prefix)) {
            g.writeStartObject();
            g.writeStringProperty("reference", value);
            g.writeEndObject();
        } else {
            identifier(identifierSystem, value);
        }
    }

    private void identifier(String system, String value) {
        g.writeStartObject();
        g.writeObjectPropertyStart("identifier");
        g.writeStringProperty("system", system);
        g.writeStringProperty("value", value);
        g.writeEndObject();
        g.writeEndObject();
    }

    private void detail(String type, String value) {
        if (value == null) {
            return;
        }
        g.writeStartObject();
        g.writeStringProperty("type", type);
        g.writeStringProperty("valueString", value);
        g.writeEndObject();
    }

    private void coding(String system, String code, String display) {
        g.writeStartObject();
        g.writeStringProperty("system", system);
        g.writeStringProperty("code", code);
        if (display != null) {
            g.writeStringProperty("display", display);
        }
        g.writeEndObject();
    }

    private void codeable(String system, String code, String display) {
        g.writeStartObject();
        g.writeArrayPropertyStart("coding");
        coding(system, code, display);
        g.writeEndArray();
        g.writeEndObject();
    }

    @Override
    public void close() {
        if (format == Format.BUNDLE) {
            g.writeEndArray();
            g.writeEndObject();
        }
        g.close();
    }
}
