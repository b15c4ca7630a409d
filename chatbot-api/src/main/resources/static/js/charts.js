// Two small charts drawn as inline SVG (no chart library: nothing to download or vendor, and the output is plain,
// inspectable markup). Each chart has a text alternative; the screens also offer the numbers as a table.

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function niceFormat(v) {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
}

/** A time series with an optional reference band: {title, points:[{x: Date, y}], low, high, locale}. */
export function lineChart({ title, points, low, high, locale }) {
  const W = 680, H = 240, L = 56, R = 16, T = 28, B = 34;
  const xs = points.map((p) => p.x.getTime());
  const ys = points.map((p) => p.y).concat([low, high].filter((v) => v != null));
  let x0 = Math.min(...xs), x1 = Math.max(...xs);
  if (x0 === x1) { x0 -= 86400000; x1 += 86400000; }
  let y0 = Math.min(...ys), y1 = Math.max(...ys);
  const pad = (y1 - y0) * 0.1 || Math.abs(y1) * 0.1 || 1;
  y0 -= pad; y1 += pad;
  const X = (x) => L + ((x - x0) / (x1 - x0)) * (W - L - R);
  const Y = (y) => T + (1 - (y - y0) / (y1 - y0)) * (H - T - B);
  const fmtDate = (ms) => new Date(ms).toLocaleDateString(locale, { year: 'numeric', month: 'short' });
  const last = points[points.length - 1];
  const root = svg('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img',
    'aria-label': `${title}: ${points.length} ${locale.startsWith('nl') ? 'waarden, laatste' : 'values, latest'} ${last.y} (${last.x.toLocaleDateString(locale)})` });
  root.append(svg('title', {}, title));
  root.append(svg('text', { x: L, y: 16, 'font-weight': '600' }, title));
  if (low != null || high != null) {
    const top = Y(high != null ? high : y1), bottom = Y(low != null ? low : y0);
    root.append(svg('rect', { x: L, y: top, width: W - L - R, height: Math.max(bottom - top, 1), fill: '#e6f4ea' }));
  }
  for (let i = 0; i <= 4; i++) {
    const v = y0 + ((y1 - y0) * i) / 4;
    root.append(svg('line', { x1: L, x2: W - R, y1: Y(v), y2: Y(v), stroke: '#d5d9e0' }));
    root.append(svg('text', { x: L - 6, y: Y(v) + 4, 'text-anchor': 'end' }, niceFormat(v)));
  }
  root.append(svg('text', { x: L, y: H - 10 }, fmtDate(x0)));
  root.append(svg('text', { x: W - R, y: H - 10, 'text-anchor': 'end' }, fmtDate(x1)));
  root.append(svg('polyline', { fill: 'none', stroke: '#0b4f8a', 'stroke-width': 2,
    points: points.map((p) => `${X(p.x.getTime())},${Y(p.y)}`).join(' ') }));
  for (const p of points) {
    const out = (low != null && p.y < low) || (high != null && p.y > high);
    root.append(svg('circle', { cx: X(p.x.getTime()), cy: Y(p.y), r: 3.5, fill: out ? '#a4161a' : '#0b4f8a' }));
  }
  return root;
}

/**
 * Stacked bars per day for one application: allowed (blue) and refused (red) requests.
 * days: ['2026-11-20', …]; counts: Map(day -> {allowed, refused}).
 */
export function dayBars({ title, days, counts, max, label }) {
  const W = 360, H = 150, L = 30, R = 8, T = 22, B = 24;
  const bw = (W - L - R) / Math.max(days.length, 1);
  const Y = (v) => T + (1 - v / max) * (H - T - B);
  const root = svg('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': label });
  root.append(svg('title', {}, label));
  root.append(svg('text', { x: L, y: 14, 'font-weight': '600' }, title));
  root.append(svg('line', { x1: L, x2: W - R, y1: Y(0), y2: Y(0), stroke: '#767f90' }));
  root.append(svg('text', { x: L - 4, y: Y(max) + 4, 'text-anchor': 'end' }, String(max)));
  root.append(svg('text', { x: L - 4, y: Y(0) + 4, 'text-anchor': 'end' }, '0'));
  days.forEach((day, i) => {
    const c = counts.get(day) || { allowed: 0, refused: 0 };
    const x = L + i * bw + 1;
    const w = Math.max(bw - 2, 1);
    if (c.allowed) root.append(svg('rect', { x, y: Y(c.allowed), width: w, height: Y(0) - Y(c.allowed), fill: '#2f6fb0' }));
    if (c.refused) root.append(svg('rect', { x, y: Y(c.allowed + c.refused), width: w, height: Y(0) - Y(c.refused), fill: '#c0392b' }));
  });
  if (days.length) {
    root.append(svg('text', { x: L, y: H - 6 }, days[0].slice(5)));
    root.append(svg('text', { x: W - R, y: H - 6, 'text-anchor': 'end' }, days[days.length - 1].slice(5)));
  }
  return root;
}
