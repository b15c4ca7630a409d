package nl.consilium.app.chat;

import nl.consilium.ehr.ContextRequest;
import nl.consilium.ehr.PatientContext;

/** The EPD as the chat turn needs it: the minimised patient context. Wired to the ehr-adapter's FHIR client. */
public interface PatientRecords {

    PatientContext context(ContextRequest request);
}
