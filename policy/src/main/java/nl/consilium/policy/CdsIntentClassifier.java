package nl.consilium.policy;

/**
 * Tells whether a request asks for clinical decision support for an individual patient
 * (diagnosis, prognosis, treatment or dosing decision) as opposed to general knowledge,
 * guideline look-up, summarising, letters, translation or administration.
 */
public interface CdsIntentClassifier {

    IntentAssessment classify(String text);
}
