// Hospital IT's view: the effective use conditions with version and hash, per application its declarations and
// the in-service switch, the knowledge sources, model endpoints and the EPD connection.
import { addTexts, api, applyTexts, el, fmtTime, header, loc, onLanguageChange, retentionText, showProblem, t } from './common.js';

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
  onLanguageChange(() => {
    if (policy) { renderPolicy(); renderApps(); }
    if (connections) renderConnections();
    if (connectors) renderConnectors();
  });
}

start();
