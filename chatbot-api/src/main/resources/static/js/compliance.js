// The compliance officer's console over the audit log: filter and page through records, read one request's
// decision chain, verify the hash chain, export, and see usage and refusals per application per day.
import { addTexts, api, applyTexts, el, fmtTime, header, onLanguageChange, showProblem, t } from './common.js';
import { dayBars } from './charts.js';

addTexts({
  nl: {
    'c.title': 'Compliance: auditlog', 'c.filters': 'Zoeken in het auditlog (NEN 7513)',
    'c.user': 'Gebruiker', 'c.patient': 'Patiënt-id', 'c.application': 'Toepassing', 'c.type': 'Gebeurtenis',
    'c.decision': 'Besluit', 'c.outcome': 'Resultaat', 'c.from': 'Vanaf', 'c.to': 'Tot', 'c.limit': 'Per pagina',
    'c.any': '(alle)', 'c.search': 'Zoeken', 'c.reset': 'Filters wissen', 'c.exportCsv': 'Export CSV',
    'c.exportFhir': 'Export FHIR AuditEvent', 'c.audited': 'Elke zoekopdracht, verificatie en export wordt zelf ook gelogd.',
    'c.results': 'Resultaten', 'c.time': 'Tijd', 'c.rules': 'Regels', 'c.details': 'Details',
    'c.show': 'Details', 'c.showLabel': 'Details van record {seq}',
    'c.count': '{n} record(s) getoond, nieuwste eerst.', 'c.countMore': '{n} record(s) getoond, nieuwste eerst; er zijn oudere.',
    'c.none': 'Geen records voor deze filters.', 'c.more': 'Oudere records laden',
    'c.detailHeading': 'Record {seq}: {type}', 'c.chain': 'Beslisketen van dit verzoek (correlatie-id {id})',
    'c.chainNone': 'Geen correlatie-id: dit record staat op zichzelf.',
    'c.f.occurredAt': 'Tijdstip', 'c.f.action': 'Actie', 'c.f.user': 'Gebruiker (rol)', 'c.f.responsible': 'Verantwoordelijke',
    'c.f.location': 'Bron', 'c.f.patient': 'Patiënt-id', 'c.f.application': 'Toepassing', 'c.f.policy': 'Gebruiksvoorwaarden (versie, hash)',
    'c.f.decision': 'Besluit', 'c.f.rules': 'Regel-ids', 'c.f.model': 'Taalmodel', 'c.f.objects': 'Objecten',
    'c.f.cited': 'Geciteerde bronnen', 'c.f.correlation': 'Correlatie-id', 'c.f.message': 'SHA-256 van de vraag',
    'c.f.hash': 'Recordhash', 'c.f.outcome': 'Resultaat',
    'c.noContent': 'Het auditlog bevat nooit de inhoud van gesprekken, alleen een hash van de vraag.',
    'c.verifyHeading': 'Integriteit van de keten', 'c.verify': 'Keten verifiëren',
    'c.verifyText': 'Controleert de hashketen van het hele auditlog, met de ondertekende ankerpunten.',
    'c.verifying': 'Bezig met verifiëren…',
    'c.intact': 'Keten intact: {n} records gecontroleerd.',
    'c.broken': 'Keten GEBROKEN bij record {seq} ({reason}); {n} records gecontroleerd.',
    'c.usage': 'Gebruik en weigeringen per toepassing', 'c.days': 'Periode (dagen)', 'c.draw': 'Grafiek tonen',
    'c.allowed': 'toegestaan', 'c.refused': 'geweigerd',
    'c.usageNote': 'Chatverzoeken (CHAT_REQUEST) per dag, uit {n} records{capped}.',
    'c.usageCapped': ' (afgekapt op de nieuwste {max})',
    'c.usageNone': 'Geen chatverzoeken in deze periode.',
    'c.usageLabel': '{app}: {total} verzoeken, waarvan {refused} geweigerd, in {days} dagen',
    'c.usageTable': 'Aantallen als tabel', 'c.day': 'Dag',
  },
  en: {
    'c.title': 'Compliance: audit log', 'c.filters': 'Search the audit log (NEN 7513)',
    'c.user': 'User', 'c.patient': 'Patient id', 'c.application': 'Application', 'c.type': 'Event',
    'c.decision': 'Decision', 'c.outcome': 'Outcome', 'c.from': 'From', 'c.to': 'To', 'c.limit': 'Per page',
    'c.any': '(any)', 'c.search': 'Search', 'c.reset': 'Clear filters', 'c.exportCsv': 'Export CSV',
    'c.exportFhir': 'Export FHIR AuditEvent', 'c.audited': 'Every search, verification and export is logged too.',
    'c.results': 'Results', 'c.time': 'Time', 'c.rules': 'Rules', 'c.details': 'Details',
    'c.show': 'Details', 'c.showLabel': 'Details of record {seq}',
    'c.count': '{n} record(s) shown, newest first.', 'c.countMore': '{n} record(s) shown, newest first; there are older ones.',
    'c.none': 'No records for these filters.', 'c.more': 'Load older records',
    'c.detailHeading': 'Record {seq}: {type}', 'c.chain': 'Decision chain of this request (correlation id {id})',
    'c.chainNone': 'No correlation id: this record stands alone.',
    'c.f.occurredAt': 'Time', 'c.f.action': 'Action', 'c.f.user': 'User (role)', 'c.f.responsible': 'Responsible user',
    'c.f.location': 'Source', 'c.f.patient': 'Patient id', 'c.f.application': 'Application', 'c.f.policy': 'Terms of use (version, hash)',
    'c.f.decision': 'Decision', 'c.f.rules': 'Rule ids', 'c.f.model': 'Language model', 'c.f.objects': 'Objects',
    'c.f.cited': 'Sources cited', 'c.f.correlation': 'Correlation id', 'c.f.message': 'SHA-256 of the question',
    'c.f.hash': 'Record hash', 'c.f.outcome': 'Outcome',
    'c.noContent': 'The audit log never holds conversation content, only a hash of the question.',
    'c.verifyHeading': 'Chain integrity', 'c.verify': 'Verify chain',
    'c.verifyText': 'Checks the hash chain of the whole audit log, with the signed anchors.',
    'c.verifying': 'Verifying…',
    'c.intact': 'Chain intact: {n} records checked.',
    'c.broken': 'Chain BROKEN at record {seq} ({reason}); {n} records checked.',
    'c.usage': 'Usage and refusals per application', 'c.days': 'Period (days)', 'c.draw': 'Show chart',
    'c.allowed': 'allowed', 'c.refused': 'refused',
    'c.usageNote': 'Chat requests (CHAT_REQUEST) per day, from {n} records{capped}.',
    'c.usageCapped': ' (capped at the newest {max})',
    'c.usageNone': 'No chat requests in this period.',
    'c.usageLabel': '{app}: {total} requests, {refused} refused, in {days} days',
    'c.usageTable': 'Counts as a table', 'c.day': 'Day',
  },
});

const TYPES = ['PATIENT_RECORD_READ', 'CHAT_REQUEST', 'KNOWLEDGE_SEARCH', 'TERMS_ACCEPTED', 'CONVERSATION_VIEWED',
  'CONVERSATION_DELETED', 'USER_LOGIN', 'USER_LOGOUT', 'CONFIGURATION_CHANGED', 'AUDIT_LOG_QUERY', 'AUDIT_LOG_EXPORT',
  'AUDIT_LOG_VERIFY', 'AUDIT_LOG_PURGE'];
const DECISIONS = ['ALLOWED', 'PSEUDONYMISED', 'REFUSED'];
const OUTCOMES = ['SUCCESS', 'MINOR_FAILURE', 'SERIOUS_FAILURE', 'MAJOR_FAILURE'];
const USAGE_MAX = 5000;

const $ = (id) => document.getElementById(id);
let records = [];
let next = null;

function fill(select, values) {
  select.append(...values.map((v) => el('option', { value: v }, v)));
}

/** The filters as query parameters (datetime-local is local time; the API wants an instant). */
function filterParams() {
  const f = $('filters');
  const p = new URLSearchParams();
  for (const name of ['user', 'patient', 'application', 'type', 'decision', 'outcome']) {
    const v = f.elements[name].value.trim();
    if (v) p.set(name, v);
  }
  for (const name of ['from', 'to']) {
    const v = f.elements[name].value;
    if (v) p.set(name, new Date(v).toISOString());
  }
  return p;
}

function updateExports() {
  const p = filterParams().toString();
  $('export-csv').href = `/api/v1/compliance/audit/export.csv${p ? `?${p}` : ''}`;
  $('export-fhir').href = `/api/v1/compliance/audit/export.fhir.json${p ? `?${p}` : ''}`;
}

async function search(append) {
  const p = filterParams();
  p.set('limit', $('f-limit').value);
  if (append && next != null) p.set('before', next);
  try {
    const page = await api('GET', `/api/v1/compliance/audit?${p}`);
    records = append ? records.concat(page.records) : page.records;
    next = page.nextBeforeSeq ?? null;
    renderTable();
  } catch (e) {
    showProblem($('result-count'), e);
  }
}

function renderTable() {
  const body = $('results').querySelector('tbody');
  body.replaceChildren(...records.map((r) => {
    const e = r.event;
    return el('tr', { 'data-seq': r.sequence },
      el('td', {}, r.sequence), el('td', {}, fmtTime(e.occurredAt)), el('td', {}, e.type),
      el('td', {}, `${e.user?.userId ?? ''} (${e.user?.role ?? ''})`), el('td', {}, e.patientId || ''),
      el('td', {}, e.applicationId || ''), el('td', {}, e.decision || ''), el('td', {}, e.outcome),
      el('td', { class: 'small' }, (e.ruleIds || []).join(', ')),
      el('td', {}, el('button', { type: 'button', class: 'secondary', 'aria-label': t('c.showLabel', { seq: r.sequence }),
        onclick: () => showDetail(r) }, t('c.show'))));
  }));
  $('result-count').textContent = records.length
    ? t(next != null ? 'c.countMore' : 'c.count', { n: records.length }) : t('c.none');
  $('more').hidden = next == null;
}

function fields(r) {
  const e = r.event;
  const rows = [
    ['c.f.occurredAt', fmtTime(e.occurredAt)],
    ['c.f.action', e.action],
    ['c.f.outcome', e.outcome],
    ['c.f.user', `${e.user?.userId} (${e.user?.role})`],
    ['c.f.responsible', e.responsibleUser ? `${e.responsibleUser.userId} (${e.responsibleUser.role})` : ''],
    ['c.f.location', e.location ? [e.location.accessPoint, e.location.clientAddress, e.location.applicationInstance].filter(Boolean).join(' · ') : ''],
    ['c.f.patient', e.patientId],
    ['c.f.application', e.applicationId],
    ['c.f.policy', e.policy ? `${e.policy.version} · ${e.policy.hash}` : ''],
    ['c.f.decision', e.decision],
    ['c.f.rules', (e.ruleIds || []).join(', ')],
    ['c.f.model', e.modelEndpoint],
    ['c.f.objects', (e.objects || []).length ? el('ul', { class: 'small' }, e.objects.map((o) => el('li', {}, `${o.kind}: ${o.reference}`))) : ''],
    ['c.f.cited', (e.sourcesCited || []).join(', ')],
    ['c.f.correlation', e.correlationId],
    ['c.f.message', e.messageSha256],
    ['c.f.hash', r.hash],
  ].filter(([, v]) => v);
  return el('dl', { class: 'declarations' }, rows.flatMap(([k, v]) => [el('dt', {}, t(k)),
    el('dd', { class: ['c.f.policy', 'c.f.message', 'c.f.hash', 'c.f.correlation'].includes(k) ? 'mono' : '' }, v)]));
}

async function showDetail(r) {
  const panel = $('detail');
  document.querySelectorAll('#results tr.selected').forEach((tr) => tr.classList.remove('selected'));
  document.querySelector(`#results tr[data-seq="${r.sequence}"]`)?.classList.add('selected');
  panel.hidden = false;
  const chain = el('div', { id: 'chain' });
  panel.replaceChildren(
    el('h2', { id: 'detail-heading' }, t('c.detailHeading', { seq: r.sequence, type: r.event.type })),
    fields(r),
    el('p', { class: 'small muted' }, t('c.noContent')),
    chain);
  panel.focus();
  const id = r.event.correlationId;
  if (!id) {
    chain.replaceChildren(el('p', { class: 'small' }, t('c.chainNone')));
    return;
  }
  // The request's other records (the EPD read before it, for example) share its correlation id.
  try {
    const p = new URLSearchParams();
    if (r.event.user?.userId) p.set('user', r.event.user.userId);
    p.set('from', new Date(new Date(r.event.occurredAt).getTime() - 10 * 60000).toISOString());
    p.set('to', new Date(new Date(r.event.occurredAt).getTime() + 10 * 60000).toISOString());
    p.set('limit', '200');
    const page = await api('GET', `/api/v1/compliance/audit?${p}`);
    const related = page.records.filter((x) => x.event.correlationId === id).sort((a, b) => a.sequence - b.sequence);
    chain.replaceChildren(el('h3', {}, t('c.chain', { id })),
      el('ol', {}, related.map((x) => el('li', {}, `#${x.sequence} ${x.event.type}`,
        x.event.decision ? ` — ${x.event.decision}` : '', ` — ${x.event.outcome}`,
        (x.event.ruleIds || []).length ? ` — ${x.event.ruleIds.join(', ')}` : '',
        (x.event.objects || []).length ? ` — ${x.event.objects.length} object(en)` : ''))));
  } catch (e) { showProblem(chain, e); }
}

async function verify() {
  const out = $('verify-result');
  out.replaceChildren(el('p', { class: 'muted' }, t('c.verifying')));
  try {
    const v = await api('GET', '/api/v1/compliance/audit/verification');
    out.replaceChildren(el('p', { class: `status ${v.intact ? 'ok' : 'bad'}`, id: 'verify-status' },
      v.intact ? t('c.intact', { n: v.eventsChecked })
        : t('c.broken', { seq: v.firstBrokenSequence, reason: v.reason, n: v.eventsChecked })));
  } catch (e) { showProblem(out, e); }
}

async function usage() {
  const out = $('usage');
  const days = Number($('usage-days').value);
  const from = new Date(Date.now() - (days - 1) * 86400000);
  from.setHours(0, 0, 0, 0);
  out.replaceChildren(el('p', { class: 'muted' }, t('loading')));
  try {
    let all = [];
    let before = null;
    do {
      const p = new URLSearchParams({ type: 'CHAT_REQUEST', from: from.toISOString(), limit: '1000' });
      if (before != null) p.set('before', before);
      const page = await api('GET', `/api/v1/compliance/audit?${p}`);
      all = all.concat(page.records);
      before = page.nextBeforeSeq ?? null;
    } while (before != null && all.length < USAGE_MAX);
    const dayList = [];
    for (let i = 0; i < days; i++) {
      const d = new Date(from.getTime() + i * 86400000);
      dayList.push(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`);
    }
    const perApp = new Map();
    for (const r of all) {
      const d = new Date(r.event.occurredAt);
      const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      const app = r.event.applicationId || '—';
      if (!perApp.has(app)) perApp.set(app, new Map());
      const counts = perApp.get(app);
      const c = counts.get(day) || { allowed: 0, refused: 0 };
      if (r.event.decision === 'REFUSED') c.refused++; else c.allowed++;
      counts.set(day, c);
    }
    if (!all.length) {
      out.replaceChildren(el('p', {}, t('c.usageNone')));
      return;
    }
    const max = Math.max(1, ...[...perApp.values()].flatMap((m) => [...m.values()].map((c) => c.allowed + c.refused)));
    const apps = [...perApp.keys()].sort();
    const cards = apps.map((app) => {
      const counts = perApp.get(app);
      const total = [...counts.values()].reduce((s, c) => s + c.allowed + c.refused, 0);
      const refused = [...counts.values()].reduce((s, c) => s + c.refused, 0);
      return el('figure', { class: 'panel chart-card', 'data-app': app },
        dayBars({ title: app, days: dayList, counts, max, label: t('c.usageLabel', { app, total, refused, days }) }),
        el('figcaption', { class: 'small' }, t('c.usageLabel', { app, total, refused, days })));
    });
    out.replaceChildren(
      el('p', { class: 'small muted' }, t('c.usageNote', { n: all.length, capped: before != null ? t('c.usageCapped', { max: USAGE_MAX }) : '' })),
      el('div', { class: 'cards' }, cards),
      el('details', {}, el('summary', {}, t('c.usageTable')),
        el('table', { class: 'data' },
          el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('c.day')), apps.map((a) => el('th', { scope: 'col' }, a)))),
          el('tbody', {}, dayList.map((day) => el('tr', {}, el('th', { scope: 'row' }, day), apps.map((a) => {
            const c = perApp.get(a).get(day) || { allowed: 0, refused: 0 };
            return el('td', {}, `${c.allowed} / ${c.refused}`);
          })))))));
  } catch (e) { showProblem(out, e); }
}

async function start() {
  try {
    await header('compliance');
  } catch (e) {
    showProblem($('main'), e);
    return;
  }
  fill($('f-type'), TYPES);
  fill($('f-decision'), DECISIONS);
  fill($('f-outcome'), OUTCOMES);
  applyTexts();
  $('filters').addEventListener('submit', (e) => { e.preventDefault(); updateExports(); search(false); });
  $('filters').addEventListener('input', updateExports);
  $('filters').addEventListener('reset', () => setTimeout(() => { updateExports(); search(false); }));
  $('more').addEventListener('click', () => search(true));
  $('verify').addEventListener('click', verify);
  $('usage-form').addEventListener('submit', (e) => { e.preventDefault(); usage(); });
  onLanguageChange(() => { renderTable(); });
  updateExports();
  await search(false);
  usage();
}

start();
