"""Hand-written queries and graded judgements for the consilium-demo BEIR set.

Each entry: (query text, [(document id, heading, grade), ...]).
heading: the last element of the section's heading path ('' = the introduction
before the first section). grade 2 = the passage answers the question;
grade 1 = relevant background or a partial answer (often in another document).

The queries are phrased the way a Dutch specialist types them: short,
abbreviations (CAP, DKA, AF, AKI, LE, UWI, TDM, NIV ...), brand names and
colloquial terms that do not occur in the passage ("Lokelma", "Ferinject",
"suikerdip", "wondroos", "boezemfibrilleren"), table look-ups for doses and
thresholds, and paraphrases that share few words with the answer.
They were written by reading the documents, never by looking at what a
retriever returns, and are not tuned to any engine.
"""

QUERIES = [
    # --- CAP -----------------------------------------------------------------
    ("Welk antibioticum en welke dosis bij een matig ernstige CAP op de afdeling?",
     [("cap-antibiotica", "Doseringstabel volwassenen", 2), ("cap-antibiotica", "Indeling in categorieën", 1)]),
    ("CURB-65 van 3, moet die patiënt naar de IC?",
     [("cap-antibiotica", "Indeling in categorieën", 2), ("cap-antibiotica", "Ernstinschatting", 1)]),
    ("longontsteking, urine-antigeen legionella positief: wat erbij geven?",
     [("cap-antibiotica", "Verdenking op Legionella", 2), ("cap-antibiotica", "Doseringstabel volwassenen", 1)]),
    ("Hoeveel dagen antibiotica bij een pneumonie die snel opknapt?",
     [("cap-antibiotica", "Overstap naar oraal en behandelduur", 2)]),
    ("pneumonie na verslikken bij slikstoornis, anaerobe dekking nodig?",
     [("cap-antibiotica", "Aspiratie", 2)]),
    ("Na 3 dagen therapie nog steeds koorts bij longontsteking, waaraan denken?",
     [("cap-antibiotica", "Monitoring en evaluatie na 48–72 uur", 2)]),
    ("CAP met anafylaxie voor penicilline, alternatief?",
     [("cap-antibiotica", "Doseringstabel volwassenen", 2)]),

    # --- Sepsis --------------------------------------------------------------
    ("Binnen welke tijd moet de eerste dosis antibiotica gegeven zijn bij septische shock?",
     [("sepsis-eerste-uur", "De bundel van het eerste uur", 2), ("sepsis-eerste-uur", "", 1),
      ("cap-antibiotica", "Diagnostiek bij opname", 1)]),
    ("Hoeveel ml/kg kristalloïd bij hypotensie door een infectie?",
     [("sepsis-eerste-uur", "De bundel van het eerste uur", 2), ("sepsis-eerste-uur", "Vulling", 1)]),
    ("Mag noradrenaline via een perifere lijn en met welke startdosis?",
     [("sepsis-eerste-uur", "Vasopressoren", 2)]),
    ("empirisch beleid sepsis met buikfocus, perforatie of cholangitis",
     [("sepsis-eerste-uur", "Empirische antibiotica per focus", 2)]),
    ("qSOFA criteria",
     [("sepsis-eerste-uur", "Herkenning en triage", 2)]),

    # --- DVT / LE ------------------------------------------------------------
    ("D-dimeer afkapwaarde in het YEARS-algoritme",
     [("dvt-longembolie", "Diagnostische strategie bij verdenking longembolie", 2)]),
    ("Oplaadschema apixaban bij een trombosebeen",
     [("dvt-longembolie", "Keuze van het middel", 2)]),
    ("Hoe lang antistollen na een LE die ontstond na een operatie?",
     [("dvt-longembolie", "Behandelduur", 2)]),
    ("Kan een stabiele patiënt met een kleine longembolie dezelfde dag naar huis?",
     [("dvt-longembolie", "Risicostratificatie longembolie", 2)]),
    ("Wells-score, compressie-echo herhalen na een week",
     [("dvt-longembolie", "Diagnostische strategie bij verdenking DVT", 2)]),
    ("longembolie met shock: trombolyse dosering",
     [("dvt-longembolie", "Trombolyse en interventie", 2)]),

    # --- Bridging ------------------------------------------------------------
    ("Wanneer laatste tablet rivaroxaban vóór een grote buikoperatie?",
     [("overbrugging-antistolling", "DOAC's", 2), ("overbrugging-antistolling", "Stap 1: bloedingsrisico van de ingreep", 1)]),
    ("Is overbruggen met LMWH nodig bij een patiënt op apixaban?",
     [("overbrugging-antistolling", "Stap 2: trombo-embolisch risico van de patiënt", 2),
      ("overbrugging-antistolling", "Stap 4: overbrugging met LMWH (alleen VKA, alleen hoog risico)", 1)]),
    ("acenocoumarol gestopt, INR 1,8 de dag voor de ingreep",
     [("overbrugging-antistolling", "Vitamine K-antagonisten", 2)]),
    ("Hoeveel dagen van tevoren clopidogrel of ticagrelor staken?",
     [("overbrugging-antistolling", "Trombocytenaggregatieremmers", 2)]),
    ("interval tussen therapeutische nadroparine en verwijderen van de epiduraalkatheter",
     [("overbrugging-antistolling", "Neuraxiale anesthesie en katheters", 2)]),
    ("Wanneer DOAC herstarten na een ingreep met hoog bloedingsrisico?",
     [("overbrugging-antistolling", "Stap 5: hervatten van DOAC's", 2)]),
    ("mechanische mitralisklep op coumarine, peroperatief heparine?",
     [("overbrugging-antistolling", "Stap 2: trombo-embolisch risico van de patiënt", 2),
      ("overbrugging-antistolling", "Stap 4: overbrugging met LMWH (alleen VKA, alleen hoog risico)", 2)]),

    # --- AF ------------------------------------------------------------------
    ("Snel AF bij een LVEF van 30%, welk middel om de frequentie te remmen?",
     [("atriumfibrilleren-frequentiecontrole", "Medicatie", 2), ("atriumfibrilleren-frequentiecontrole", "Frequentiecontrole", 1)]),
    ("oplaaddosis digoxine intraveneus",
     [("atriumfibrilleren-frequentiecontrole", "Medicatie", 2)]),
    ("Boezemfibrilleren bij een vrouw van 70 met hoge bloeddruk: antistolling starten?",
     [("atriumfibrilleren-frequentiecontrole", "Beroerterisico: CHA2DS2-VASc", 2)]),
    ("Cardioversie na meer dan 48 uur, eerst TEE of 3 weken antistolling?",
     [("atriumfibrilleren-frequentiecontrole", "Ritmecontrole", 2)]),
    ("WPW met atriumfibrilleren, mag ik verapamil geven?",
     [("atriumfibrilleren-frequentiecontrole", "Pre-excitatie", 2)]),
    ("HAS-BLED hoog, dan geen antistolling?",
     [("atriumfibrilleren-frequentiecontrole", "Bloedingsrisico", 2)]),

    # --- Heart failure -------------------------------------------------------
    ("Furosemide iv dosis bij decompensatie als iemand thuis al 80 mg gebruikt",
     [("hartfalen-acuut", "Startdosering furosemide", 2), ("hartfalen-acuut", "Beoordeling van de respons", 1)]),
    ("Diuretica werken onvoldoende: natrium in de urine na 2 uur",
     [("hartfalen-acuut", "Beoordeling van de respons", 2)]),
    ("streefdosis Entresto en bisoprolol bij HFrEF",
     [("hartfalen-acuut", "Optimaliseren van de chronische medicatie (HFrEF)", 2)]),
    ("hartfalen koude acra en oligurie, koud en nat profiel",
     [("hartfalen-acuut", "Klinisch profiel: warm/koud en nat/droog", 2)]),
    ("Wanneer sacubitril/valsartan starten na stoppen van enalapril?",
     [("hartfalen-acuut", "Contra-indicaties en voorzorgen", 2),
      ("hartfalen-acuut", "Optimaliseren van de chronische medicatie (HFrEF)", 1)]),

    # --- Hypertension (HTML) ------------------------------------------------
    ("Welke oorzaken onderzoeken bij hypertensie op jonge leeftijd of met laag kalium?",
     [("hypertensie-poliklinisch", "Verdenking op secundaire hypertensie", 2)]),
    ("grenswaarde hypertensie bij een 24-uursmeting",
     [("hypertensie-poliklinisch", "Meten en bevestigen", 2)]),
    ("Ernstig verhoogde bloeddruk met papiloedeem, hoe snel verlagen?",
     [("hypertensie-poliklinisch", "Hypertensieve crisis", 2)]),
    ("Bloeddruk niet onder controle met drie middelen, wat als vierde?",
     [("hypertensie-poliklinisch", "Stappenplan medicatie", 2)]),

    # --- DKA -----------------------------------------------------------------
    ("Insulinepomp bij DKA: hoeveel eenheden per uur en een bolus?",
     [("diabetische-ketoacidose", "Insuline", 2)]),
    ("DKA met kalium 3,2: insuline starten?",
     [("diabetische-ketoacidose", "Kaliumsuppletie", 2)]),
    ("Wanneer glucose 10% bijgeven tijdens behandeling van ketoacidose?",
     [("diabetische-ketoacidose", "Vochttoediening", 2)]),
    ("Wanneer is de ketoacidose voorbij en hoe stop ik de insulinepomp?",
     [("diabetische-ketoacidose", "Beëindiging en overgang naar subcutaan", 2)]),
    ("pH 6,95 bij DKA, bicarbonaat geven?",
     [("diabetische-ketoacidose", "Bicarbonaat en fosfaat", 2), ("diabetische-ketoacidose", "Ernst", 1)]),
    ("euglykemische ketoacidose bij dapagliflozine",
     [("diabetische-ketoacidose", "Diagnose", 2),
      ("insuline-perioperatief", "Orale en niet-insuline-glucoseverlagende middelen", 1)]),

    # --- Hypoglycaemia -------------------------------------------------------
    ("Suikerdip, patiënt suf en geen infuus",
     [("hypoglykemie", "Patiënt is suf, onrustig of kan niet veilig slikken", 2)]),
    ("Glucose 3,2 bij een alerte patiënt, hoeveel koolhydraten?",
     [("hypoglykemie", "Patiënt is bij bewustzijn en kan slikken", 2)]),
    ("Hoe lang glucose controleren na een hypo door gliclazide?",
     [("hypoglykemie", "Sulfonylureumderivaten", 2)]),
    ("type 1 diabetes, hypo gehad: volgende insuline overslaan?",
     [("hypoglykemie", "Insuline", 2)]),

    # --- Perioperative insulin ----------------------------------------------
    ("SGLT2-remmer hoeveel dagen voor de operatie stoppen?",
     [("insuline-perioperatief", "Orale en niet-insuline-glucoseverlagende middelen", 2),
      ("acute-nierschade", "Medicatiebeoordeling: \"pauzeer en pas aan\"", 1)]),
    ("Glargine de avond voor de OK: volle dosis?",
     [("insuline-perioperatief", "Basaal insuline", 2)]),
    ("Glucose 13 mmol/l tijdens de operatie, wat doen?",
     [("insuline-perioperatief", "Glucosebeleid op de operatiedag", 2)]),
    ("HbA1c 75 mmol/mol, electieve ingreep uitstellen?",
     [("insuline-perioperatief", "Preoperatieve screening", 2)]),
    ("insulinepomp aanhouden tijdens korte ingreep",
     [("insuline-perioperatief", "Insulinepomp", 2)]),

    # --- AKI -----------------------------------------------------------------
    ("KDIGO stadium 2 definitie",
     [("acute-nierschade", "Definitie en stadiëring (KDIGO)", 2)]),
    ("Welke medicijnen tijdelijk stoppen bij AKI?",
     [("acute-nierschade", "Medicatiebeoordeling: \"pauzeer en pas aan\"", 2)]),
    ("indicaties voor acute dialyse",
     [("acute-nierschade", "Indicaties voor dialyse (AEIOU)", 2),
      ("hyperkaliemie", "3. Verwijdering uit het lichaam", 1)]),
    ("hydratie vóór CT met contrast bij eGFR 25",
     [("acute-nierschade", "Preventie van contrastnefropathie", 2)]),
    ("kreatinine stijgt: blaasscan en echo nieren, urinesediment",
     [("acute-nierschade", "Stappenplan", 2), ("acute-nierschade", "Oorzaken: prerenaal, renaal, postrenaal", 1)]),

    # --- Hyperkalaemia -------------------------------------------------------
    ("K 7,1 met breed QRS, wat eerst?",
     [("hyperkaliemie", "1. Membraanstabilisatie", 2), ("hyperkaliemie", "ECG-kenmerken", 1)]),
    ("Hoeveel insuline en glucose bij hyperkaliëmie?",
     [("hyperkaliemie", "2. Verplaatsing van kalium naar intracellulair", 2)]),
    ("Lokelma dosering",
     [("hyperkaliemie", "3. Verwijdering uit het lichaam", 2)]),
    ("vals verhoogd kalium na moeizame bloedafname",
     [("hyperkaliemie", "Indeling", 2)]),

    # --- Hyponatraemia (txt) -------------------------------------------------
    ("Natrium 118 met insult, hoeveel NaCl 3%?",
     [("hyponatriemie", "Ernstige symptomen: direct handelen", 2)]),
    ("maximale correctie natrium per 24 uur, osmotische demyelinisatie",
     [("hyponatriemie", "Veilige correctiesnelheid", 2)]),
    ("SIADH door SSRI, wat is de behandeling?",
     [("hyponatriemie", "Behandeling naar oorzaak", 2), ("hyponatriemie", "Oorzaken van SIADH", 1)]),
    ("Hoe interpreteer ik het urinenatrium bij een laag serumnatrium?",
     [("hyponatriemie", "Diagnostische stappen", 2)]),
    ("natrium te snel gestegen, hoe weer verlagen?",
     [("hyponatriemie", "Veilige correctiesnelheid", 2), ("hyponatriemie", "Controles", 1)]),

    # --- COPD ----------------------------------------------------------------
    ("streefsaturatie zuurstof bij COPD-exacerbatie",
     [("copd-exacerbatie", "Zuurstoftherapie", 2)]),
    ("Hoe lang prednisolon bij een longaanval en afbouwen?",
     [("copd-exacerbatie", "Systemische corticosteroïden", 2)]),
    ("Wanneer BiPAP bij een hypercapnische respiratoire acidose?",
     [("copd-exacerbatie", "Non-invasieve beademing", 2)]),
    ("AECOPD met Pseudomonas in de voorgeschiedenis, welk antibioticum?",
     [("copd-exacerbatie", "Antibiotica", 2)]),

    # --- Stroke --------------------------------------------------------------
    ("Dosis alteplase bij een herseninfarct van 80 kg",
     [("herseninfarct-trombolyse", "Dosering alteplase en tenecteplase", 2)]),
    ("Tijdvenster voor IVT en wat bij een wake-up stroke?",
     [("herseninfarct-trombolyse", "Indicatie", 2)]),
    ("Maximale bloeddruk om nog te mogen lyseren",
     [("herseninfarct-trombolyse", "Bloeddrukbeleid", 2), ("herseninfarct-trombolyse", "Contra-indicaties", 1)]),
    ("CVA bij een patiënt die gisteren nog apixaban nam: trombolyse toegestaan?",
     [("herseninfarct-trombolyse", "Contra-indicaties", 2)]),
    ("M1-occlusie: tot hoeveel uur nog trombectomie?",
     [("herseninfarct-trombolyse", "Endovasculaire trombectomie", 2)]),
    ("Plotselinge achteruitgang en braken vlak na lyse",
     [("herseninfarct-trombolyse", "Bewaking na trombolyse", 2)]),

    # --- Delirium ------------------------------------------------------------
    ("Oudere 's nachts verward en agressief, welk antipsychoticum en hoeveel?",
     [("delier", "Medicamenteuze behandeling", 2)]),
    ("DOS-schaal afkapwaarde",
     [("delier", "Screening", 2)]),
    ("delirium voorkomen zonder medicatie",
     [("delier", "Niet-medicamenteuze maatregelen", 2), ("valpreventie-ouderen", "Maatregelen op de afdeling", 1)]),
    ("verwardheid bij Lewy-body-dementie, haloperidol?",
     [("delier", "Medicamenteuze behandeling", 2)]),

    # --- Alcohol withdrawal --------------------------------------------------
    ("CIWA-Ar 18, hoeveel oxazepam?",
     [("alcoholonthouding", "Oxazepam of lorazepam", 2), ("alcoholonthouding", "Scoren met de CIWA-Ar", 1)]),
    ("thiamine dosering bij verdenking Wernicke",
     [("alcoholonthouding", "Thiamine en Wernicke-encefalopathie", 2)]),
    ("Hoeveel dagen na de laatste borrel ontstaat een delirium tremens?",
     [("alcoholonthouding", "Tijdsverloop van de verschijnselen", 2),
      ("alcoholonthouding", "Delirium tremens en insulten", 1)]),

    # --- Opioids -------------------------------------------------------------
    ("omrekenen van morfine naar oxycodon",
     [("pijnbestrijding-opioiden", "Omrekenen tussen opioïden", 2)]),
    ("naloxon dosering bij ademdepressie na opiaten",
     [("pijnbestrijding-opioiden", "Bewaking van sedatie en ademhaling", 2)]),
    ("Welk opioïd bij een slechte nierfunctie?",
     [("pijnbestrijding-opioiden", "Opioïden: keuze en dosering", 2),
      ("acute-nierschade", "Medicatiebeoordeling: \"pauzeer en pas aan\"", 1)]),
    ("maximale dagdosis paracetamol bij 45 kg",
     [("pijnbestrijding-opioiden", "Multimodale basis", 2)]),

    # --- PONV (HTML) ---------------------------------------------------------
    ("Apfel-score en hoeveel anti-emetica",
     [("ponv", "Risico-inschatting met de Apfel-score", 2)]),
    ("Misselijk op de recovery ondanks ondansetron profylactisch",
     [("ponv", "Behandeling van PONV op de verkoeverkamer", 2)]),
    ("dexamethason tegen braken bij een diabeet",
     [("ponv", "Profylactische middelen", 2), ("insuline-perioperatief", "Glucosebeleid op de operatiedag", 1)]),

    # --- Surgical prophylaxis ------------------------------------------------
    ("Cefazoline dosis bij een patiënt van 130 kg",
     [("antibioticaprofylaxe-chirurgie", "Standaardmiddelen en dosering", 2)]),
    ("profylaxe bij colonresectie",
     [("antibioticaprofylaxe-chirurgie", "Keuze per type ingreep", 2)]),
    ("penicilline-allergie met alleen huiduitslag, toch een cefalosporine?",
     [("antibioticaprofylaxe-chirurgie", "Allergie voor bètalactamantibiotica", 2)]),
    ("Wanneer nadoseren tijdens een lange operatie of bij veel bloedverlies?",
     [("antibioticaprofylaxe-chirurgie", "Standaardmiddelen en dosering", 2),
      ("antibioticaprofylaxe-chirurgie", "Algemene principes", 1)]),
    ("Profylaxe doorgeven zolang de drain erin zit?",
     [("antibioticaprofylaxe-chirurgie", "Algemene principes", 2)]),

    # --- UTI -----------------------------------------------------------------
    ("Blaasontsteking bij een zwangere, wat voorschrijven?",
     [("urineweginfectie", "Behandeling van cystitis", 2), ("urineweginfectie", "Begrippen", 1)]),
    ("Nitrofurantoïne bij een eGFR van 25?",
     [("urineweginfectie", "Behandeling van cystitis", 2)]),
    ("Hoe lang antibiotica bij een man met koortsende UWI?",
     [("urineweginfectie", "Duur", 2)]),
    ("troebele urine bij een verblijfskatheter zonder koorts",
     [("urineweginfectie", "Katheter-gerelateerde infecties", 2)]),
    ("pyelonefritis bij ESBL-drager, empirisch",
     [("urineweginfectie", "Opgenomen patiënt", 2), ("sepsis-eerste-uur", "Empirische antibiotica per focus", 1)]),

    # --- Cellulitis ----------------------------------------------------------
    ("Rood warm onderbeen: oraal antibioticum?",
     [("cellulitis-erysipelas", "Poliklinisch", 2)]),
    ("wondroos met pijn buiten proportie en bloederige blaren",
     [("cellulitis-erysipelas", "Alarmsignalen voor necrotiserende fasciitis", 2)]),
    ("Roodheid groter na een dag flucloxacilline, switchen?",
     [("cellulitis-erysipelas", "Duur en overstap", 2),
      ("cellulitis-erysipelas", "Alarmsignalen voor necrotiserende fasciitis", 1)]),

    # --- Pre-eclampsia -------------------------------------------------------
    ("Magnesiumsulfaat oplaaddosis en onderhoud",
     [("pre-eclampsie", "Magnesiumsulfaat", 2)]),
    ("RR 165/112 bij 32 weken zwangerschap, welk middel?",
     [("pre-eclampsie", "Antihypertensieve behandeling", 2)]),
    ("HELLP criteria trombocyten en leverenzymen",
     [("pre-eclampsie", "Definities", 2)]),
    ("aspirine als preventie bij eerdere zwangerschapsvergiftiging",
     [("pre-eclampsie", "Preventie met acetylsalicylzuur", 2)]),

    # --- Paediatric fever (HTML) ---------------------------------------------
    ("Baby van 2 maanden met 38,5 graden",
     [("koorts-kind", "Verkeerslichtmodel", 2), ("koorts-kind", "", 1)]),
    ("ceftriaxon dosering bij een kind met verdenking meningitis",
     [("koorts-kind", "Empirische antibiotica", 2)]),
    ("paracetamol om koortsstuipen bij kinderen te voorkomen?",
     [("koorts-kind", "Koortswerende middelen", 2)]),

    # --- Transfusion ---------------------------------------------------------
    ("Hb-grens voor transfusie bij een acuut coronair syndroom",
     [("transfusiebeleid", "Transfusiedrempels", 2)]),
    ("Trombocyten nodig vóór een lumbaalpunctie?",
     [("transfusiebeleid", "Trombocytenconcentraat", 2)]),
    ("Bloeding onder fenprocoumon, hoe couperen?",
     [("transfusiebeleid", "Vers bevroren plasma en stollingsfactoren", 2)]),
    ("Massale bloeding: verhouding van de bloedproducten",
     [("transfusiebeleid", "Massale bloeding", 2)]),
    ("rillingen en koorts tijdens een bloedtransfusie",
     [("transfusiebeleid", "Transfusiereacties", 2)]),

    # --- TDM -----------------------------------------------------------------
    ("vancomycine dalspiegel streefwaarde",
     [("tdm-vancomycine-gentamicine", "Spiegels en streefwaarden", 2)]),
    ("Gentamicine dalspiegel te hoog, wat nu?",
     [("tdm-vancomycine-gentamicine", "Spiegels", 2)]),
    ("Continu infuus vancomycine op de IC: dosering",
     [("tdm-vancomycine-gentamicine", "Oplaaddosis en onderhoud", 2)]),
    ("flushing en jeuk tijdens vancomycine-infuus",
     [("tdm-vancomycine-gentamicine", "Oplaaddosis en onderhoud", 2)]),
    ("genta dosering bij obesitas",
     [("tdm-vancomycine-gentamicine", "Eenmaal-daagse dosering", 2),
      ("antibioticaprofylaxe-chirurgie", "Standaardmiddelen en dosering", 1)]),

    # --- Falls (HTML) --------------------------------------------------------
    ("Welke slaapmiddelen en andere medicijnen verhogen het valrisico bij ouderen?",
     [("valpreventie-ouderen", "Valrisicoverhogende medicatie", 2)]),
    ("Oudere patiënt op DOAC gevallen met hoofd",
     [("valpreventie-ouderen", "Na een val", 2)]),
    ("bedhekken omhoog bij een onrustige patiënt?",
     [("valpreventie-ouderen", "Maatregelen op de afdeling", 2)]),

    # --- Iron deficiency (HTML) ----------------------------------------------
    ("ferritine-afkapwaarde bij een ontstekingsbeeld",
     [("ijzergebreksanemie", "Definities en laboratoriumdiagnose", 2)]),
    ("Ferinject dosering en observatie",
     [("ijzergebreksanemie", "Preparaten en dosering", 2), ("ijzergebreksanemie", "Indicaties", 1)]),
    ("IJzertabletten elke dag of om de dag?",
     [("ijzergebreksanemie", "Oraal ijzer", 2)]),
    ("man van 65 met ijzergebrek, welk onderzoek naar de oorzaak?",
     [("ijzergebreksanemie", "Oorzaken zoeken", 2), ("ijzergebreksanemie", "", 1)]),

    # --- Palliative sedation (txt) ------------------------------------------
    ("Midazolam startdosering bij palliatieve sedatie",
     [("palliatieve-sedatie", "Medicatie: stappenplan", 2)]),
    ("morfine ophogen zodat de stervende patiënt slaapt?",
     [("palliatieve-sedatie", "Medicatie: stappenplan", 2)]),
    ("Levensverwachting als voorwaarde voor continue sedatie",
     [("palliatieve-sedatie", "Voorwaarden", 2)]),
    ("Moet palliatieve sedatie worden gemeld bij de lijkschouwer?",
     [("palliatieve-sedatie", "Verantwoording", 2)]),

    # --- Hand hygiene / isolation (HTML) ------------------------------------
    ("Handalcohol voldoende bij Clostridium difficile?",
     [("handhygiene-isolatie", "Handalcohol of water en zeep", 2), ("handhygiene-isolatie", "Isolatiecategorieën", 1)]),
    ("Welke isolatie bij open tbc?",
     [("handhygiene-isolatie", "Isolatiecategorieën", 2)]),
    ("MRSA-kweken bij opname van een varkenshouder",
     [("handhygiene-isolatie", "BRMO-screening bij opname", 2),
      ("antibioticaprofylaxe-chirurgie", "Dragerschap van MRSA en S. aureus", 1)]),
]
