package nl.consilium.policy.intent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nl.consilium.policy.CdsIntentClassifier;
import nl.consilium.policy.IntentAssessment;

/**
 * Decides whether a request asks for clinical decision support for one patient. A request is CDS when it
 * points at an individual patient AND asks for a diagnosis, a prognosis, or a treatment/dosing decision,
 * unless it is plainly a writing task (summary, letter, translation, administration). General knowledge
 * and guideline look-ups name no individual patient and are not CDS, however clinical they are.
 *
 * <p>Each cue class is one pre-compiled pattern; the rule id names the class that decided, and the
 * evidence names the cue classes, never the patient data in the text.
 */
public final class RuleBasedIntentClassifier implements CdsIntentClassifier {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    /** An individual patient: "deze patiënt", "mijn patiënte", "this patient", "mevrouw De Vries", "54-jarige man". */
    private static final Pattern INDIVIDUAL = Pattern.compile(String.join("|",
            "\\b(deze|mijn|onze|die|de|dit|the|this|my|our|that)\\s+(\\d{1,3}[- ]jarige\\s+)?(patiënt|patient|patiënte|patiente|cliënt|client|man|vrouw|jongen|meisje|kind|baby|zuigeling|neonaat|heer|dame|jongeman|woman|boy|girl|child|infant|gentleman|lady|zwangere|pati[eë]nt(?:e)?)\\b(?!en\\b)",
            "\\b(mevrouw|meneer|mevr|mw|dhr|de heer|mr|mrs|ms)\\.?\\s+\\p{Lu}",
            "^\\s*(man|vrouw|jongen|meisje|kind|pt|pat|patiënt(e)?|patient|dhr|mevr|mw|male|female|boy|girl)\\b[\\s,.:]*(\\d{1,3}|met|with|on|op|van|of)\\b",
            "\\b\\d{1,3}\\s?(jaar|jr|j|yo|y/o|m|f|v)\\b[\\s,]", "\\b(deze|mijn|onze|this|my|our)\\s+(\\p{L}+\\s+){1,2}(patiënt(e)?|patient|man|vrouw|woman)\\b",
            "\\b(meneer|mevrouw)\\b",
            "\\b\\d{1,3}[- ]?(jarige|year[- ]old)\\b",
            "\\bmy patient'?s?\\b", "\\bthis patient'?s?\\b",
            "\\b(mijn|deze)\\s+patiënt(e)?\\b",
            "\\b(hij|zij|hem|haar)\\s+(heeft|krijgt|gebruikt|is|was)\\b",
            "\\b(heeft|is|krijgt|gebruikt|moet|mag|kan|had|heb)\\s+(hij|zij|ze)\\b", "\\b(hem|haar)\\s+(geven|behandelen|opnemen|ontslaan)\\b",
            "\\b(his|her|him)\\b", "\\b(should|does|did|can|is|has) (he|she)\\b",
            "\\b(he|she)\\s+(has|is|was|gets|takes)\\b",
            "(?<!kinderen|patiënten|volwassenen|ouderen|zuigelingen)\\s+van\\s+\\d{1,3}([.,]\\d)?\\s?kg\\b", "\\bweighing\\s+\\d", "\\bwith (a|an) (creatinine|egfr|inr|hb|potassium|sodium|crp)\\b",
            "\\bmet een (egfr|klaring|inr|hb|kalium|natrium|crp|bloeddruk|saturatie|glucose)\\b",
            "\\b(his|her) (kidney|renal|liver) function\\b",
            "\\bbij\\s+(mevrouw|meneer|hem|haar|deze)\\b"), FLAGS);

    private static final Pattern DIAGNOSIS = Pattern.compile(String.join("|",
            "\\b(waarschijnlijkste|meest waarschijnlijke|differentiaal)?\\s*diagnose\\b", "\\bdifferentiaaldiagnose\\b", "\\bddx\\b",
            "\\bwat (heeft|mankeert|scheelt)\\b", "\\bpast (dit|het)( beeld)? (het best )?bij\\b", "\\bpassend bij\\b", "\\bpast het best\\b",
            "\\b(heeft|lijdt)\\b.*\\b(volgens jou|denk je)\\b", "\\bdenk je dat\\b", "\\bis (dit|het)\\b.*\\b(een|passend|cardiaal|maligne|benigne)\\b",
            "\\bzeggen of\\b", "\\bdd\\s*\\?", "\\binterpret(eer|eren|ation|)\\b", "\\bduiding\\b", "\\bof (hij|zij|mijn patiënt(e)?|deze patiënt(e)?)\\b.*\\bheeft\\b", "\\bheeft deze\\b", "\\bheeft (mijn|deze|de) pati[eë]nt(e)?\\b", "\\b(my|this|the) patient has\\b",
            "\\bmeans? (that )?(my|this|he|she)\\b", "\\bbetekent (dit|het) dat\\b", "\\bheeft (hij|zij)\\b",
            "\\b(likely|most likely|differential) diagnos[ie]s\\b", "\\bdiagnos[ie]s\\b", "\\bdoes (my|this|the) patient have\\b",
            "\\bis (it|this)\\b.*\\b(likely|consistent with)\\b", "\\bwhat does (he|she) have\\b"), FLAGS);

    private static final Pattern PROGNOSIS = Pattern.compile(String.join("|",
            "\\bprognose\\b", "\\bkans (op|dat)\\b", "\\boverleving\\b", "\\bnog leeft\\b", "\\blevensverwachting\\b", "\\brecidief\\b",
            "\\bhoe lang (heeft|leeft|nog)\\b", "\\bprognosis\\b", "\\bsurviv(e|al)\\b", "\\blife expectancy\\b", "\\bchance of\\b",
            "\\brisk of recurrence\\b", "\\bhow long\\b.*\\b(live|survive)\\b"), FLAGS);

    private static final Pattern TREATMENT = Pattern.compile(String.join("|",
            "\\b(welke|wat is de|hoeveel)\\b.*\\b(dosis|dosering|startdosis|mg|eenheden|insuline)\\b", "\\bdosis\\b", "\\bdosering\\b", "\\bstartdosis\\b",
            "\\bwelke (behandeling|therapie|antibiotica|antibioticum|medicatie|middel)\\b", "\\bbehandelplan\\b", "\\badvie?s(eer|eren)?\\b.*\\bbehandel",
            "\\bmoet(en)? (ik|we|hij|zij|deze)\\b", "\\bzou (jij|je|u)\\b", "\\bkan (ik|deze patiënt|hij|zij)\\b", "\\bmag (ik|deze patiënt|hij|zij)\\b",
            "\\b(stoppen|starten|afbouwen|ophogen|verhogen|verlagen|geven|bijspuiten|opnemen|doorgebruiken|opereren|ontslaan)\\b",
            "\\bwhat dose\\b", "\\bdos(e|age|ing)\\b", "\\bshould (i|we)\\b", "\\bwhich (treatment|therapy|antibiotic|drug)\\b",
            "\\b(do you )?recommend\\b", "\\bis it safe to\\b", "\\b(start|stop|give|prescribe|operate|admit|discharge)\\b.*\\b(this|my|the) patient\\b",
            "\\bmanage(ment)? of (this|my)\\b", "\\bantistolling krijgen\\b",
            "\\b(krijgen|behandelen|doorgaan|continueren|get|receive|continue|treat|treated)\\b", "\\b(indicatie|indication) (voor|for)\\b",
            "\\bmoet (mevrouw|meneer|de pati[eë]nt(e)?)\\b",
            "\\b(beleid|advies|plan)\\s*\\?", "\\bwhat next\\b", "\\bwat (nu|te doen)\\b", "\\b(saneren|omzetten|switch|switchen|veilig|safe)\\b"), FLAGS);

    /** Writing and administrative tasks: not a clinical decision even when a patient is named. */
    private static final Pattern TASK = Pattern.compile(String.join("|",
            "^\\s*(vat|samenvat|maak een samenvatting|geef een samenvatting|summari[sz]e|make a summary|give a summary)",
            "^\\s*(schrijf|stel|maak|herschrijf|zet|draft|write|rewrite|compose)\\b.*(brief|e-?mail|letter|verslag|overdracht|lijst|list|samenvatting|summary|tekst|uitnodiging|folder)\\b",
            "^\\s*(vertaal|translate)\\b",
            "^\\s*(plan|schedule|boek|book|reserveer)\\b", "^\\s*hoe (vraag|maak|plan|registreer|declareer) ik\\b",
            "\\bwelke formulieren\\b", "^\\s*(maak|geef) (een )?(lijst|overzicht)\\b", "^\\s*(list|give an overview)\\b"), FLAGS);

    /** General knowledge: the request names a guideline, a population or a mechanism rather than a patient. */
    private static final Pattern GENERAL = Pattern.compile(String.join("|",
            "\\b(richtlijn|standaard|nhg|nice|esc|protocol|guideline|farmacotherapeutisch kompas)\\b",
            "\\b(in het algemeen|in general|algemeen)\\b", "\\b(hoe vaak komt|incidentie|prevalentie|how common)\\b",
            "\\b(werkingsmechanisme|mechanism of action|bijwerkingen van|side effects of|normaalwaarde|normal value)\\b",
            "\\bpatiënten\\b|\\bpatients\\b"), FLAGS);

    @Override
    public IntentAssessment classify(String text) {
        if (text == null || text.isBlank()) {
            return new IntentAssessment(false, "cds.empty", "no text");
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (TASK.matcher(t).find()) {
            return new IntentAssessment(false, "cds.task", "writing or administrative task: " + cue(TASK, t));
        }
        boolean individual = INDIVIDUAL.matcher(text).find();
        List<String> asks = new ArrayList<>(3);
        String diagnosis = find(DIAGNOSIS, t);
        String prognosis = find(PROGNOSIS, t);
        String treatment = find(TREATMENT, t);
        if (diagnosis != null) {
            asks.add("diagnosis");
        }
        if (prognosis != null) {
            asks.add("prognosis");
        }
        if (treatment != null) {
            asks.add("treatment");
        }
        if (individual && !asks.isEmpty()) {
            String rule = "cds." + asks.getFirst();
            return new IntentAssessment(true, rule, "individual patient + " + String.join("/", asks) + " request ("
                    + generic(diagnosis, prognosis, treatment) + ")");
        }
        boolean general = GENERAL.matcher(t).find();
        if (!individual && (!asks.isEmpty() || general)) {
            return new IntentAssessment(false, "cds.general-knowledge",
                    "clinical question without an individual patient" + (general ? " (guideline/population cue)" : ""));
        }
        if (individual) {
            return new IntentAssessment(false, "cds.patient-no-decision", "individual patient named, no diagnosis/prognosis/treatment request");
        }
        return new IntentAssessment(false, "cds.none", "no clinical decision requested");
    }

    private static String find(Pattern p, String t) {
        Matcher m = p.matcher(t);
        return m.find() ? m.group().strip() : null;
    }

    private static String cue(Pattern p, String t) {
        String c = find(p, t);
        if (c == null) {
            return "";
        }
        int space = c.indexOf(' ');
        return space > 0 ? c.substring(0, space) : c; // the verb only: no patient data in evidence
    }

    /**
     * The first word of each cue: always pattern vocabulary ("welke", "prognose", "moet"), never a name or
     * value from the request, because a cue may span free text ("heeft ... volgens jou").
     */
    private static String generic(String... cues) {
        List<String> words = new ArrayList<>();
        for (String c : cues) {
            if (c != null && !c.isBlank()) {
                String w = c.strip().split("\\s+")[0].replaceAll("[^\\p{L}?-]", "");
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
        }
        return String.join(", ", words);
    }
}
