package nl.consilium.ehr.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Hand-made Dutch patients, so that personal-data handling is exercised on what a Dutch EPD
 * really holds: names with tussenvoegsels (NL core "own-prefix"), BSNs that pass the 11-proof,
 * Dutch addresses and postcodes, a Dutch progress note that names the patient, labs in SI units
 * with reference ranges. Everything is deterministic (fixed dates, seeded generator) so tests can
 * rely on the exact data. The clinical reference date is 2025-01-01, as for the Synthea patients.
 */
public final class DutchPatients {

    public static final String BSN_SYSTEM = "http://fhir.nl/fhir/NamingSystem/bsn";
    public static final String LOINC = "http://loinc.org";
    public static final String SNOMED = "http://snomed.info/sct";

    /** Diabetes, hypertension, CKD: rich record with a Dutch progress note. */
    public static final String JOHANNA = "nl-0001";
    /** Heart failure and atrial fibrillation. */
    public static final String PIETER = "nl-0002";
    /** Asthma and iron-deficiency anaemia. */
    public static final String SANNE = "nl-0003";
    /** Only a Patient resource: nothing else on record. */
    public static final String EMPTY = "nl-0004";
    /** ICU admission with daily labs: thousands of observations. */
    public static final String BULK = "nl-0005";
    /** Codes and days of the bulk patient's daily labs. */
    public static final int BULK_DAYS = 800;
    public static final List<String> BULK_CODES = List.of("2160-0", "2823-3", "2951-2", "718-7", "1988-5", "6690-2",
            "33914-3", "2276-4");

    private DutchPatients() {
    }

    static void addTo(SandboxStore store) {
        johanna(store);
        pieter(store);
        sanne(store);
        store.addPatient(patient(EMPTY, "Kees", "van 't Hof", "van 't", "Hof", Enumerations.AdministrativeGender.MALE,
                "1962-01-30", "271828183", "Oudegracht 101", "3511 AJ", "Utrecht", "030-2345678"));
        bulk(store);
    }

    private static void johanna(SandboxStore s) {
        String p = JOHANNA;
        s.addPatient(patient(p, "Johanna Maria", "van den Berg", "van den", "Berg", Enumerations.AdministrativeGender.FEMALE,
                "1956-03-14", "123456782", "Kerkstraat 12", "3511 LX", "Utrecht", "06-12345678"));
        s.add(condition(p, p + "-c1", "44054006", "Diabetes mellitus type 2", "2012-05-10", "active"));
        s.add(condition(p, p + "-c2", "38341003", "Hypertensie", "2009-09-01", "active"));
        s.add(condition(p, p + "-c3", "700379002", "Chronische nierschade stadium 3a", "2021-02-15", "active"));
        s.add(condition(p, p + "-c4", "195662009", "Acute virale faryngitis", "2023-01-09", "resolved"));
        Medication metformine = medication("nl-med-metformine", "Metformine 500 mg tablet");
        Medication lisinopril = medication("nl-med-lisinopril", "Lisinopril 10 mg tablet");
        s.addMedication(metformine);
        s.addMedication(lisinopril);
        s.add(medicationRequest(p, p + "-mr1", metformine, "2 dd 1 tablet", "2012-05-20", MedicationRequest.MedicationRequestStatus.ACTIVE));
        s.add(medicationRequest(p, p + "-mr2", lisinopril, "1 dd 1 tablet", "2010-01-12", MedicationRequest.MedicationRequestStatus.ACTIVE));
        s.add(medicationStatement(p, p + "-ms1", "Paracetamol 500 mg zo nodig, max 6 per dag", "2023-06-01"));
        s.add(allergy(p, p + "-a1", "764146007", "Penicilline", "Urticaria", "2001-04-03",
                AllergyIntolerance.AllergyIntoleranceCriticality.HIGH));
        Random r = new Random(20250101L);
        for (int q = 0; q < 12; q++) {
            String date = LocalDate.of(2022, 1, 15).plusMonths(3L * q).toString();
            String enc = p + "-e" + q;
            s.add(encounter(p, enc, "Polikliniek interne geneeskunde, controle", date));
            s.add(lab(p, p + "-kreat-" + q, "2160-0", "Kreatinine", 95 + q * 4.3 + r.nextInt(4), "umol/L", date));
            s.add(lab(p, p + "-egfr-" + q, "33914-3", "eGFR (CKD-EPI)", 58 - q * 1.4 + r.nextInt(2), "mL/min/{1.73_m2}", date));
            s.add(lab(p, p + "-hba1c-" + q, "4548-4", "HbA1c", 58 - q * 0.6 + r.nextInt(3), "mmol/mol", date));
            s.add(lab(p, p + "-kalium-" + q, "2823-3", "Kalium", 4.5 + q * 0.07 + r.nextInt(2) * 0.1, "mmol/L", date));
            s.add(lab(p, p + "-hb-" + q, "718-7", "Hemoglobine", 8.0 - q * 0.07, "mmol/L", date));
            s.add(vital(p, p + "-rr-" + q, "8480-6", "Systolische bloeddruk", 142 - q + r.nextInt(6), "mm[Hg]", date));
        }
        s.add(procedure(p, p + "-pr1", "314971001", "Fundusfotografie (diabetische retinopathie screening)", "2024-03-12"));
        DiagnosticReport report = new DiagnosticReport();
        report.setId("DiagnosticReport/" + p + "-dr1");
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.addCategory(concept("http://terminology.hl7.org/CodeSystem/v2-0074", "LAB", "Laboratory"));
        report.setCode(concept(LOINC, "24323-8", "Nierfunctie en elektrolyten"));
        report.setSubject(new Reference("Patient/" + p));
        report.setEffective(dateTime(LocalDate.of(2022, 1, 15).plusMonths(33).toString()));
        report.addResult(new Reference("Observation/" + p + "-kreat-11"));
        report.addResult(new Reference("Observation/" + p + "-egfr-11"));
        report.addResult(new Reference("Observation/" + p + "-kalium-11"));
        report.setConclusion("Verder afgenomen nierfunctie, kalium licht verhoogd.");
        s.add(report);
        s.add(note(p, p + "-n1", "2024-11-12", """
                Polikliniek Interne Geneeskunde - voortgangsverslag 12-11-2024

                Mevrouw J.M. van den Berg (geb. 14-03-1956, BSN 123456782), Kerkstraat 12, 3511 LX Utrecht,
                tel. 06-12345678, komt voor controle van diabetes mellitus type 2 en chronische nierschade.

                Anamnese: mevrouw Van den Berg voelt zich redelijk. Geen hypo's. Wat meer moeheid sinds de zomer.
                Enkeloedeem aan het eind van de dag.
                Lichamelijk onderzoek: RR 138/84 mmHg, pols 76/min regulair. Lichte pitting oedeem beide enkels.
                Laboratorium: kreatinine stijgend (nu 142 umol/L), eGFR 43, kalium 5,3 mmol/L, HbA1c 52 mmol/mol.
                Conclusie: progressieve nierfunctieachteruitgang bij DM2 en hypertensie; hyperkaliemie licht.
                Beleid: metformine verlagen naar 1 dd 500 mg gezien eGFR; lisinopril continueren, kalium over 2 weken
                herhalen; dieetadvies kaliumbeperking. Controle over 3 maanden, eerder bij klachten.

                Dr. P. Visser, internist
                """));
    }

    private static void pieter(SandboxStore s) {
        String p = PIETER;
        s.addPatient(patient(p, "Pieter", "de Jong", "de", "Jong", Enumerations.AdministrativeGender.MALE,
                "1948-11-02", "234567892", "Coolsingel 40", "3011 AD", "Rotterdam", "010-4123456"));
        s.add(condition(p, p + "-c1", "703272007", "Hartfalen met verminderde ejectiefractie", "2019-10-04", "active"));
        s.add(condition(p, p + "-c2", "49436004", "Atriumfibrilleren", "2017-03-22", "active"));
        Medication furosemide = medication("nl-med-furosemide", "Furosemide 40 mg tablet");
        Medication bisoprolol = medication("nl-med-bisoprolol", "Bisoprolol 5 mg tablet");
        Medication apixaban = medication("nl-med-apixaban", "Apixaban 5 mg tablet");
        s.addMedication(furosemide);
        s.addMedication(bisoprolol);
        s.addMedication(apixaban);
        s.add(medicationRequest(p, p + "-mr1", furosemide, "1 dd 1 tablet 's ochtends", "2019-10-05", MedicationRequest.MedicationRequestStatus.ACTIVE));
        s.add(medicationRequest(p, p + "-mr2", bisoprolol, "1 dd 1 tablet", "2019-10-05", MedicationRequest.MedicationRequestStatus.ACTIVE));
        s.add(medicationRequest(p, p + "-mr3", apixaban, "2 dd 1 tablet", "2017-04-01", MedicationRequest.MedicationRequestStatus.ACTIVE));
        Random r = new Random(4811L);
        for (int m = 0; m < 10; m++) {
            String date = LocalDate.of(2023, 3, 1).plusMonths(2L * m).toString();
            s.add(encounter(p, p + "-e" + m, "Hartfalenpolikliniek", date));
            s.add(lab(p, p + "-ntprobnp-" + m, "33762-6", "NT-proBNP", 1800 - m * 90 + r.nextInt(200), "pg/mL", date));
            s.add(lab(p, p + "-natrium-" + m, "2951-2", "Natrium", 136 + r.nextInt(4), "mmol/L", date));
            s.add(lab(p, p + "-kalium-" + m, "2823-3", "Kalium", 4.1 + r.nextInt(5) * 0.1, "mmol/L", date));
            s.add(lab(p, p + "-kreat-" + m, "2160-0", "Kreatinine", 110 + r.nextInt(15), "umol/L", date));
        }
        s.add(note(p, p + "-n1", "2024-09-03", """
                Hartfalenpolikliniek - voortgangsverslag 03-09-2024

                Dhr. P. de Jong (geb. 02-11-1948), Coolsingel 40, 3011 AD Rotterdam. Bekend met HFrEF (LVEF 30%)
                en atriumfibrilleren. Klachten: NYHA II, geen orthopneu. Gewicht stabiel 84 kg.
                NT-proBNP dalend. Beleid: medicatie ongewijzigd, echo cor over 6 maanden.

                Verpleegkundig specialist hartfalen, M. Bakker
                """));
    }

    private static void sanne(SandboxStore s) {
        String p = SANNE;
        s.addPatient(patient(p, "Sanne", "ter Horst", "ter", "Horst", Enumerations.AdministrativeGender.FEMALE,
                "1979-07-21", "314159265", "Brink 3", "7411 BR", "Deventer", "0570-612345"));
        s.add(condition(p, p + "-c1", "195967001", "Astma", "1995-06-01", "active"));
        s.add(condition(p, p + "-c2", "87522002", "IJzergebreksanemie", "2024-02-10", "active"));
        s.add(medicationStatement(p, p + "-ms1", "Salbutamol inhalator 100 microg zo nodig", "2015-01-01"));
        s.add(allergy(p, p + "-a1", "91935009", "Pinda", "Angio-oedeem", "1990-01-01",
                AllergyIntolerance.AllergyIntoleranceCriticality.HIGH));
        for (int m = 0; m < 6; m++) {
            String date = LocalDate.of(2024, 2, 10).plusMonths(2L * m).toString();
            s.add(lab(p, p + "-hb-" + m, "718-7", "Hemoglobine", 6.4 + m * 0.25, "mmol/L", date));
            s.add(lab(p, p + "-ferritine-" + m, "2276-4", "Ferritine", 6 + m * 7, "ug/L", date));
        }
        s.add(note(p, p + "-n1", "2024-12-05", """
                MDL/Interne - brief aan huisarts 05-12-2024

                Geachte collega, uw patiente mevrouw S. ter Horst (geb. 21-07-1979) bezocht onze polikliniek
                wegens ijzergebreksanemie. Gastroscopie zonder afwijkingen. Na ijzersuppletie herstel van Hb.
                Met vriendelijke groet, dr. A. Smit
                """));
    }

    private static void bulk(SandboxStore s) {
        String p = BULK;
        s.addPatient(patient(p, "Anna", "van Dijk", "van", "Dijk", Enumerations.AdministrativeGender.FEMALE,
                "1940-05-05", "161803398", "Lange Voorhout 8", "2514 ED", "Den Haag", "070-3456789"));
        s.add(condition(p, p + "-c1", "91302008", "Sepsis", "2023-01-02", "resolved"));
        s.add(condition(p, p + "-c2", "709044004", "Chronische nierschade", "2023-03-01", "active"));
        String[] names = {"Kreatinine", "Kalium", "Natrium", "Hemoglobine", "CRP", "Leukocyten", "eGFR (CKD-EPI)", "Ferritine"};
        String[] units = {"umol/L", "mmol/L", "mmol/L", "mmol/L", "mg/L", "10*9/L", "mL/min/{1.73_m2}", "ug/L"};
        double[] base = {120, 4.2, 139, 7.0, 25, 9.0, 40, 120};
        double[] spread = {30, 0.6, 4, 1.0, 40, 4, 10, 60};
        Random r = new Random(6400L);
        LocalDate start = LocalDate.of(2022, 10, 24);
        for (int day = 0; day < BULK_DAYS; day++) {
            String date = start.plusDays(day).toString();
            for (int c = 0; c < BULK_CODES.size(); c++) {
                double value = Math.max(0.1, base[c] + (r.nextDouble() - 0.5) * spread[c]);
                value = Math.round(value * 10) / 10.0;
                s.add(lab(p, p + "-" + c + "-" + day, BULK_CODES.get(c), names[c], value, units[c], date));
            }
        }
    }

    // --- builders -------------------------------------------------------------------------------

    private static Patient patient(String id, String given, String family, String prefix, String ownName,
                                   Enumerations.AdministrativeGender gender, String birthDate, String bsn,
                                   String line, String postcode, String city, String phone) {
        Patient patient = new Patient();
        patient.setId("Patient/" + id);
        patient.addIdentifier().setSystem(BSN_SYSTEM).setValue(bsn);
        HumanName name = patient.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(family);
        for (String g : given.split(" ")) {
            name.addGiven(g);
        }
        // NL core: the tussenvoegsel and the surname proper are kept apart for sorting and letters.
        name.getFamilyElement().addExtension("http://hl7.org/fhir/StructureDefinition/humanname-own-prefix", new StringType(prefix));
        name.getFamilyElement().addExtension("http://hl7.org/fhir/StructureDefinition/humanname-own-name", new StringType(ownName));
        patient.setGender(gender);
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(birthDate));
        patient.addAddress().setUse(Address.AddressUse.HOME).addLine(line).setPostalCode(postcode).setCity(city).setCountry("NL");
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(phone);
        return patient;
    }

    private static Condition condition(String patient, String id, String snomed, String text, String onset, String status) {
        Condition c = new Condition();
        c.setId("Condition/" + id);
        c.setSubject(new Reference("Patient/" + patient));
        c.setCode(concept(SNOMED, snomed, text));
        c.setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/condition-clinical", status, status));
        c.setVerificationStatus(concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", "confirmed"));
        c.addCategory(concept("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "Problem List Item"));
        c.setOnset(dateTime(onset));
        c.setRecordedDateElement(dateTime(onset));
        return c;
    }

    private static Medication medication(String id, String text) {
        Medication m = new Medication();
        m.setId("Medication/" + id);
        m.setCode(new CodeableConcept().setText(text));
        return m;
    }

    private static MedicationRequest medicationRequest(String patient, String id, Medication medication, String dosage,
                                                       String authored, MedicationRequest.MedicationRequestStatus status) {
        MedicationRequest mr = new MedicationRequest();
        mr.setId("MedicationRequest/" + id);
        mr.setStatus(status);
        mr.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        mr.setSubject(new Reference("Patient/" + patient));
        mr.setMedication(new Reference(medication.getIdElement().toUnqualifiedVersionless().getValue()));
        mr.addDosageInstruction().setText(dosage);
        mr.setAuthoredOnElement(dateTime(authored));
        return mr;
    }

    private static MedicationStatement medicationStatement(String patient, String id, String text, String since) {
        MedicationStatement ms = new MedicationStatement();
        ms.setId("MedicationStatement/" + id);
        ms.setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE);
        ms.setSubject(new Reference("Patient/" + patient));
        ms.setMedication(new CodeableConcept().setText(text));
        ms.setEffective(new Period().setStartElement(dateTime(since)));
        return ms;
    }

    private static AllergyIntolerance allergy(String patient, String id, String snomed, String substance, String reaction,
                                              String recorded, AllergyIntolerance.AllergyIntoleranceCriticality criticality) {
        AllergyIntolerance a = new AllergyIntolerance();
        a.setId("AllergyIntolerance/" + id);
        a.setPatient(new Reference("Patient/" + patient));
        a.setCode(concept(SNOMED, snomed, substance));
        a.setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", "Active"));
        a.setVerificationStatus(concept("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "confirmed", "Confirmed"));
        a.setCriticality(criticality);
        a.addReaction().addManifestation(new CodeableConcept().setText(reaction));
        a.setRecordedDate(date(recorded));
        return a;
    }

    private static Encounter encounter(String patient, String id, String type, String date) {
        Encounter e = new Encounter();
        e.setId("Encounter/" + id);
        e.setStatus(Encounter.EncounterStatus.FINISHED);
        e.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
        e.addType(new CodeableConcept().setText(type));
        e.setSubject(new Reference("Patient/" + patient));
        e.setPeriod(new Period().setStartElement(dateTime(date)).setEndElement(dateTime(date)));
        return e;
    }

    private static Procedure procedure(String patient, String id, String snomed, String text, String date) {
        Procedure p = new Procedure();
        p.setId("Procedure/" + id);
        p.setStatus(Procedure.ProcedureStatus.COMPLETED);
        p.setSubject(new Reference("Patient/" + patient));
        p.setCode(concept(SNOMED, snomed, text));
        p.setPerformed(dateTime(date));
        return p;
    }

    private static Observation lab(String patient, String id, String loinc, String display, double value, String unit,
                                   String date) {
        Observation o = observation(patient, id, loinc, display, value, unit, date, "laboratory", "Laboratory");
        ReferenceRanges.enrich(o);
        return o;
    }

    private static Observation vital(String patient, String id, String loinc, String display, double value, String unit,
                                     String date) {
        return observation(patient, id, loinc, display, value, unit, date, "vital-signs", "Vital Signs");
    }

    private static Observation observation(String patient, String id, String loinc, String display, double value,
                                           String unit, String date, String category, String categoryDisplay) {
        Observation o = new Observation();
        o.setId("Observation/" + id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(concept("http://terminology.hl7.org/CodeSystem/observation-category", category, categoryDisplay));
        o.setCode(concept(LOINC, loinc, display));
        o.setSubject(new Reference("Patient/" + patient));
        o.setEffective(dateTime(date + "T08:30:00+01:00"));
        double rounded = Math.round(value * 100) / 100.0;
        o.setValue(new Quantity().setValue(rounded).setUnit(unit).setSystem("http://unitsofmeasure.org").setCode(unit));
        return o;
    }

    private static DocumentReference note(String patient, String id, String date, String text) {
        DocumentReference d = new DocumentReference();
        d.setId("DocumentReference/" + id);
        d.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        d.setType(concept(LOINC, "11506-3", "Voortgangsverslag"));
        d.addCategory(concept("http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category", "clinical-note", "Clinical Note"));
        d.setSubject(new Reference("Patient/" + patient));
        d.setDate(date(date));
        d.addContent().setAttachment(new Attachment().setContentType("text/plain; charset=utf-8")
                .setLanguage("nl-NL").setData(text.getBytes(StandardCharsets.UTF_8)));
        return d;
    }

    private static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept().addCoding(new Coding(system, code, display)).setText(display);
    }

    private static DateTimeType dateTime(String value) {
        return new DateTimeType(value);
    }

    private static Date date(String isoDate) {
        return Date.from(LocalDate.parse(isoDate).atTime(9, 0).toInstant(ZoneOffset.ofHours(1)));
    }
}
