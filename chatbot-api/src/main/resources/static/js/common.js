// Shared by the three screens: texts in Dutch and English, the signed-in user, API calls with the CSRF token,
// problem+json errors shown as "title: detail". No framework and no build step on purpose: the pages are served
// by the application itself and must work inside the hospital network without a CDN.

const TEXTS = {
  nl: {
    'skip': 'Naar de inhoud',
    'nav.specialist': 'Assistent',
    'nav.compliance': 'Compliance',
    'nav.it': 'IT-beheer',
    'signout': 'Afmelden',
    'lang.toggle': 'English',
    'lang.toggle.label': 'Switch to English',
    'problem.network': 'Geen verbinding met Consilium',
    'problem.connector.epd': 'Patiëntgegevens zijn nu niet beschikbaar: de koppeling met het EPD is door ICT uit dienst genomen. Er is geen antwoord gegeven.',
    'problem.connector.knowledge-base': 'De kennisbank is door ICT uit dienst genomen: er kan niet in de bronnen worden gezocht. Er is geen antwoord gegeven.',
    'problem.connector.model-endpoint': 'Het taalmodel is door ICT uit dienst genomen.',
    'yes': 'Ja', 'no': 'Nee',
    'loading': 'Bezig met laden…',
    'retention.none': 'niet bewaard',
    'retention.days': '{n} dag(en)',
    'retention.hours': '{n} uur',
  },
  en: {
    'skip': 'Skip to content',
    'nav.specialist': 'Assistant',
    'nav.compliance': 'Compliance',
    'nav.it': 'IT administration',
    'signout': 'Sign out',
    'lang.toggle': 'Nederlands',
    'lang.toggle.label': 'Schakel naar Nederlands',
    'problem.network': 'No connection to Consilium',
    'problem.connector.epd': 'Patient data is unavailable right now: hospital IT has taken the EPD connection out of service. No answer was given.',
    'problem.connector.knowledge-base': 'Hospital IT has taken the knowledge base out of service: the sources cannot be searched. No answer was given.',
    'problem.connector.model-endpoint': 'Hospital IT has taken the language model out of service.',
    'yes': 'Yes', 'no': 'No',
    'loading': 'Loading…',
    'retention.none': 'not stored',
    'retention.days': '{n} day(s)',
    'retention.hours': '{n} hour(s)',
  },
};

const listeners = [];
let current = localStorage.getItem('consilium.lang') === 'en' ? 'en' : 'nl';

export function lang() { return current; }

/** Adds a screen's own texts. */
export function addTexts(texts) {
  for (const l of ['nl', 'en']) Object.assign(TEXTS[l], texts[l]);
}

/** The text for a key in the current language, with {name} placeholders filled in. */
export function t(key, vars = {}) {
  const text = TEXTS[current][key] ?? TEXTS.nl[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (vars[name] ?? ''));
}

/** Picks the current language from an API {nl, en} text. */
export function loc(text) {
  if (!text) return '';
  if (typeof text === 'string') return text;
  return text[current] || text.nl || text.en || '';
}

export function onLanguageChange(fn) { listeners.push(fn); }

export function setLang(l) {
  current = l === 'en' ? 'en' : 'nl';
  localStorage.setItem('consilium.lang', current);
  applyTexts();
  listeners.forEach((fn) => fn(current));
}

/** Fills every element that names a text key: data-i18n (content), data-i18n-placeholder, data-i18n-label. */
export function applyTexts(root = document) {
  document.documentElement.lang = current;
  root.querySelectorAll('[data-i18n]').forEach((e) => { e.textContent = t(e.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((e) => { e.placeholder = t(e.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-label]').forEach((e) => { e.setAttribute('aria-label', t(e.dataset.i18nLabel)); });
  root.querySelectorAll('[data-i18n-title]').forEach((e) => { document.title = t(e.dataset.i18nTitle); });
}

/** Small DOM builder: el('p', {class: 'x'}, 'text', child). Strings become text nodes (never HTML). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** A retention period as people read it: the API gives an ISO-8601 duration (P30D, PT168H, PT0S). */
export function retentionText(iso) {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso || '');
  if (!m) return iso || '';
  const hours = Number(m[1] || 0) * 24 + Number(m[2] || 0) + Number(m[3] || 0) / 60 + Number(m[4] || 0) / 3600;
  if (hours === 0) return t('retention.none');
  return hours % 24 === 0 ? t('retention.days', { n: hours / 24 }) : t('retention.hours', { n: hours });
}

export function fmtTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return d.toLocaleString(current === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'short', timeStyle: 'medium' });
}

/** An API failure with the problem's title and detail (RFC 9457). */
export class Problem extends Error {
  constructor(status, title, detail, connector, reason) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.connector = connector; // set when IT took a connector out of service (problem type connector-out-of-service)
    this.reason = reason; // a refusal's machine-readable reason (e.g. knowledge-document-rejected: EMPTY, CORRUPT)
  }

  /** The text for the user: in their language when the problem is a known one, else title and detail. */
  get readable() {
    return this.connector ? t(`problem.connector.${this.connector}`) : this.message;
  }
}

let session = null;

/** The signed-in user, roles and CSRF token (GET /api/v1/me). */
export async function me() {
  if (!session) session = await api('GET', '/api/v1/me');
  return session;
}

/**
 * Calls the API; sends the CSRF header on every changing request; throws Problem for non-2xx answers. A FormData
 * body is sent as multipart/form-data as it is (the browser sets the boundary); anything else as JSON.
 */
export async function request(method, url, body, accept = 'application/json') {
  const headers = { Accept: `${accept}, application/problem+json` };
  if (method !== 'GET' && method !== 'HEAD') {
    const s = session || (url === '/api/v1/me' ? null : await me());
    if (s && s.csrf) headers[s.csrf.headerName] = s.csrf.token;
  }
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : form ? body : JSON.stringify(body),
      credentials: 'same-origin' });
  } catch (e) {
    throw new Problem(0, t('problem.network'), e.message);
  }
  if (response.status === 401) {
    // The session expired: sign in again and come back.
    window.location.assign('/login');
    throw new Problem(401, 'Unauthorized', '');
  }
  if (!response.ok) throw await problemOf(response);
  return response;
}

export async function api(method, url, body) {
  const response = await request(method, url, body);
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export async function problemOf(response) {
  let title = `HTTP ${response.status}`;
  let detail = '';
  let connector;
  let reason;
  try {
    const p = await response.json();
    title = p.title || title;
    detail = p.detail || '';
    connector = p.connector;
    reason = p.reason;
  } catch (e) { /* not problem+json */ }
  return new Problem(response.status, title, detail, connector, reason);
}

/** A visible, announced error box in `where`. */
export function showProblem(where, error) {
  where.replaceChildren(el('div', { class: 'problem', role: 'alert' },
    error instanceof Problem && error.connector ? [el('strong', {}, error.title), ' — ', error.readable]
      : error instanceof Problem ? [el('strong', {}, error.title), error.detail ? ` — ${error.detail}` : ''] : String(error)));
}

/** The top bar: brand, the screens this user may use, the user, the language switch and sign-out. */
export async function header(active) {
  const user = await me();
  const roles = new Set(user.roles);
  const links = [
    ['specialist', '/', roles.has('clinician')],
    ['compliance', '/compliance.html', roles.has('compliance-officer')],
    ['it', '/it.html', roles.has('it-admin')],
  ].filter(([, , show]) => show);
  const bar = document.querySelector('header.top');
  const langButton = el('button', { type: 'button', id: 'lang-toggle', lang: current === 'nl' ? 'en' : 'nl',
    'data-i18n': 'lang.toggle', 'data-i18n-label': 'lang.toggle.label' });
  langButton.addEventListener('click', () => {
    setLang(current === 'nl' ? 'en' : 'nl');
    langButton.lang = current === 'nl' ? 'en' : 'nl';
  });
  const logout = el('form', { method: 'post', action: '/logout' },
    user.csrf ? el('input', { type: 'hidden', name: user.csrf.parameterName, value: user.csrf.token }) : null,
    el('button', { type: 'submit', 'data-i18n': 'signout' }));
  bar.replaceChildren(
    el('span', { class: 'brand' }, 'Consilium'),
    el('nav', { 'aria-label': 'Consilium' }, el('ul', {}, links.map(([key, href]) =>
      el('li', {}, el('a', { href, 'aria-current': key === active ? 'page' : null, 'data-i18n': `nav.${key}` }))))),
    el('span', { class: 'spacer' }),
    el('span', { class: 'who', id: 'who' }, user.displayName),
    langButton,
    logout);
  applyTexts();
  return user;
}
