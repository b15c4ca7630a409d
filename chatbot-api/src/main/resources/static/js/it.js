// Hospital IT's view: the effective use conditions with version and hash, per application its declarations and
// the in-service switch, the knowledge sources, model endpoints and the EPD connection, and the knowledge base's
// documents (upload, approve, retire).
import { addTexts, api, applyTexts, el, fmtTime, header, lang, loc, onLanguageChange, Problem, retentionText, showProblem, t } from './common.js';

addTexts({
  nl: {
    'i.title': 'IT-beheer', 'i.policy': 'Geldende gebruiksvoorwaarden', 'i.apps': 'Toepassingen', 'i.connections': 'Koppelingen',
    'i.deployment': 'Omgeving', 'i.version': 'Versie', 'i.hash': 'SHA-256 (van de canonieke vorm)',
    'i.canonical': 'Canonieke vorm (wat gehasht is)',
    'i.inService': 'In dienst', 'i.outOfService': 'Uit dienst', 'i.disabled': 'Uitgeschakeld in de gebruiksvoorwaarden',
    'i.takeOut': 'Uit dienst nemen', 'i.putBack': 'Weer in dienst nemen',
    'i.confirmOut': 'Toepassing "{app}" nu uit dienst nemen? Lopende gebruikers krijgen bij hun volgende vraag een weigering.',
    'i.confirmIn': 'Toepassing "{app}" weer in dienst nemen?',
    'i.switched': '{app}: {state} (gelogd).',
    'i.roles': 'Rollen', 'i.pseudo': 'Gepseudonimiseerde patiëntgegevens', 'i.personal': 'Persoonsgegevens',
    'i.cds': 'Klinische beslisondersteuning', 'i.mdr': 'MDR-grondslag / validatie', 'i.sources': 'Kennisbronnen',
    'i.fhir': 'FHIR-resourcetypes', 'i.endpoints': 'Taalmodel-endpoints', 'i.retention': 'Bewaartermijn',
    'i.training': 'Verplichte training', 'i.terms': 'Versie voorwaarden',
    'i.knowledge': 'Kennisbronnen en goedkeuringsstatus van documenten',
    'i.source': 'Bron', 'i.models': 'Taalmodel-endpoints (allow-list)', 'i.endpoint': 'Endpoint', 'i.model': 'Model',
    'i.noTraining': 'Geen training op invoer', 'i.enabledHere': 'Aan op deze instantie', 'i.apiKey': 'API-sleutel ingesteld',
    'i.modelNote': 'Er wordt geen testvraag naar het taalmodel gestuurd; zonder aan-gezet endpoint antwoordt Consilium extractief.',
    'i.epd': 'EPD (FHIR)', 'i.epdUp': 'Bereikbaar: HTTP {status} in {ms} ms ({detail})', 'i.epdDown': 'Niet bereikbaar ({detail})',
    'i.epdNote': 'Controle: GET /metadata zonder patiëntgegevens.',
    'i.switchNote': 'Uit dienst nemen werkt direct vanaf het volgende verzoek, op alle instanties (de stand staat in de database), wordt gelogd en blijft na een herstart staan. Blijvend uitzetten doet u in het bestand met gebruiksvoorwaarden.',
    'i.connectors': 'Koppelingen in en uit dienst',
    'i.connectorsNote': 'EPD uit: vragen die patiëntgegevens nodig hebben worden niet beantwoord en de banner meldt dat patiëntgegevens niet beschikbaar zijn. Kennisbank uit: toepassingen met kennisbronnen beantwoorden geen vragen. Taalmodel-endpoint uit: het endpoint wordt niet aangeroepen; antwoorden worden extractief (letterlijke passages), zo gelabeld.',
    'i.connector': 'Koppeling', 'i.state': 'Stand', 'i.changed': 'Laatst gewijzigd', 'i.action': 'Actie',
    'c.epd': 'EPD (FHIR)', 'c.knowledge-base': 'Kennisbank', 'c.model-endpoint': 'Taalmodel-endpoint {id}',
    'i.confirmConnOut': 'Koppeling "{name}" nu uit dienst nemen?', 'i.confirmConnIn': 'Koppeling "{name}" weer in dienst nemen?',
    'i.changedBy': '{who}, {when}', 'i.neverChanged': 'nooit (in dienst)',
    'i.none': '—',
    'kb.title': 'Kennisbank', 'kb.documents': 'Documenten', 'kb.source': 'Bron', 'kb.state': 'Status',
    'kb.intro': 'Alleen goedgekeurde documenten worden gebruikt in antwoorden. Een nieuw document komt als concept binnen; de eigenaar beoordeelt het, daarna keurt u het goed. Elke wijziging en elke weigering wordt gelogd onder uw naam.',
    'kb.allSources': 'Alle bronnen', 'kb.allStates': 'Alle statussen', 'kb.refresh': 'Vernieuwen',
    'kb.s.DRAFT': 'Concept', 'kb.s.APPROVED': 'Goedgekeurd', 'kb.s.RETIRED': 'Ingetrokken',
    'kb.l.nl': 'Nederlands', 'kb.l.en': 'Engels',
    'kb.col.title': 'Titel', 'kb.col.version': 'Versie', 'kb.col.language': 'Taal', 'kb.col.review': 'Herzieningsdatum',
    'kb.col.chunks': 'Passages', 'kb.col.changed': 'Laatste wijziging', 'kb.col.action': 'Actie',
    'kb.overdue': 'verlopen', 'kb.overdueLabel': 'Herzieningsdatum verstreken',
    'kb.count': '{n} document(en).', 'kb.empty': 'Geen documenten met dit filter.', 'kb.loading': 'Documenten laden…',
    'kb.approve': 'Goedkeuren', 'kb.retire': 'Intrekken', 'kb.noAction': 'ingetrokken: upload opnieuw voor een nieuwe beoordeling',
    'kb.approved': '"{title}" is goedgekeurd en wordt vanaf nu gebruikt in antwoorden (gelogd).',
    'kb.retired': '"{title}" is ingetrokken en wordt niet meer gebruikt in antwoorden (gelogd).',
    'kb.confirmRetire': 'Document "{title}" intrekken? Het wordt direct uit alle antwoorden gehaald en kan daarna niet opnieuw worden goedgekeurd.',
    'kb.upload': 'Document uploaden',
    'kb.uploadNote': 'Bestanden: .html, .md, .txt of .pdf, tot 50 MB. Velden die u leeg laat, worden overgenomen uit het bestand zelf (front matter bovenaan een Markdown- of tekstbestand, of <meta name="consilium:…"> in HTML); wat u hier invult gaat voor. Een PDF heeft geen eigen gegevens: vul dan bron, eigenaar, versie en taal in. Opnieuw uploaden met dezelfde bron en sleutel vervangt het document in één keer.',
    'kb.file': 'Bestand', 'kb.fromFile': 'Uit het bestand', 'kb.titleOptional': 'Titel (optioneel)',
    'kb.key': 'Sleutel (optioneel)', 'kb.keyHint': 'Leeg: de sleutel uit het bestand, anders de bestandsnaam zonder extensie.',
    'kb.owner': 'Eigenaar', 'kb.version': 'Versie', 'kb.language': 'Taal', 'kb.reviewDate': 'Herzieningsdatum',
    'kb.licence': 'Licentie', 'kb.url': 'URL van de bron',
    'kb.approveNow': 'Direct goedkeuren',
    'kb.approveHint': 'Alleen als de eigenaar het document al heeft beoordeeld: het wordt dan meteen in antwoorden gebruikt. Zonder vinkje wordt een nieuw document een concept; een vervangen document houdt zijn status.',
    'kb.send': 'Uploaden', 'kb.sending': 'Bezig met uploaden…',
    'kb.noFile': 'Kies eerst een bestand.',
    'kb.outcome.added': 'Toegevoegd', 'kb.outcome.replaced': 'Vervangen', 'kb.outcome.unchanged': 'Ongewijzigd',
    'kb.result': '{outcome}: "{title}" ({source}, sleutel {key}) — {chunks} passage(s), status {state}.',
    'kb.resultUnchanged': 'Ongewijzigd: "{title}" ({source}, sleutel {key}) heeft al precies deze inhoud; er is niets veranderd (status {state}).',
    'kb.refused': 'Geweigerd: {reason}',
    'kb.r.EMPTY': 'het bestand is leeg of bevat geen tekst.',
    'kb.r.TOO_LARGE': 'het bestand is groter dan 50 MB.',
    'kb.r.CORRUPT': 'het bestand is beschadigd of kan niet worden gelezen.',
    'kb.r.INVALID_ENCODING': 'de tekst is niet in UTF-8 opgeslagen.',
    'kb.r.UNSUPPORTED_FORMAT': 'dit bestandstype wordt niet ondersteund (alleen .html, .md, .txt of .pdf).',
    'kb.r.INVALID_METADATA': 'de gegevens over het document zijn onvolledig of ongeldig (bron, eigenaar, versie, taal of datum).',
    'kb.r.other': 'het document is niet opgenomen.',
    'kb.unchangedKb': 'De kennisbank is niet veranderd.',
  },
  en: {
    'i.title': 'IT administration', 'i.policy': 'Effective use conditions', 'i.apps': 'Applications', 'i.connections': 'Connections',
    'i.deployment': 'Deployment', 'i.version': 'Version', 'i.hash': 'SHA-256 (of the canonical form)',
    'i.canonical': 'Canonical form (what was hashed)',
    'i.inService': 'In service', 'i.outOfService': 'Out of service', 'i.disabled': 'Disabled in the use conditions',
    'i.takeOut': 'Take out of service', 'i.putBack': 'Put back in service',
    'i.confirmOut': 'Take application "{app}" out of service now? Users get a refusal at their next question.',
    'i.confirmIn': 'Put application "{app}" back in service?',
    'i.switched': '{app}: {state} (logged).',
    'i.roles': 'Roles', 'i.pseudo': 'Pseudonymised patient data', 'i.personal': 'Personal data',
    'i.cds': 'Clinical decision support', 'i.mdr': 'MDR basis / validation', 'i.sources': 'Knowledge sources',
    'i.fhir': 'FHIR resource types', 'i.endpoints': 'Model endpoints', 'i.retention': 'Retention',
    'i.training': 'Required training', 'i.terms': 'Terms version',
    'i.knowledge': 'Knowledge sources and approval state of their documents',
    'i.source': 'Source', 'i.models': 'Language-model endpoints (allow-list)', 'i.endpoint': 'Endpoint', 'i.model': 'Model',
    'i.noTraining': 'No training on inputs', 'i.enabledHere': 'On in this instance', 'i.apiKey': 'API key set',
    'i.modelNote': 'No test question is sent to the model; without an enabled endpoint Consilium answers extractively.',
    'i.epd': 'EPD (FHIR)', 'i.epdUp': 'Reachable: HTTP {status} in {ms} ms ({detail})', 'i.epdDown': 'Not reachable ({detail})',
    'i.epdNote': 'Check: GET /metadata without patient data.',
    'i.switchNote': 'Taking something out of service works from the next request, on every instance (the state is in the database), is logged and survives a restart. To switch it off for good, change the use-conditions file.',
    'i.connectors': 'Connectors in and out of service',
    'i.connectorsNote': 'EPD off: questions that need patient data are not answered and the banner says patient data is unavailable. Knowledge base off: applications with knowledge sources answer no questions. Model endpoint off: the endpoint is not called; answers become extractive (verbatim passages), labelled as such.',
    'i.connector': 'Connector', 'i.state': 'State', 'i.changed': 'Last changed', 'i.action': 'Action',
    'c.epd': 'EPD (FHIR)', 'c.knowledge-base': 'Knowledge base', 'c.model-endpoint': 'Model endpoint {id}',
    'i.confirmConnOut': 'Take connector "{name}" out of service now?', 'i.confirmConnIn': 'Put connector "{name}" back in service?',
    'i.changedBy': '{who}, {when}', 'i.neverChanged': 'never (in service)',
    'i.none': '—',
    'kb.title': 'Knowledge base', 'kb.documents': 'Documents', 'kb.source': 'Source', 'kb.state': 'State',
    'kb.intro': 'Only approved documents are used in answers. A new document arrives as a draft; its owner reviews it, then you approve it. Every change and every refusal is logged under your name.',
    'kb.allSources': 'All sources', 'kb.allStates': 'All states', 'kb.refresh': 'Refresh',
    'kb.s.DRAFT': 'Draft', 'kb.s.APPROVED': 'Approved', 'kb.s.RETIRED': 'Retired',
    'kb.l.nl': 'Dutch', 'kb.l.en': 'English',
    'kb.col.title': 'Title', 'kb.col.version': 'Version', 'kb.col.language': 'Language', 'kb.col.review': 'Review date',
    'kb.col.chunks': 'Passages', 'kb.col.changed': 'Last change', 'kb.col.action': 'Action',
    'kb.overdue': 'overdue', 'kb.overdueLabel': 'Review date has passed',
    'kb.count': '{n} document(s).', 'kb.empty': 'No documents with this filter.', 'kb.loading': 'Loading documents…',
    'kb.approve': 'Approve', 'kb.retire': 'Retire', 'kb.noAction': 'retired: upload again for a new review',
    'kb.approved': '"{title}" is approved and used in answers from now on (logged).',
    'kb.retired': '"{title}" is retired and no longer used in answers (logged).',
    'kb.confirmRetire': 'Retire document "{title}"? It is removed from all answers at once and cannot be approved again afterwards.',
    'kb.upload': 'Upload a document',
    'kb.uploadNote': 'Files: .html, .md, .txt or .pdf, up to 50 MB. Fields you leave empty are taken from the file itself (front matter at the top of a Markdown or text file, or <meta name="consilium:…"> in HTML); what you fill in here wins. A PDF carries no metadata of its own: then give source, owner, version and language. Uploading again with the same source and key replaces the document in one step.',
    'kb.file': 'File', 'kb.fromFile': 'From the file', 'kb.titleOptional': 'Title (optional)',
    'kb.key': 'Key (optional)', 'kb.keyHint': 'Empty: the key in the file, else the file name without its extension.',
    'kb.owner': 'Owner', 'kb.version': 'Version', 'kb.language': 'Language', 'kb.reviewDate': 'Review date',
    'kb.licence': 'Licence', 'kb.url': 'URL of the source',
    'kb.approveNow': 'Approve at once',
    'kb.approveHint': 'Only when the owner has already reviewed the document: it is then used in answers straight away. Unticked, a new document becomes a draft; a replaced document keeps its state.',
    'kb.send': 'Upload', 'kb.sending': 'Uploading…',
    'kb.noFile': 'Choose a file first.',
    'kb.outcome.added': 'Added', 'kb.outcome.replaced': 'Replaced', 'kb.outcome.unchanged': 'Unchanged',
    'kb.result': '{outcome}: "{title}" ({source}, key {key}) — {chunks} passage(s), state {state}.',
    'kb.resultUnchanged': 'Unchanged: "{title}" ({source}, key {key}) already has exactly this content; nothing changed (state {state}).',
    'kb.refused': 'Refused: {reason}',
    'kb.r.EMPTY': 'the file is empty or holds no text.',
    'kb.r.TOO_LARGE': 'the file is larger than 50 MB.',
    'kb.r.CORRUPT': 'the file is damaged or cannot be read.',
    'kb.r.INVALID_ENCODING': 'the text is not saved as UTF-8.',
    'kb.r.UNSUPPORTED_FORMAT': 'this file type is not supported (only .html, .md, .txt or .pdf).',
    'kb.r.INVALID_METADATA': 'the information about the document is incomplete or invalid (source, owner, version, language or date).',
    'kb.r.other': 'the document was not taken in.',
    'kb.unchangedKb': 'The knowledge base has not changed.',
  },
});

const $ = (id) => document.getElementById(id);
let policy = null;
let states = [];
let connections = null;
let connectors = null;

function yesNo(v) { return el('span', { class: v ? 'yes' : 'no' }, t(v ? 'yes' : 'no')); }

function renderPolicy() {
  $('policy').replaceChildren(
    el('dl', { class: 'declarations' },
      el('dt', {}, t('i.deployment')), el('dd', {}, policy.deployment),
      el('dt', {}, t('i.version')), el('dd', { id: 'policy-version' }, policy.version),
      el('dt', {}, t('i.hash')), el('dd', { class: 'mono', id: 'policy-hash' }, policy.sha256)),
    el('details', {}, el('summary', {}, t('i.canonical')),
      el('pre', { class: 'policy', tabindex: '0' }, JSON.stringify(policy.canonical, null, 2))));
}

function renderApps() {
  const byId = new Map(states.map((s) => [s.applicationId, s]));
  $('apps').replaceChildren(...policy.canonical.applications.map((a) => {
    const s = byId.get(a.id) || { enabledInPolicy: a.enabled, inService: false };
    const label = !s.enabledInPolicy ? t('i.disabled') : s.inService ? t('i.inService') : t('i.outOfService');
    const cds = a.clinical_decision_support || {};
    const toggle = el('button', { type: 'button', class: s.inService ? 'danger' : '', 'data-switch': a.id,
      disabled: !s.enabledInPolicy, onclick: () => flip(a, !s.inService) }, t(s.inService ? 'i.takeOut' : 'i.putBack'));
    return el('article', { class: 'panel', 'data-app': a.id, 'aria-labelledby': `app-${a.id}` },
      el('h3', { id: `app-${a.id}` }, `${loc(a.title)} `, el('span', { class: 'mono small muted' }, a.id)),
      el('div', { class: 'switch-row' },
        el('span', { class: `pill ${s.inService ? 'on' : 'off'}`, 'data-state': a.id }, label), toggle),
      el('dl', { class: 'declarations small' },
        el('dt', {}, t('i.roles')), el('dd', {}, a.allowed_roles.join(', ')),
        el('dt', {}, t('i.pseudo')), el('dd', {}, yesNo(a.pseudonymised_patient_data_allowed)),
        el('dt', {}, t('i.personal')), el('dd', {}, yesNo(a.personal_data_allowed)),
        el('dt', {}, t('i.cds')), el('dd', {}, yesNo(cds.enabled)),
        el('dt', {}, t('i.mdr')), el('dd', {}, [cds.mdr_basis, cds.validation_reference].filter(Boolean).join(' / ') || t('i.none')),
        el('dt', {}, t('i.sources')), el('dd', {}, a.knowledge_sources.join(', ') || t('i.none')),
        el('dt', {}, t('i.fhir')), el('dd', {}, a.fhir_resource_types.join(', ') || t('i.none')),
        el('dt', {}, t('i.endpoints')), el('dd', {}, a.model_endpoints.join(', ') || t('i.none')),
        el('dt', {}, t('i.retention')), el('dd', {}, `${retentionText(a.conversation_retention)} (${a.conversation_retention})`),
        el('dt', {}, t('i.training')), el('dd', {}, a.required_training || t('i.none')),
        el('dt', {}, t('i.terms')), el('dd', {}, a.terms_version)));
  }));
}

async function flip(app, inService) {
  const name = loc(app.title);
  if (!window.confirm(t(inService ? 'i.confirmIn' : 'i.confirmOut', { app: name }))) return;
  try {
    const s = await api('PUT', `/api/v1/admin/applications/${encodeURIComponent(app.id)}/service`, { inService });
    states = states.map((x) => (x.applicationId === s.applicationId ? s : x));
    renderApps();
    $('switch-status').textContent = t('i.switched', { app: name, state: t(s.inService ? 'i.inService' : 'i.outOfService') });
    document.querySelector(`[data-switch="${app.id}"]`)?.focus();
  } catch (e) { showProblem($('switch-status'), e); }
}

function renderConnections() {
  const c = connections;
  const states = ['DRAFT', 'APPROVED', 'RETIRED'];
  const epd = c.epd;
  $('connections').replaceChildren(
    el('h3', {}, t('i.knowledge')),
    el('table', { class: 'data', id: 'knowledge' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('i.source')), states.map((s) => el('th', { scope: 'col' }, s)))),
      el('tbody', {}, c.knowledgeSources.map((k) => el('tr', {},
        el('th', { scope: 'row' }, `${loc({ nl: k.titleNl, en: k.titleEn })} (${k.id})`),
        states.map((s) => el('td', {}, String(k.documents[s] ?? 0))))))),
    el('h3', {}, t('i.models')),
    el('table', { class: 'data' },
      el('thead', {}, el('tr', {}, ['i.endpoint', 'i.model', 'i.noTraining', 'i.enabledHere', 'i.apiKey']
        .map((k) => el('th', { scope: 'col' }, t(k))))),
      el('tbody', {}, c.modelEndpoints.map((m) => el('tr', {},
        el('td', {}, el('strong', {}, m.id), el('br'), el('span', { class: 'small' }, m.description), el('br'),
          el('span', { class: 'mono' }, m.baseUrl)),
        el('td', {}, m.model || t('i.none')), el('td', {}, yesNo(m.noTrainingOnInputs)),
        el('td', {}, yesNo(m.enabledHere)), el('td', {}, yesNo(m.apiKeyConfigured)))))),
    el('p', { class: 'small muted' }, t('i.modelNote')),
    el('h3', {}, t('i.epd')),
    el('p', {}, el('span', { class: 'mono' }, epd.baseUrl), ' — ',
      el('span', { class: `pill ${epd.reachable ? 'on' : 'off'}`, id: 'epd-status' },
        epd.reachable ? t('i.epdUp', { status: epd.status, ms: epd.millis, detail: epd.detail }) : t('i.epdDown', { detail: epd.detail }))),
    el('p', { class: 'small muted' }, t('i.epdNote')));
}

function connectorKey(c) { return c.connector === 'model-endpoint' ? `model-endpoint:${c.id}` : c.connector; }
function connectorName(c) { return t(`c.${c.connector}`, { id: c.id }); }

function renderConnectors() {
  $('connectors').replaceChildren(
    el('table', { class: 'data' },
      el('thead', {}, el('tr', {}, ['i.connector', 'i.state', 'i.changed', 'i.action'].map((k) => el('th', { scope: 'col' }, t(k))))),
      el('tbody', {}, connectors.map((c) => el('tr', {},
        el('th', { scope: 'row' }, connectorName(c)),
        el('td', {}, el('span', { class: `pill ${c.inService ? 'on' : 'off'}`, 'data-connector-state': connectorKey(c) },
          t(c.inService ? 'i.inService' : 'i.outOfService'))),
        el('td', { class: 'small' }, c.changedBy ? t('i.changedBy', { who: c.changedBy, when: fmtTime(c.changedAt) }) : t('i.neverChanged')),
        el('td', {}, el('button', { type: 'button', class: c.inService ? 'danger' : '', 'data-connector-switch': connectorKey(c),
          'aria-label': `${t(c.inService ? 'i.takeOut' : 'i.putBack')}: ${connectorName(c)}`,
          onclick: () => flipConnector(c, !c.inService) }, t(c.inService ? 'i.takeOut' : 'i.putBack'))))))),
    el('p', { class: 'small muted' }, t('i.connectorsNote')));
}

async function flipConnector(c, inService) {
  const name = connectorName(c);
  if (!window.confirm(t(inService ? 'i.confirmConnIn' : 'i.confirmConnOut', { name }))) return;
  const path = c.connector === 'model-endpoint' ? `model-endpoints/${encodeURIComponent(c.id)}` : c.connector;
  try {
    const s = await api('PUT', `/api/v1/admin/connectors/${path}/service`, { inService });
    connectors = connectors.map((x) => (connectorKey(x) === connectorKey(s) ? s : x));
    renderConnectors();
    $('connector-status').textContent = t('i.switched', { app: name, state: t(s.inService ? 'i.inService' : 'i.outOfService') });
    document.querySelector(`[data-connector-switch="${connectorKey(s)}"]`)?.focus();
  } catch (e) { showProblem($('connector-status'), e); }
}

// ---- Knowledge base: list, approve, retire, upload (KnowledgeAdminController) ----

const KB = '/api/v1/admin/knowledge/documents';
// The knowledge base's own limit (DocumentUpload.DEFAULT_MAX_BYTES): checked here too, so IT is not left waiting
// for 50 MB to travel only to be refused.
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const STATE_ORDER = { DRAFT: 0, APPROVED: 1, RETIRED: 2 };
let documents = null;
let kbRequest = 0; // the newest list request wins: a slow answer for an older filter never overwrites a newer one
let highlighted = null; // the document of the last upload or action, marked in the table

function sourceTitle(id) {
  const k = connections?.knowledgeSources.find((s) => s.id === id);
  return k ? loc({ nl: k.titleNl, en: k.titleEn }) : id;
}

/** Today in the browser's own time zone as YYYY-MM-DD, comparable with a document's review date as text. */
function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function fmtDate(isoDate) {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(y, m - 1, d).toLocaleDateString(lang() === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'medium' });
}

/** The declared knowledge sources (from the use conditions, via the connections overview) in both selects. */
function renderSourceOptions() {
  for (const id of ['kb-f-source', 'kb-source']) {
    const select = $(id);
    const chosen = select.value;
    const first = select.options[0];
    select.replaceChildren(first, ...(connections?.knowledgeSources || []).map((k) =>
      el('option', { value: k.id }, `${loc({ nl: k.titleNl, en: k.titleEn })} (${k.id})`)));
    select.value = chosen;
  }
}

async function loadDocuments() {
  const mine = ++kbRequest;
  const params = new URLSearchParams();
  if ($('kb-f-source').value) params.set('source', $('kb-f-source').value);
  if ($('kb-f-state').value) params.set('state', $('kb-f-state').value);
  const query = params.toString();
  $('kb-documents').setAttribute('aria-busy', 'true');
  try {
    const list = await api('GET', query ? `${KB}?${query}` : KB);
    if (mine !== kbRequest) return;
    documents = list;
    renderDocuments();
  } catch (e) {
    if (mine === kbRequest) { documents = null; showProblem($('kb-documents'), e); }
  } finally {
    if (mine === kbRequest) $('kb-documents').removeAttribute('aria-busy');
  }
}

function reviewCell(d, now) {
  if (!d.reviewDate) return el('td', {}, t('i.none'));
  // A retired document is no longer used, so its passed review date needs no attention.
  const overdue = d.reviewDate < now && d.state !== 'RETIRED';
  return el('td', { 'data-review': d.reviewDate, 'data-overdue': overdue ? 'true' : null },
    fmtDate(d.reviewDate), overdue ? [' ', el('span', { class: 'overdue', title: t('kb.overdueLabel') }, `(${t('kb.overdue')})`)] : null);
}

function changedCell(d) {
  const parts = [];
  if (d.stateChangedBy) parts.push(t('i.changedBy', { who: d.stateChangedBy, when: fmtTime(d.stateChangedAt) }));
  else parts.push(fmtTime(d.stateChangedAt || d.updatedAt));
  return el('td', { class: 'small' }, parts);
}

function actionCell(d) {
  if (d.state === 'DRAFT') {
    return el('td', {}, el('button', { type: 'button', 'data-approve': d.id, 'aria-label': `${t('kb.approve')}: ${d.title}`,
      onclick: (e) => changeDocument(d, 'approve', e.currentTarget) }, t('kb.approve')));
  }
  if (d.state === 'APPROVED') {
    return el('td', {}, el('button', { type: 'button', class: 'danger', 'data-retire': d.id, 'aria-label': `${t('kb.retire')}: ${d.title}`,
      onclick: (e) => changeDocument(d, 'retire', e.currentTarget) }, t('kb.retire')));
  }
  return el('td', { class: 'small muted' }, t('kb.noAction'));
}

function renderDocuments() {
  if (!documents) return;
  const now = today();
  // Drafts first: they are the ones waiting for IT.
  const rows = [...documents].sort((a, b) => (STATE_ORDER[a.state] - STATE_ORDER[b.state])
    || a.sourceId.localeCompare(b.sourceId) || a.title.localeCompare(b.title));
  $('kb-documents').replaceChildren(
    el('table', { class: 'data', id: 'kb-table' },
      el('caption', { class: 'small muted', id: 'kb-count' }, t('kb.count', { n: rows.length })),
      el('thead', {}, el('tr', {}, ['kb.col.title', 'kb.source', 'kb.col.version', 'kb.col.language', 'kb.state',
        'kb.col.review', 'kb.col.chunks', 'kb.col.changed', 'kb.col.action'].map((k) => el('th', { scope: 'col' }, t(k))))),
      el('tbody', {}, rows.length === 0
        ? el('tr', {}, el('td', { colspan: '9' }, t('kb.empty')))
        : rows.map((d) => el('tr', { 'data-document': d.id, 'data-key': d.externalKey, 'data-state': d.state,
          class: [d.state === 'RETIRED' ? 'retired' : '', d.id === highlighted ? 'selected' : ''].join(' ').trim() || null },
          el('th', { scope: 'row', id: `doc-${d.id}`, tabindex: '-1' }, d.title, el('br'),
            el('span', { class: 'mono small muted' }, d.externalKey)),
          el('td', {}, sourceTitle(d.sourceId)),
          el('td', {}, d.version || t('i.none')),
          el('td', {}, t(`kb.l.${String(d.language).toLowerCase()}`)),
          el('td', {}, el('span', { class: `pill ${d.state}`, 'data-document-state': d.id }, t(`kb.s.${d.state}`))),
          reviewCell(d, now),
          el('td', { class: 'num' }, String(d.chunkCount)),
          changedCell(d),
          actionCell(d))))));
}

/** Re-reads the document counts per source in "Koppelingen" after a change (not awaited: it also probes the EPD). */
function refreshCounts() {
  api('GET', '/api/v1/admin/connections').then((c) => { connections = c; renderConnections(); },
    (e) => showProblem($('connections'), e));
}

async function changeDocument(d, action, button) {
  if (action === 'retire' && !window.confirm(t('kb.confirmRetire', { title: d.title }))) return;
  button.disabled = true;
  try {
    const updated = await api('POST', `${KB}/${encodeURIComponent(d.id)}/${action}`);
    highlighted = updated.id;
    $('kb-status').textContent = t(action === 'approve' ? 'kb.approved' : 'kb.retired', { title: updated.title });
    refreshCounts();
  } catch (e) {
    // e.g. 409 when someone else retired it meanwhile, 503 when the audit log could not record it: the table is
    // re-read below, so it shows what is true now.
    showProblem($('kb-status'), e);
  }
  await loadDocuments();
  // Keep the keyboard where it was: on the row that changed (gone when the filter no longer matches it).
  document.getElementById(`doc-${d.id}`)?.focus();
}

function refusalText(reason) {
  const key = `kb.r.${reason}`;
  return t('kb.refused', { reason: t(key) === key ? t('kb.r.other') : t(key) });
}

function showRefusal(reason, detail) {
  $('kb-upload-result').replaceChildren(el('div', { class: 'status bad', role: 'alert', id: 'kb-refusal', 'data-reason': reason },
    el('strong', {}, refusalText(reason)), ' ', detail));
}

async function uploadDocument(event) {
  event.preventDefault();
  const out = $('kb-upload-result');
  const file = $('kb-file').files[0];
  if (!file) {
    out.replaceChildren(el('div', { class: 'status bad', role: 'alert' }, t('kb.noFile')));
    $('kb-file').focus();
    return;
  }
  if (file.size > MAX_UPLOAD_BYTES) {
    showRefusal('TOO_LARGE', t('kb.unchangedKb'));
    return;
  }
  const form = new FormData();
  form.append('file', file, file.name);
  for (const [name, id] of [['source', 'kb-source'], ['title', 'kb-title'], ['key', 'kb-key'], ['owner', 'kb-owner'],
    ['version', 'kb-version'], ['language', 'kb-language'], ['reviewDate', 'kb-review'], ['licence', 'kb-licence'],
    ['url', 'kb-url']]) {
    const value = $(id).value.trim();
    if (value) form.append(name, value); // empty: the file's own front matter decides
  }
  if ($('kb-approve').checked) form.append('state', 'APPROVED');
  const submit = $('kb-submit');
  submit.disabled = true;
  out.replaceChildren(el('p', { class: 'small' }, t('kb.sending')));
  try {
    const r = await api('POST', KB, form);
    const d = r.document;
    const vars = { outcome: t(`kb.outcome.${r.outcome}`), title: d.title, source: d.sourceId, key: d.externalKey,
      chunks: r.chunks ?? d.chunkCount, state: t(`kb.s.${r.state}`) };
    out.replaceChildren(el('p', { class: 'status ok', id: 'kb-outcome', 'data-outcome': r.outcome, 'data-document': r.documentId },
      t(r.outcome === 'unchanged' ? 'kb.resultUnchanged' : 'kb.result', vars)));
    highlighted = r.documentId;
    $('kb-upload').reset();
    await loadDocuments();
    refreshCounts();
  } catch (e) {
    if (e instanceof Problem && e.reason) showRefusal(e.reason, e.detail);
    else showProblem(out, e);
  } finally {
    submit.disabled = false;
  }
}

function startKnowledge() {
  renderSourceOptions();
  $('kb-filters').addEventListener('submit', (e) => { e.preventDefault(); loadDocuments(); });
  $('kb-f-source').addEventListener('change', loadDocuments);
  $('kb-f-state').addEventListener('change', loadDocuments);
  $('kb-upload').addEventListener('submit', uploadDocument);
  return loadDocuments();
}

async function start() {
  try {
    await header('it');
  } catch (e) {
    showProblem($('main'), e);
    return;
  }
  applyTexts();
  try {
    [policy, states] = await Promise.all([api('GET', '/api/v1/admin/policy'), api('GET', '/api/v1/admin/applications')]);
    renderPolicy();
    renderApps();
  } catch (e) { showProblem($('policy'), e); }
  try {
    connections = await api('GET', '/api/v1/admin/connections');
    renderConnections();
  } catch (e) { showProblem($('connections'), e); }
  try {
    connectors = await api('GET', '/api/v1/admin/connectors');
    renderConnectors();
  } catch (e) { showProblem($('connectors'), e); }
  // After the connections: the source selects list the knowledge sources the use conditions declare.
  await startKnowledge();
  onLanguageChange(() => {
    if (policy) { renderPolicy(); renderApps(); }
    if (connections) renderConnections();
    if (connectors) renderConnectors();
    renderSourceOptions();
    renderDocuments();
  });
}

start();
