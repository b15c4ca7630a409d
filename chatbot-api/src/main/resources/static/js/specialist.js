// The specialist's screen: choose an application, read and accept its terms, ask with or without a patient
// context, read the streamed answer with numbered citations, see what the model received, look at a lab trend,
// and manage the own history.
import { addTexts, api, applyTexts, el, fmtTime, header, lang, loc, onLanguageChange, request, retentionText, showProblem,
  t }
  from './common.js';
import { lineChart } from './charts.js';

addTexts({
  nl: {
    'apps.heading': 'Toepassing',
    'apps.accepted': 'Voorwaarden geaccepteerd',
    'apps.notAccepted': 'Voorwaarden nog niet geaccepteerd',
    'apps.none': 'Er zijn geen toepassingen voor uw rol.',
    'patient.heading': 'Patiënt',
    'patient.label': 'Patiëntcontext',
    'patient.none': 'Geen patiënt',
    'patient.demo': 'Demo: kies een patiënt uit de sandbox-EPD. In het ziekenhuis komt de patiënt uit de EPD-koppeling.',
    'history.heading': 'Mijn gesprekken',
    'history.deleteAll': 'Alles verwijderen',
    'history.empty': 'Geen bewaarde gesprekken.',
    'history.open': 'Openen',
    'history.delete': 'Verwijderen',
    'history.deleteLabel': 'Gesprek "{title}" van {date} verwijderen',
    'history.openLabel': 'Gesprek "{title}" van {date} openen',
    'history.confirmOne': 'Dit gesprek definitief verwijderen? Het kan niet worden hersteld.',
    'history.confirmAll': 'Al uw bewaarde gesprekken definitief verwijderen? Dit kan niet worden hersteld.',
    'history.deleted': 'Gesprek verwijderd.',
    'history.deletedAll': '{n} gesprek(ken) verwijderd.',
    'history.patient': 'met patiëntcontext',
    'welcome.heading': 'Welkom bij Consilium',
    'welcome.text': 'Kies links een toepassing. U leest eerst haar gebruiksvoorwaarden.',
    'terms.heading': 'Gebruiksvoorwaarden: {title} (versie {version})',
    'terms.intro': 'Lees wat deze toepassing wel en niet mag. U accepteert eenmalig per versie.',
    'terms.intendedUse': 'Bedoeld gebruik',
    'terms.pseudo': 'Gepseudonimiseerde patiëntgegevens mogen worden verwerkt',
    'terms.personal': 'Persoonsgegevens (herleidbare patiëntgegevens) mogen worden verwerkt',
    'terms.cds': 'Klinische beslisondersteuning (diagnose, prognose of behandeladvies voor een individuele patiënt)',
    'terms.mdr': 'MDR-grondslag en validatie',
    'terms.mdr.none': 'Niet van toepassing: geen beslisondersteuning',
    'terms.sources': 'Kennisbronnen',
    'terms.fhir': 'Gegevens uit het EPD (FHIR)',
    'terms.fhir.none': 'Geen: deze toepassing leest geen patiëntgegevens',
    'terms.retention': 'Bewaartermijn van gesprekken',
    'terms.retention.none': 'Niet bewaard',
    'terms.retention.days': '{n} dag(en)',
    'terms.training': 'Verplichte training',
    'terms.training.none': 'Geen',
    'terms.disclaimer': 'Disclaimer',
    'terms.attest': 'Ik verklaar dat ik de training "{training}" heb gevolgd.',
    'terms.attestButton': 'Training bevestigen',
    'terms.attested': 'Training bevestigd.',
    'terms.accept': 'Ik heb de voorwaarden gelezen en ga akkoord',
    'terms.needsTraining': 'Bevestig eerst de verplichte training.',
    'chat.question': 'Uw vraag',
    'chat.hint': 'Ctrl+Enter verstuurt. Voer geen patiëntgegevens in, tenzij de toepassing dat toestaat.',
    'chat.send': 'Vraag stellen',
    'chat.new': 'Nieuw gesprek',
    'chat.you': 'U',
    'chat.consilium': 'Consilium',
    'chat.thinking': 'Consilium zoekt en controleert het antwoord…',
    'chat.notStored': 'Deze toepassing bewaart gesprekken niet.',
    'chat.stored': 'Dit gesprek wordt versleuteld bewaard ({retention}).',
    'chat.refused': 'Geweigerd',
    'chat.instead': 'Wat wel kan',
    'chat.sources': 'Bronnen',
    'chat.extractive': 'Extractief antwoord: letterlijke passages uit de bronnen, geen taalmodel',
    'chat.model': 'Antwoord van het taalmodel, gecontroleerd op bronnen',
    'chat.cite': 'Bron {n} openen',
    'decision.summary': 'Besluit: {outcome}',
    'decision.outcome': 'Uitkomst',
    'decision.rules': 'Regels',
    'decision.policy': 'Versie gebruiksvoorwaarden',
    'decision.patientData': 'Patiëntgegevens naar het model',
    'decision.fhir': 'EPD-gegevens gebruikt',
    'decision.model': 'Taalmodel',
    'decision.model.none': 'Geen (extractief)',
    'decision.correlation': 'Correlatie-id',
    'decision.audit': 'Auditregel',
    'outcome.ALLOWED': 'toegestaan',
    'outcome.PSEUDONYMISED': 'toegestaan na pseudonimisering',
    'outcome.REFUSED': 'geweigerd',
    'marker.REAL': 'Model ontving: echte gegevens',
    'marker.PSEUDONYMISED': 'Model ontving: gepseudonimiseerde gegevens',
    'marker.NONE': 'Model ontving: geen patiëntgegevens',
    'marker.UNKNOWN': 'Model ontving: nog niets (geen vraag gesteld)',
    'marker.UNAVAILABLE': 'Patiëntgegevens niet beschikbaar (EPD-koppeling uit dienst)',
    'banner.epdOff': 'Patiëntgegevens niet beschikbaar: de koppeling met het EPD is door ICT uit dienst genomen.',
    'chat.modelOff': 'Extractief antwoord: het taalmodel is door ICT uit dienst genomen; letterlijke passages uit de bronnen',
    'banner.label': 'Patiënt in context',
    'banner.born': 'geboren {date}', 'banner.age': '{n} jaar',
    'gender.female': 'vrouw', 'gender.male': 'man', 'gender.other': 'anders',
    'banner.noPatientData': 'Deze toepassing gebruikt geen patiëntgegevens.',
    'passage.version': 'versie {version}',
    'labs.heading': 'Labtrend',
    'labs.test': 'Bepaling',
    'labs.show': 'Toon trend',
    'labs.none': 'Geen uitslagen voor deze bepaling in de afgelopen 5 jaar.',
    'labs.table': 'Waarden als tabel',
    'labs.date': 'Datum', 'labs.value': 'Waarde', 'labs.ref': 'Referentie',
    'labs.range': 'Referentiebereik: {range}',
    'close': 'Sluiten',
  },
  en: {
    'apps.heading': 'Application',
    'apps.accepted': 'Terms accepted',
    'apps.notAccepted': 'Terms not accepted yet',
    'apps.none': 'There are no applications for your role.',
    'patient.heading': 'Patient',
    'patient.label': 'Patient context',
    'patient.none': 'No patient',
    'patient.demo': 'Demo: choose a patient of the sandbox EPD. In the hospital the patient comes from the EPD launch.',
    'history.heading': 'My conversations',
    'history.deleteAll': 'Delete all',
    'history.empty': 'No stored conversations.',
    'history.open': 'Open',
    'history.delete': 'Delete',
    'history.deleteLabel': 'Delete conversation "{title}" of {date}',
    'history.openLabel': 'Open conversation "{title}" of {date}',
    'history.confirmOne': 'Delete this conversation for good? It cannot be restored.',
    'history.confirmAll': 'Delete all your stored conversations for good? This cannot be undone.',
    'history.deleted': 'Conversation deleted.',
    'history.deletedAll': '{n} conversation(s) deleted.',
    'history.patient': 'with patient context',
    'welcome.heading': 'Welcome to Consilium',
    'welcome.text': 'Choose an application on the left. You first read its terms of use.',
    'terms.heading': 'Terms of use: {title} (version {version})',
    'terms.intro': 'Read what this application may and may not do. You accept once per version.',
    'terms.intendedUse': 'Intended use',
    'terms.pseudo': 'Pseudonymised patient data may be processed',
    'terms.personal': 'Personal data (identifying patient data) may be processed',
    'terms.cds': 'Clinical decision support (diagnosis, prognosis or treatment advice for an individual patient)',
    'terms.mdr': 'MDR basis and validation',
    'terms.mdr.none': 'Not applicable: no decision support',
    'terms.sources': 'Knowledge sources',
    'terms.fhir': 'Data from the EPD (FHIR)',
    'terms.fhir.none': 'None: this application reads no patient data',
    'terms.retention': 'Conversation retention',
    'terms.retention.none': 'Not stored',
    'terms.retention.days': '{n} day(s)',
    'terms.training': 'Required training',
    'terms.training.none': 'None',
    'terms.disclaimer': 'Disclaimer',
    'terms.attest': 'I declare that I completed the training "{training}".',
    'terms.attestButton': 'Confirm training',
    'terms.attested': 'Training confirmed.',
    'terms.accept': 'I have read the terms and accept them',
    'terms.needsTraining': 'Confirm the required training first.',
    'chat.question': 'Your question',
    'chat.hint': 'Ctrl+Enter sends. Do not enter patient data unless the application allows it.',
    'chat.send': 'Ask',
    'chat.new': 'New conversation',
    'chat.you': 'You',
    'chat.consilium': 'Consilium',
    'chat.thinking': 'Consilium is searching and checking the answer…',
    'chat.notStored': 'This application does not store conversations.',
    'chat.stored': 'This conversation is stored encrypted ({retention}).',
    'chat.refused': 'Refused',
    'chat.instead': 'What you can do instead',
    'chat.sources': 'Sources',
    'chat.extractive': 'Extractive answer: verbatim passages from the sources, no language model',
    'chat.model': 'Answer by the language model, checked against its sources',
    'chat.cite': 'Open source {n}',
    'decision.summary': 'Decision: {outcome}',
    'decision.outcome': 'Outcome',
    'decision.rules': 'Rules',
    'decision.policy': 'Terms-of-use version',
    'decision.patientData': 'Patient data sent to the model',
    'decision.fhir': 'EPD data used',
    'decision.model': 'Language model',
    'decision.model.none': 'None (extractive)',
    'decision.correlation': 'Correlation id',
    'decision.audit': 'Audit record',
    'outcome.ALLOWED': 'allowed',
    'outcome.PSEUDONYMISED': 'allowed after pseudonymisation',
    'outcome.REFUSED': 'refused',
    'marker.REAL': 'Model received: real data',
    'marker.PSEUDONYMISED': 'Model received: pseudonymised data',
    'marker.NONE': 'Model received: no patient data',
    'marker.UNKNOWN': 'Model received: nothing yet (no question asked)',
    'marker.UNAVAILABLE': 'Patient data unavailable (EPD connection out of service)',
    'banner.epdOff': 'Patient data unavailable: hospital IT has taken the EPD connection out of service.',
    'chat.modelOff': 'Extractive answer: hospital IT has taken the language model out of service; verbatim passages from the sources',
    'banner.label': 'Patient in context',
    'banner.born': 'born {date}', 'banner.age': '{n} years',
    'gender.female': 'female', 'gender.male': 'male', 'gender.other': 'other',
    'banner.noPatientData': 'This application uses no patient data.',
    'passage.version': 'version {version}',
    'labs.heading': 'Lab trend',
    'labs.test': 'Test',
    'labs.show': 'Show trend',
    'labs.none': 'No results for this test in the last 5 years.',
    'labs.table': 'Values as a table',
    'labs.date': 'Date', 'labs.value': 'Value', 'labs.ref': 'Reference',
    'labs.range': 'Reference range: {range}',
    'close': 'Close',
  },
});

const state = {
  apps: [],
  app: null,            // the chosen application (from GET /api/v1/applications)
  patientId: '',
  banner: null,         // {name, summary} of the patient in context
  patientData: null,    // REAL | PSEUDONYMISED | NONE from the last decision
  conversation: null,   // {id, stored}
};

const $ = (id) => document.getElementById(id);

function yesNo(value) {
  return el('span', { class: value ? 'yes' : 'no' }, t(value ? 'yes' : 'no'));
}

const retention = retentionText;

async function loadApps(keepId) {
  state.apps = await api('GET', '/api/v1/applications');
  if (keepId) state.app = state.apps.find((a) => a.id === keepId) || null;
  renderApps();
}

function renderApps() {
  const list = $('apps');
  if (!state.apps.length) {
    list.replaceChildren(el('li', { class: 'muted' }, t('apps.none')));
    return;
  }
  list.replaceChildren(...state.apps.map((a) => el('li', {},
    el('button', { type: 'button', 'aria-pressed': String(state.app?.id === a.id), 'data-app': a.id,
      onclick: () => choose(a.id) },
    loc(a.title),
    el('span', { class: 'state' }, t(a.termsAccepted ? 'apps.accepted' : 'apps.notAccepted'))))));
}

function choose(id) {
  state.app = state.apps.find((a) => a.id === id);
  state.conversation = null;
  state.patientData = null;
  $('log').replaceChildren();
  renderApps();
  render();
  const focusTarget = state.app.termsAccepted ? $('question') : $('terms-heading');
  focusTarget?.focus();
}

function render() {
  const app = state.app;
  $('placeholder').hidden = !!app;
  renderTerms();
  renderBanner();
  $('chat').hidden = !app || !app.termsAccepted;
  $('labs').hidden = !app || !app.termsAccepted || !state.patientId || !app.fhirResourceTypes.includes('Observation');
  if (app) {
    $('chat-heading').textContent = loc(app.title);
    $('intended-use').textContent = loc(app.intendedUse);
    $('conversation-note').textContent = retentionText(app.conversationRetention) === t('retention.none')
      ? t('chat.notStored') : t('chat.stored', { retention: retention(app.conversationRetention) });
  }
}

function renderTerms() {
  const panel = $('terms');
  const app = state.app;
  if (!app || app.termsAccepted) {
    panel.hidden = true;
    panel.replaceChildren();
    delete panel.dataset.rendered;
    return;
  }
  panel.hidden = false;
  // Re-render only when something shown changes, so a half-filled attestation is not reset by, say, the patient
  // banner arriving.
  const key = [app.id, app.termsVersion, app.trainingAttested, lang()].join('|');
  if (panel.dataset.rendered === key) return;
  panel.dataset.rendered = key;
  const d = app.declarations;
  const needsTraining = !!app.requiredTraining && !app.trainingAttested;
  const mdr = d.clinicalDecisionSupport
    ? [d.mdrBasis, d.validationReference].filter(Boolean).join(' — ') : t('terms.mdr.none');
  const status = el('p', { id: 'terms-status', role: 'status', class: 'small' });
  const rows = [
    ['terms.intendedUse', loc(app.intendedUse)],
    ['terms.pseudo', yesNo(d.pseudonymisedPatientData)],
    ['terms.personal', yesNo(d.personalData)],
    ['terms.cds', yesNo(d.clinicalDecisionSupport)],
    ['terms.mdr', mdr],
    ['terms.sources', app.knowledgeSources.length ? app.knowledgeSources.join(', ') : '—'],
    ['terms.fhir', app.fhirResourceTypes.length ? [...app.fhirResourceTypes].sort().join(', ') : t('terms.fhir.none')],
    ['terms.retention', retention(app.conversationRetention)],
    ['terms.training', app.requiredTraining || t('terms.training.none')],
    ['terms.disclaimer', loc(app.disclaimer)],
  ];
  const parts = [
    el('h2', { id: 'terms-heading', tabindex: '-1' }, t('terms.heading', { title: loc(app.title), version: app.termsVersion })),
    el('p', { class: 'small muted' }, t('terms.intro')),
    el('dl', { class: 'declarations', id: 'declarations' }, rows.flatMap(([k, v]) => [el('dt', {}, t(k)), el('dd', {}, v)])),
  ];
  if (app.requiredTraining) {
    if (needsTraining) {
      const box = el('input', { type: 'checkbox', id: 'attest-check' });
      const button = el('button', { type: 'button', id: 'attest', class: 'secondary', disabled: true }, t('terms.attestButton'));
      box.addEventListener('change', () => { button.disabled = !box.checked; });
      button.addEventListener('click', async () => {
        try {
          await api('PUT', `/api/v1/applications/${encodeURIComponent(app.id)}/training/attestation`,
            { trainingId: app.requiredTraining });
          await loadApps(app.id);
          render();
          $('terms-status').textContent = t('terms.attested');
        } catch (e) { showProblem(status, e); }
      });
      parts.push(el('div', { class: 'actions' }, box,
        el('label', { for: 'attest-check', class: 'inline' }, t('terms.attest', { training: app.requiredTraining })),
        button));
    } else {
      parts.push(el('p', { class: 'small yes' }, t('terms.attested')));
    }
  }
  const accept = el('button', { type: 'button', id: 'accept-terms', disabled: needsTraining,
    'aria-describedby': needsTraining ? 'terms-status' : null }, t('terms.accept'));
  if (needsTraining) status.textContent = t('terms.needsTraining');
  accept.addEventListener('click', async () => {
    try {
      await api('PUT', `/api/v1/applications/${encodeURIComponent(app.id)}/terms/acceptance`,
        { termsVersion: app.termsVersion });
      await loadApps(app.id);
      render();
      $('question').focus();
    } catch (e) { showProblem(status, e); }
  });
  parts.push(el('div', { class: 'actions' }, accept), status);
  panel.replaceChildren(...parts);
}

async function choosePatient(id) {
  state.patientId = id;
  state.banner = null;
  state.patientData = null;
  state.conversation = null;
  $('log').replaceChildren();
  $('labs-out').replaceChildren();
  if (id) {
    try {
      state.banner = await api('GET', `/api/v1/patients/${encodeURIComponent(id)}/banner`);
    } catch (e) {
      state.banner = { patientId: id, name: id, problem: e.message, epdOff: e.connector === 'epd' };
    }
  }
  render();
}

function bannerFacts(b) {
  if (b.epdOff) return t('banner.epdOff');
  if (b.problem) return b.problem;
  const gender = { female: t('gender.female'), male: t('gender.male'), other: t('gender.other') }[b.gender] || b.gender || '';
  return [gender, b.birthDate ? t('banner.born', { date: b.birthDate }) : '', b.age != null ? t('banner.age', { n: b.age }) : '']
    .filter(Boolean).join(', ');
}

function renderBanner() {
  const slot = $('banner-slot');
  if (!state.patientId || !state.banner) {
    slot.replaceChildren();
    return;
  }
  // With the EPD switched off the marker says so, whatever the application: never "nothing yet" as if all were well.
  const marker = state.banner.epdOff ? 'UNAVAILABLE' : state.patientData || 'UNKNOWN';
  const noData = state.app && state.app.fhirResourceTypes.length === 0;
  slot.replaceChildren(el('section', { class: 'banner', id: 'patient-banner', 'aria-label': t('banner.label') },
    el('span', { class: 'name', id: 'patient-name' }, state.banner.name),
    el('span', {}, bannerFacts(state.banner)),
    el('span', { class: 'mono small' }, state.patientId),
    el('span', { class: `marker ${marker}`, id: 'patient-marker', role: 'status' }, t(`marker.${marker}`)),
    noData ? el('span', { class: 'small' }, t('banner.noPatientData')) : null));
}

async function ensureConversation() {
  if (state.conversation) return state.conversation;
  const body = { applicationId: state.app.id };
  // Data minimisation in the UI too: an application whose use conditions read no EPD data gets no patient
  // context (the policy would refuse it); the banner stays and says so.
  if (state.patientId && state.app.fhirResourceTypes.length) body.patientId = state.patientId;
  const started = await api('POST', '/api/v1/conversations', body);
  state.conversation = started;
  return started;
}

/** Replaces [n] by buttons that open the cited passage; everything else stays text. */
function withCitations(text, sources) {
  const byNumber = new Map(sources.map((s) => [s.number, s]));
  const out = [];
  let last = 0;
  for (const m of text.matchAll(/\[(\d+)\]/g)) {
    const source = byNumber.get(Number(m[1]));
    if (!source) continue;
    out.push(text.slice(last, m.index));
    out.push(el('button', { type: 'button', class: 'cite', 'aria-label': t('chat.cite', { n: m[1] }),
      'data-source': m[1], onclick: () => openPassage(source) }, `[${m[1]}]`));
    last = m.index + m[0].length;
  }
  out.push(text.slice(last));
  return out;
}

function openPassage(source) {
  $('passage-title').textContent = `[${source.number}] ${source.title}`;
  $('passage-meta').textContent = [source.headingPath, source.version ? t('passage.version', { version: source.version }) : '',
    source.location].filter(Boolean).join(' · ');
  $('passage-text').textContent = source.text;
  $('passage').showModal();
}

function decisionDetails(d) {
  const rows = [
    ['decision.outcome', el('span', { class: `outcome ${d.outcome}` }, t(`outcome.${d.outcome}`))],
    ['decision.rules', (d.rules || []).join(', ') || '—'],
    ['decision.policy', d.policyVersion],
    ['decision.patientData', t(`marker.${d.patientData}`)],
    ['decision.fhir', (d.fhirReferences || []).length ? d.fhirReferences.join(', ') : '—'],
    ['decision.model', d.modelEndpoint || t('decision.model.none')],
    ['decision.correlation', el('span', { class: 'mono' }, d.correlationId)],
    ['decision.audit', `#${d.auditSequence}`],
  ];
  return el('details', { class: 'decision' },
    el('summary', {}, t('decision.summary', { outcome: t(`outcome.${d.outcome}`) })),
    el('dl', {}, rows.flatMap(([k, v]) => [el('dt', {}, t(k)), el('dd', {}, v)])));
}

/** Reads a text/event-stream body and calls onEvent(name, data) per event. */
async function readEvents(response, onEvent) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, '');
      let name = 'message';
      const data = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) onEvent(name, data.join('\n'));
    }
    if (done) break;
  }
}

async function ask(text) {
  const log = $('log');
  const send = $('send');
  send.disabled = true;
  $('busy').textContent = t('chat.thinking');
  log.append(el('div', { class: 'msg user' }, el('div', { class: 'who' }, t('chat.you')), el('div', { class: 'text' }, text)));
  const answer = el('div', { class: 'msg assistant', 'aria-busy': 'true' }, el('div', { class: 'who' }, t('chat.consilium')));
  const body = el('div', { class: 'text' });
  answer.append(body);
  log.append(answer);
  let streamed = '';
  try {
    const conversation = await ensureConversation();
    const response = await request('POST', `/api/v1/conversations/${conversation.id}/messages`,
      { text, language: lang() }, 'text/event-stream');
    await readEvents(response, (name, data) => {
      const payload = JSON.parse(data);
      if (name === 'token') {
        streamed += payload.text;
        body.textContent = streamed;
      } else if (name === 'sources') {
        body.replaceChildren(...withCitations(streamed, payload.sources));
        const mode = payload.mode !== 'EXTRACTIVE' ? 'chat.model' : payload.modelOutOfService ? 'chat.modelOff' : 'chat.extractive';
        answer.insertBefore(el('div', { class: 'mode' }, t(mode)), body);
        if (payload.sources.length) {
          answer.append(el('div', { class: 'small' }, el('strong', {}, t('chat.sources')),
            el('ol', { class: 'sources' }, payload.sources.map((s) => el('li', { value: s.number },
              el('button', { type: 'button', class: 'cite', 'data-source': s.number, onclick: () => openPassage(s),
                'aria-label': t('chat.cite', { n: s.number }) }, `[${s.number}]`),
              ` ${s.title}`, s.headingPath ? ` — ${s.headingPath}` : '', s.version ? ` (${t('passage.version', { version: s.version })})` : '')))));
        }
      } else if (name === 'refusal') {
        answer.classList.add('refusal');
        body.replaceChildren(el('strong', {}, `${t('chat.refused')}: `), payload.reason,
          payload.allowedInstead ? el('div', {}, el('strong', {}, `${t('chat.instead')}: `), payload.allowedInstead) : null);
      } else if (name === 'decision') {
        answer.append(decisionDetails(payload));
        state.patientData = payload.patientData;
        renderBanner();
      }
    });
  } catch (e) {
    answer.classList.add('error');
    showProblem(body, e);
    if (e.connector === 'epd') {
      // Never as if there were no patient: the banner says the patient's data is unavailable.
      state.patientData = 'UNAVAILABLE';
      renderBanner();
    }
  } finally {
    answer.removeAttribute('aria-busy');
    send.disabled = false;
    $('busy').textContent = '';
    loadHistory();
  }
}

async function loadHistory() {
  const list = $('history');
  let items;
  try {
    items = await api('GET', '/api/v1/conversations');
  } catch (e) {
    showProblem(list, e);
    return;
  }
  if (!items.length) {
    list.replaceChildren(el('li', { class: 'muted small' }, t('history.empty')));
    return;
  }
  list.replaceChildren(...items.map((c) => {
    const date = fmtTime(c.updatedAt || c.createdAt);
    const title = c.title || c.applicationId;
    return el('li', { 'data-conversation': c.id },
      el('span', { class: 'title small' }, title, el('br'), el('span', { class: 'muted' }, date,
        c.patientContext ? ` · ${t('history.patient')}` : '')),
      el('button', { type: 'button', class: 'secondary', 'aria-label': t('history.openLabel', { title, date }),
        onclick: () => openTranscript(c.id) }, t('history.open')),
      el('button', { type: 'button', class: 'danger', 'data-delete': c.id, 'aria-label': t('history.deleteLabel', { title, date }),
        onclick: () => deleteOne(c.id) }, t('history.delete')));
  }));
}

async function openTranscript(id) {
  try {
    const transcript = await api('GET', `/api/v1/conversations/${id}`);
    $('transcript-title').textContent = `${transcript.conversation.title} · ${fmtTime(transcript.conversation.createdAt)}`;
    $('transcript-body').replaceChildren(...transcript.messages.map((m) => el('div', { class: `msg ${m.role === 'user' ? 'user' : 'assistant'}` },
      el('div', { class: 'who' }, m.role === 'user' ? t('chat.you') : t('chat.consilium')), el('div', { class: 'text' }, m.content))));
    $('transcript').showModal();
  } catch (e) { showProblem($('history-status'), e); }
}

async function deleteOne(id) {
  if (!window.confirm(t('history.confirmOne'))) return;
  try {
    await api('DELETE', `/api/v1/conversations/${id}`);
    if (state.conversation?.id === id) {
      state.conversation = null;
      $('log').replaceChildren();
    }
    $('history-status').textContent = t('history.deleted');
  } catch (e) { showProblem($('history-status'), e); }
  loadHistory();
}

async function deleteAll() {
  if (!window.confirm(t('history.confirmAll'))) return;
  try {
    const result = await api('DELETE', '/api/v1/conversations');
    state.conversation = null;
    $('log').replaceChildren();
    $('history-status').textContent = t('history.deletedAll', { n: result.conversations });
  } catch (e) { showProblem($('history-status'), e); }
  loadHistory();
}

async function showLabs(loinc) {
  const out = $('labs-out');
  out.replaceChildren(el('p', { class: 'muted' }, t('loading')));
  try {
    const conversation = await ensureConversation();
    const series = await api('GET', `/api/v1/conversations/${conversation.id}/labs/${encodeURIComponent(loinc)}`);
    if (!series.points.length) {
      out.replaceChildren(el('p', {}, t('labs.none')));
      return;
    }
    const range = series.range ? (series.range.text || [series.range.low, series.range.high].filter((x) => x != null).join(' – ')) : '';
    out.replaceChildren(
      lineChart({
        title: `${series.display} (${series.unit})`,
        points: series.points.map((p) => ({ x: new Date(p.time), y: Number(p.value) })),
        low: series.range?.low != null ? Number(series.range.low) : null,
        high: series.range?.high != null ? Number(series.range.high) : null,
        locale: lang() === 'en' ? 'en-GB' : 'nl-NL',
      }),
      range ? el('p', { class: 'small' }, t('labs.range', { range: `${range} ${series.unit}` })) : null,
      el('details', {}, el('summary', {}, t('labs.table')),
        el('table', { class: 'data' },
          el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('labs.date')), el('th', { scope: 'col' }, t('labs.value')),
            el('th', { scope: 'col' }, t('labs.ref')))),
          el('tbody', {}, series.points.map((p) => el('tr', {}, el('td', {}, fmtTime(p.time)),
            el('td', {}, `${p.value} ${series.unit}`), el('td', { class: 'mono' }, p.reference)))))));
  } catch (e) { showProblem(out, e); }
}

async function start() {
  let user;
  try {
    user = await header('specialist');
  } catch (e) {
    showProblem($('main'), e);
    return;
  }
  $('patient-panel').hidden = !user.patientPicker;
  applyTexts();
  try {
    await loadApps();
  } catch (e) { showProblem($('apps'), e); }
  loadHistory();
  const params = new URLSearchParams(window.location.search);
  // Opened from the EPD through /launch: the server verified the signed link before redirecting here; a patient
  // typed into the URL by hand gets no behandelrelatie, so the policy refuses its data.
  if (params.get('patient')) {
    await choosePatient(params.get('patient'));
  }
  if (params.get('application') && state.apps.some((a) => a.id === params.get('application'))) {
    choose(params.get('application'));
  }
  $('patient').addEventListener('change', (e) => choosePatient(e.target.value));
  $('ask').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $('question').value.trim();
    if (!text || $('send').disabled) return;
    $('question').value = '';
    ask(text);
  });
  $('question').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) $('ask').requestSubmit();
  });
  $('new-conversation').addEventListener('click', () => {
    state.conversation = null;
    state.patientData = null;
    $('log').replaceChildren();
    renderBanner();
    $('question').focus();
  });
  $('delete-all').addEventListener('click', deleteAll);
  $('labs-form').addEventListener('submit', (e) => { e.preventDefault(); showLabs($('loinc').value); });
  onLanguageChange(() => { renderApps(); render(); loadHistory(); });
}

start();
