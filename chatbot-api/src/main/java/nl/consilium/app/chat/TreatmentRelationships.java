package nl.consilium.app.chat;

/**
 * Whether the EPD confirmed the user's treatment relationship ("behandelrelatie") with a patient. In a hospital
 * this comes from the signed EPD launch; without it Consilium fetches no patient data (the policy refuses).
 */
public interface TreatmentRelationships {

    boolean confirmed(String userId, String patientId);
}
