// Responder console: a dependency-free single-page app over the incident API (/api/v1) of the same process.
//
// Safety rule: everything the API returns is data, never markup. Incident titles, timeline text and evidence come
// from telemetry and may carry HTML or instructions, so text only ever reaches the DOM through text nodes
// (see h() and svg()). The single exception is the chart SVG the server draws itself, which is parsed as SVG,
// stripped of scripts, event handlers and external links (cleanSvg), then adopted; the postmortem is shown in a
// sandboxed iframe that may run nothing. The page's Content-Security-Policy forbids inline scripts as a backstop.

const API = 'api/v1';
const TOKEN_KEY = 'responder.token';
const TOKEN_COOKIE = 'responder_token';
const NAME_KEY = 'responder.operator';
const STATES = ['DETECTED', 'TRIAGED', 'INVESTIGATING', 'DIAGNOSED', 'MITIGATING', 'MITIGATED', 'RESOLVED', 'FAILED', 'ESCALATED'];
const OPEN_STATES = STATES.filter(s => s !== 'RESOLVED');
const EVENT_TYPES = ['incident.opened', 'incident.updated', 'incident.state_changed', 'approval.requested', 'approval.decided',
  'incident.progress'];
const MAX_ACTIVITY = 40;
const HYPOTHESIS_COLUMNS = [['OPEN', 'Open'], ['CONFIRMED', 'Confirmed'], ['REFUTED', 'Refuted']];
const KIND_ICONS = {
  state: '\u25C6', diagnosis: '\u2714', action: '\u2699', approval: '\u270B', alert: '\u26A0', signal: '\u223F',
  impact: '\u25BC', feedback: '\u270E', cost: '$', note: '\u2022',
};
const SVG_NS = 'http://www.w3.org/2000/svg';

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// DOM helpers: the only way this file creates content. Strings become text nodes; "on*" keys take functions only.

function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

function svg(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

function build(el, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) {
      if (typeof value !== 'function') throw new TypeError(`handler ${key} must be a function`);
      el.addEventListener(key.slice(2), value);
    } else if (key === 'class' && !(el instanceof SVGElement)) {
      el.className = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  addChildren(el, children);
  return el;
}

function addChildren(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) addChildren(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

function replace(el, ...children) {
  el.replaceChildren();
  addChildren(el, children);
}

const $ = id => document.getElementById(id);

// ---------------------------------------------------------------------------------------------------------------
// Formatting. The API's times are ISO-8601 instants in UTC; they are shown in UTC as they are.

function utcParts(iso) {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(String(iso ?? ''));
  return m ? { day: m[1], time: m[2] } : { day: '', time: String(iso ?? '') };
}

function fmtUtc(iso) {
  const p = utcParts(iso);
  return p.day ? `${p.day} ${p.time} UTC` : p.time;
}

function fmtDuration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(Number(seconds))) return '\u2014';
  let s = Math.round(Number(seconds));
  if (s < 60) return `${s}s`;
  const d = Math.floor(s / 86400); s -= d * 86400;
  const hr = Math.floor(s / 3600); s -= hr * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  if (d > 0) return `${d}d ${hr}h`;
  if (hr > 0) return `${hr}h ${m}m`;
  return s > 0 ? `${m}m ${s}s` : `${m}m`;
}

function fmtPct(rate) {
  return rate === null || rate === undefined ? '\u2014' : `${(Number(rate) * 100).toFixed(0)}%`;
}

function fmtUsd(usd) {
  if (usd === null || usd === undefined) return '\u2014';
  const v = Number(usd);
  return `$${v < 10 ? v.toFixed(2) : v.toFixed(0)}`;
}

function fmtNum(n, digits = 0) {
  return n === null || n === undefined ? '\u2014' : Number(n).toLocaleString('en-US', { maximumFractionDigits: digits });
}

function label(name) {
  return String(name ?? '').replaceAll('_', ' ');
}

function badge(kind, value, attrs = {}) {
  return h('span', { class: `badge ${kind}-${value}`, ...attrs }, value);
}

function confidence(value) {
  const pct = Math.max(0, Math.min(100, Math.round(Number(value) * 100)));
  const fill = h('div', { class: 'conf-fill' });
  fill.style.width = `${pct}%`;
  return h('div', { class: 'conf' },
    h('div', { class: 'conf-bar', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': pct,
      'aria-label': 'confidence' }, fill),
    h('span', {}, `${pct}%`));
}

function chips(names) {
  return (names || []).length ? [...names].sort().map(n => [h('span', { class: 'chip' }, n), ' ']) : h('span', { class: 'muted' }, '\u2014');
}

function debounce(fn, ms) {
  let timer = null;
  const run = () => { clearTimeout(timer); timer = setTimeout(fn, ms); };
  run.cancel = () => clearTimeout(timer);
  return run;
}

// ---------------------------------------------------------------------------------------------------------------
// Token, operator name and the API.

function token() {
  return localStorage.getItem(TOKEN_KEY) || '';
}

/**
 * Keeps the token in a same-site cookie as well, for the requests a page cannot add a header to: the event stream
 * and the postmortem opened on its own page. The server accepts the cookie for reads (GET) only, so it can never
 * approve anything, and a token never appears in a URL, a log line or the browser's history.
 */
function syncTokenCookie() {
  const t = token();
  document.cookie = t ? `${TOKEN_COOKIE}=${encodeURIComponent(t)}; path=/; SameSite=Strict`
    : `${TOKEN_COOKIE}=; path=/; SameSite=Strict; max-age=0`;
}

function setToken(value) {
  localStorage.setItem(TOKEN_KEY, value);
  syncTokenCookie();
}

function operator() {
  return ($('operator-name').value || '').trim() || 'operator';
}

function showAuth(message) {
  $('auth').hidden = false;
  $('auth-message').textContent = message || 'This Responder asks for a bearer token.';
  $('token-input').value = '';
  $('token-input').focus();
}

async function request(path, { method = 'GET', body } = {}) {
  const headers = {};
  if (token()) headers.Authorization = `Bearer ${token()}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${API}/${path}`, {
    method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 401) {
    const message = (await errorOf(res)) || 'unauthorized';
    showAuth(token() ? `The stored token was refused (${message}). Enter another.` : 'This Responder asks for a bearer token.');
    throw new ApiError(401, `unauthorized: ${message}`);
  }
  return res;
}

async function errorOf(res) {
  const text = await res.text();
  try {
    const data = JSON.parse(text);
    if (data && typeof data.error === 'string') return data.error;
  } catch {
    // not JSON: fall through to the status line
  }
  return `${res.status} ${res.statusText}`.trim();
}

async function api(path, options) {
  const res = await request(path, options);
  if (res.status === 403) {
    refreshRole(); // the token may have changed since the role was read (another tab, a re-issued token)
    throw new ApiError(403, `Not allowed (403): ${await errorOf(res)}`);
  }
  if (!res.ok) throw new ApiError(res.status, await errorOf(res));
  return res.json();
}

// ---------------------------------------------------------------------------------------------------------------
// The caller's role, from GET /session, so that a viewer is not offered Approve, Reject or feedback. This is a
// courtesy, not the safeguard: the server refuses with 403 whatever the page shows, and a 403 is shown as it comes.

let session = null; // { role, authentication } once known; while unknown every control is offered

function readOnly() {
  return session?.role === 'VIEWER';
}

/** Reads the role for the current token and shows it in the top bar; answers whether it changed. */
async function loadSession() {
  const asked = token();
  let next = null;
  try {
    const data = await api('session');
    next = { role: String(data.role), authentication: data.authentication !== false };
  } catch {
    // 401 already opened the token form; a server without /session leaves the role unknown
  }
  if (asked !== token()) return false; // the token changed meanwhile: the load for the new one decides
  const changed = JSON.stringify(next) !== JSON.stringify(session);
  session = next;
  showRole();
  return changed;
}

/** Re-reads the role and lets the open page redraw what depends on it. */
async function refreshRole() {
  if (await loadSession()) currentPage.roleChanged?.();
}

function showRole() {
  let el = $('role');
  if (!el) {
    el = h('span', { id: 'role', class: 'role', 'data-testid': 'role-indicator' });
    $('token-change').before(el);
  }
  el.hidden = !session;
  if (!session) return;
  el.dataset.role = session.role;
  el.textContent = readOnly() ? 'viewer \u00B7 read-only' : label(session.role).toLowerCase();
  el.title = !session.authentication ? 'Authentication is off: everyone may approve, reject and give feedback.'
    : readOnly() ? 'Your token may read but not approve, reject or give feedback.'
      : 'Your token may approve, reject and give feedback.';
}

// ---------------------------------------------------------------------------------------------------------------
// Live updates over server-sent events, with the indicator in the top bar.

const LIVE_TEXT = { live: 'live', connecting: 'connecting\u2026', reconnecting: 'reconnecting\u2026', off: 'offline' };

function setLive(state) {
  const el = $('live');
  el.dataset.state = state;
  el.textContent = LIVE_TEXT[state];
}

/** Opens the event stream; calls onEvent(type, event) per event and onOpen() on every (re)connection. */
function subscribe(params, onEvent, onOpen) {
  let source = null;
  let retry = null;
  let failures = 0;
  let closed = false;
  const connect = () => {
    const query = new URLSearchParams(params);
    syncTokenCookie();
    source = new EventSource(`${API}/events?${query}`);
    setLive('connecting');
    source.onopen = () => { failures = 0; setLive('live'); onOpen(); };
    source.onerror = () => {
      if (closed) return;
      if (source.readyState === EventSource.CLOSED) {
        // The server refused the stream (for example a revoked token): the browser will not retry, so we do.
        setLive('off');
        failures += 1;
        retry = setTimeout(connect, Math.min(30000, 2000 * failures));
      } else {
        setLive('reconnecting');
      }
    };
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, e => {
        let event;
        try { event = JSON.parse(e.data); } catch { return; }
        onEvent(type, event);
      });
    }
  };
  connect();
  return () => {
    closed = true;
    clearTimeout(retry);
    if (source) source.close();
    setLive('off');
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Pages. Each returns { dispose() }; a disposed page ignores late answers.

function listPage(view, params) {
  const filter = params.get('state') || 'all';
  const count = h('span', { class: 'count', 'data-testid': 'incident-count' });
  const rows = h('tbody', { id: 'incident-rows' });
  const message = h('div');
  const select = h('select', { id: 'state-filter', 'data-testid': 'state-filter',
    onchange: () => { location.hash = select.value === 'all' ? '#/' : `#/?state=${encodeURIComponent(select.value)}`; } },
  h('option', { value: 'all' }, 'All'), h('option', { value: 'open' }, 'Open (not resolved)'),
  STATES.map(s => h('option', { value: s }, label(s).toLowerCase())));
  select.value = filter === 'open' || STATES.includes(filter) ? filter : 'all';
  replace(view, h('section', { class: 'panel' },
    h('h2', {}, 'Incidents', count),
    h('div', { class: 'toolbar' }, h('label', { for: 'state-filter' }, 'State'), select),
    message,
    h('table', { class: 'list', 'data-testid': 'incident-table' },
      h('thead', {}, h('tr', {}, ['Severity', 'Incident', 'Title', 'State', 'Services', 'Diagnosis', 'Opened (UTC)']
        .map(c => h('th', { scope: 'col' }, c)))),
      rows)));
  let disposed = false;
  let unsubscribe = null;
  let shown = null;
  const load = async () => {
    const states = select.value === 'all' ? '' : select.value === 'open' ? OPEN_STATES.join(',') : select.value;
    try {
      const data = await api(`incidents?limit=200${states ? `&state=${states}` : ''}`);
      if (disposed) return;
      replace(message);
      count.textContent = `${data.count}`;
      if (!unsubscribe) unsubscribe = subscribe({}, type => { if (type !== 'incident.progress') refresh(); }, () => refresh());
      const sig = JSON.stringify(data.incidents);
      if (sig === shown) return; // redraw only on change: keeps focus and hover, and row elements stay valid
      shown = sig;
      replace(rows, data.incidents.length ? data.incidents.map(incidentRow)
        : h('tr', {}, h('td', { colspan: 7, class: 'empty' }, 'No incidents.')));
    } catch (e) {
      if (!disposed) replace(message, h('p', { class: 'flash', role: 'alert' }, e.message));
    }
  };
  const refresh = debounce(load, 150);
  load();
  return { dispose() { disposed = true; refresh.cancel(); if (unsubscribe) unsubscribe(); } };
}

function incidentRow(i) {
  const href = `#/incidents/${encodeURIComponent(i.id)}`;
  const d = i.diagnosis;
  return h('tr', { 'data-testid': 'incident-row', 'data-incident-id': i.id, 'data-state': i.state,
    onclick: e => { if (!e.target.closest('a')) location.hash = href; } },
  h('td', {}, badge('sev', i.severity)),
  h('td', { class: 'mono' }, i.id),
  h('td', { class: 'title' }, h('a', { href, 'data-testid': 'incident-link' }, i.title)),
  h('td', {}, badge('state', i.state, { 'data-testid': 'incident-state' })),
  h('td', {}, chips(i.services)),
  h('td', {}, d ? `${label(d.fault_type)} at ${d.root_cause_service} (${fmtPct(d.confidence)})` : h('span', { class: 'muted' }, '\u2014')),
  h('td', { class: 'time' }, fmtUtc(i.opened_at)));
}

function incidentPage(view, id) {
  const enc = encodeURIComponent(id);
  const feedback = feedbackForm(enc);
  const el = {
    message: h('div'), header: h('section', { class: 'panel', 'data-testid': 'incident-header' }, h('p', { class: 'muted' }, 'Loading\u2026')),
    approvals: h('div', { id: 'approvals' }), board: h('div', { class: 'board', 'data-testid': 'hypothesis-board' }),
    timeline: h('ol', { class: 'timeline', 'data-testid': 'timeline' }), charts: h('div', { 'data-testid': 'charts' }),
    activity: h('ol', { class: 'activity', 'data-testid': 'activity', 'aria-live': 'polite' }),
    activityPanel: null,
    postmortem: h('div', { 'data-testid': 'postmortem' }),
    approvalCount: h('span', { class: 'count' }), hypothesisCount: h('span', { class: 'count' }),
    stateBadge: h('span', { id: 'state-badge', 'data-testid': 'state-badge' }),
  };
  replace(view, el.message, el.header,
    h('section', { class: 'panel', 'aria-labelledby': 'approvals-title' },
      h('h2', { id: 'approvals-title' }, 'Proposed actions', el.approvalCount), el.approvals),
    h('section', { class: 'panel', 'aria-labelledby': 'board-title' },
      h('h2', { id: 'board-title' }, 'Hypothesis board', el.hypothesisCount), el.board),
    el.activityPanel = h('section', { class: 'panel', 'aria-labelledby': 'activity-title', hidden: true },
      h('h2', { id: 'activity-title' }, 'Live activity', h('span', { class: 'count' }, 'what the agents are doing now')), el.activity),
    h('div', { class: 'grid2' },
      h('section', { class: 'panel', 'aria-labelledby': 'timeline-title' }, h('h2', { id: 'timeline-title' }, 'Timeline (UTC)'), el.timeline),
      h('section', { class: 'panel', 'aria-labelledby': 'charts-title' }, h('h2', { id: 'charts-title' }, 'Evidence charts'), el.charts)),
    h('section', { class: 'panel', 'aria-labelledby': 'postmortem-title' }, h('h2', { id: 'postmortem-title' }, 'Postmortem'), el.postmortem),
    feedback.section);
  const page = { disposed: false, approvals: [], ui: new Map(), seen: new Map() };
  page.renderApprovals = () => renderApprovals(el, page);
  let unsubscribe = null;

  const changed = (key, value) => {
    const sig = typeof value === 'string' ? value : JSON.stringify(value);
    if (page.seen.get(key) === sig) return false;
    page.seen.set(key, sig);
    return true;
  };
  const loadDetail = async () => {
    try {
      const [incident, approvals] = await Promise.all([api(`incidents/${enc}`), api(`approvals?incident=${enc}&state=all&limit=1000`)]);
      if (page.disposed) return;
      replace(el.message);
      if (changed('incident', incident)) renderIncident(el, incident);
      if (changed('approvals', approvals.approvals)) { page.approvals = approvals.approvals; page.renderApprovals(); }
      if (!unsubscribe) unsubscribe = subscribe({ incident: id }, onEvent, onOpen);
    } catch (e) {
      if (page.disposed) return;
      replace(el.message, h('p', { class: 'flash', role: 'alert', 'data-testid': 'page-error' },
        e.status === 404 ? `No incident ${id}: ${e.message}` : e.message));
    }
  };
  const loadReports = async () => {
    await Promise.all([loadCharts(enc, el, page, changed), loadPostmortem(enc, el, page, changed)]);
  };
  const refreshDetail = debounce(loadDetail, 100);
  const refreshReports = debounce(loadReports, 500);
  const onEvent = (type, event) => {
    if (event.incident_id !== id) return;
    if (type === 'incident.progress') {
      addActivity(el, event);
      return;
    }
    refreshDetail();
    if (type === 'incident.state_changed' || type === 'approval.decided') refreshReports();
  };
  const onOpen = () => { refreshDetail(); };
  page.reload = refreshDetail;
  loadDetail();
  loadReports();
  return {
    dispose() {
      page.disposed = true;
      refreshDetail.cancel();
      refreshReports.cancel();
      if (unsubscribe) unsubscribe();
    },
    roleChanged() {
      page.renderApprovals();
      feedback.showRole();
    },
  };
}

function renderIncident(el, incident) {
  document.title = `${incident.id} \u00B7 ${incident.title} \u00B7 Responder`;
  const d = incident.diagnosis;
  // The state badge is one element for the page's life, updated in place: whoever holds it across a live redraw (a
  // screen reader, a browser test) keeps a valid element.
  el.stateBadge.className = `badge state-${incident.state}`;
  el.stateBadge.setAttribute('aria-label', `state ${incident.state}`);
  el.stateBadge.textContent = incident.state;
  replace(el.header,
    h('div', { class: 'incident-head' },
      h('h1', { 'data-testid': 'incident-title' }, incident.title),
      el.stateBadge,
      badge('sev', incident.severity, { 'data-testid': 'severity-badge' }),
      h('span', { class: 'mono muted' }, incident.id)),
    h('div', { class: 'facts' },
      h('span', {}, 'Opened ', h('b', {}, fmtUtc(incident.opened_at))),
      h('span', { 'data-testid': 'incident-services' }, 'Services ',
        chips(incident.services))),
    d ? h('div', { class: 'diagnosis', 'data-testid': 'diagnosis' },
      h('div', {}, h('b', {}, `${label(d.fault_type)} at ${d.root_cause_service}`)),
      confidence(d.confidence),
      d.explanation ? h('div', {}, d.explanation) : null)
      : h('div', { class: 'diagnosis none', 'data-testid': 'diagnosis' }, 'No diagnosis yet.'));
  renderBoard(el, incident.hypotheses || []);
  renderTimeline(el.timeline, incident.timeline || []);
}

function renderBoard(el, hypotheses) {
  el.hypothesisCount.textContent = `${hypotheses.length}`;
  replace(el.board, HYPOTHESIS_COLUMNS.map(([status, title]) => {
    const cards = hypotheses.filter(x => x.status === status).sort((a, b) => b.confidence - a.confidence);
    return h('div', { class: 'column', 'data-testid': 'hypothesis-column', 'data-status': status },
      h('h3', {}, h('span', {}, title), h('span', {}, `${cards.length}`)),
      cards.length ? cards.map(hypothesisCard) : h('p', { class: 'muted small' }, 'none'));
  }));
}

function hypothesisCard(x) {
  return h('article', { class: `card ${x.status}`, 'data-testid': 'hypothesis-card', 'data-hypothesis-id': x.id, 'data-status': x.status },
    h('div', { class: 'statement' }, x.statement),
    h('div', { class: 'meta' }, x.fault_type ? `${label(x.fault_type)} at ${x.root_cause_service}` : null,
      x.proposed_by ? ` \u00B7 proposed by ${x.proposed_by}` : null),
    confidence(x.confidence),
    (x.evidence || []).length ? h('ul', { class: 'evidence', 'aria-label': 'evidence' }, x.evidence.map(ev =>
      h('li', { 'data-testid': 'evidence', 'data-supports': String(ev.supports) },
        h('span', { class: `tag ${ev.supports ? 'supports' : 'against'}` }, ev.supports ? 'supports' : 'against'),
        ev.claim,
        h('div', { class: 'meta' }, 'source ', h('code', {}, ev.source)),
        ev.query ? h('pre', {}, h('code', { 'data-testid': 'evidence-query' }, ev.query)) : null)))
      : h('p', { class: 'meta' }, 'No evidence yet.'),
    x.next_test ? h('div', { class: 'meta' }, 'Next test: ', x.next_test) : null);
}

/** One line of live progress (a tool call, a verdict); kept in the page only, the newest last, at most MAX_ACTIVITY. */
function addActivity(el, event) {
  const d = event.data || {};
  const p = utcParts(event.at);
  el.activityPanel.hidden = false;
  el.activity.appendChild(h('li', { 'data-testid': 'activity-entry' },
    h('time', { datetime: event.at, title: fmtUtc(event.at) }, p.time),
    h('span', { class: 'who' }, String(d.who || '')), h('span', { class: 'text' }, String(d.what || ''))));
  while (el.activity.children.length > MAX_ACTIVITY) el.activity.removeChild(el.activity.firstChild);
  el.activity.scrollTop = el.activity.scrollHeight;
}

function renderTimeline(list, entries) {
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 8;
  let day = '';
  const items = [];
  for (const e of entries) {
    const p = utcParts(e.ts);
    if (p.day && p.day !== day) {
      day = p.day;
      items.push(h('li', { class: 'day', 'aria-hidden': 'true' }, day));
    }
    const attrs = Object.entries(e.attributes || {}).filter(([k]) => e.kind !== 'state' || (k !== 'state' && k !== 'from'));
    items.push(h('li', { 'data-testid': 'timeline-entry', 'data-kind': e.kind },
      h('time', { datetime: e.ts, title: fmtUtc(e.ts) }, p.time),
      h('span', { class: `kind kind-${e.kind}` }, `${KIND_ICONS[e.kind] || '\u2022'} ${e.kind}`),
      h('span', { class: 'text' }, e.text,
        attrs.length ? h('span', { class: 'attrs' }, attrs.map(([k, v]) => `${k}=${v}`).join('  ')) : null)));
  }
  replace(list, items.length ? items : h('li', { class: 'muted' }, 'Nothing yet.'));
  if (atBottom) list.scrollTop = list.scrollHeight;
}

// ---------------------------------------------------------------------------------------------------------------
// Approvals: Approve and Reject (with an inline comment form); the decision replaces the buttons. A viewer sees a
// note instead of the buttons.

function renderApprovals(el, page) {
  const pending = page.approvals.filter(a => a.state === 'PENDING').length;
  el.approvalCount.textContent = page.approvals.length ? `${pending} pending of ${page.approvals.length}` : '';
  replace(el.approvals, page.approvals.length ? page.approvals.map(a => approvalCard(a, page))
    : h('p', { class: 'muted', 'data-testid': 'approvals-empty' }, 'No actions proposed.'));
}

function approvalCard(a, page) {
  const ui = page.ui.get(a.id) || {};
  const act = a.action || {};
  const params = Object.entries(act.params || {});
  return h('article', { class: 'approval', 'data-testid': 'approval-card', 'data-approval-id': a.id, 'data-state': a.state },
    h('div', { class: 'what' }, act.description || `${act.kind} ${act.target}`, ' ',
      badge('appr', a.state, { 'data-testid': 'approval-state' }), ' ',
      act.risk ? badge('risk', act.risk) : null, ' ',
      act.reversibility ? h('span', { class: 'chip' }, label(act.reversibility).toLowerCase()) : null),
    h('dl', {},
      h('dt', {}, 'Action'), h('dd', {}, `${label(act.kind).toLowerCase()} on `, h('b', {}, act.target)),
      params.length ? [h('dt', {}, 'Parameters'), h('dd', {}, params.map(([k, v]) => h('code', { class: 'chip' }, `${k}=${v}`)))] : null,
      act.rationale ? [h('dt', {}, 'Rationale'), h('dd', {}, act.rationale)] : null,
      a.reason ? [h('dt', {}, 'Reason'), h('dd', {}, a.reason)] : null,
      h('dt', {}, 'Requested'), h('dd', {}, fmtUtc(a.requested_at))),
    a.state !== 'PENDING' ? decision(a) : readOnly() ? readOnlyNote() : pendingControls(a, ui, page),
    ui.error ? h('div', { class: 'inline-error', role: 'alert', 'data-testid': 'approval-error' }, ui.error) : null);
}

function decision(a) {
  return h('div', { class: 'decision', 'data-testid': 'approval-decision' },
    h('b', {}, a.state), a.decided_by ? ` by ${a.decided_by}` : '', a.decided_at ? ` at ${fmtUtc(a.decided_at)}` : '',
    a.comment ? h('div', { class: 'muted' }, '\u201C', a.comment, '\u201D') : null);
}

function readOnlyNote() {
  return h('p', { class: 'readonly', 'data-testid': 'approval-readonly' },
    'Your token is read-only (viewer); a responder token may approve or reject.');
}

function pendingControls(a, ui, page) {
  const set = patch => { page.ui.set(a.id, { ...ui, ...patch }); page.renderApprovals(); };
  const fieldId = `reject-comment-${a.id}`;
  const buttons = h('div', { class: 'actions' },
    h('button', { type: 'button', class: 'approve', 'data-testid': 'approve-button', disabled: ui.busy,
      onclick: () => decide(a, 'approve', '', page) }, 'Approve'),
    h('button', { type: 'button', class: 'reject', 'data-testid': 'reject-button', disabled: ui.busy || ui.rejecting,
      'aria-expanded': String(Boolean(ui.rejecting)),
      onclick: () => { set({ rejecting: true, error: null }); document.getElementById(fieldId)?.focus(); } }, 'Reject\u2026'),
    h('span', { class: 'muted small' }, 'as ', operator()));
  if (!ui.rejecting) return buttons;
  const comment = h('textarea', { id: fieldId, 'data-testid': 'reject-comment', required: true, maxlength: 2000,
    oninput: () => { ui.draft = comment.value; page.ui.set(a.id, ui); } });
  comment.value = ui.draft || '';
  const form = h('form', { class: 'reject-form', 'data-testid': 'reject-form',
    onsubmit: e => { e.preventDefault(); decide(a, 'reject', comment.value.trim(), page); } },
  h('label', { for: fieldId }, 'Why reject this action? The comment goes to the audit log.'), comment,
  h('div', { class: 'actions' },
    h('button', { type: 'submit', class: 'danger', 'data-testid': 'reject-confirm', disabled: ui.busy }, 'Reject action'),
    h('button', { type: 'button', 'data-testid': 'reject-cancel', onclick: () => set({ rejecting: false, draft: '' }) }, 'Cancel')));
  return [buttons, form];
}

async function decide(a, verb, comment, page) {
  const ui = page.ui.get(a.id) || {};
  page.ui.set(a.id, { ...ui, busy: true, error: null });
  page.renderApprovals();
  try {
    const body = { by: operator() };
    if (comment) body.comment = comment;
    const decided = await api(`approvals/${encodeURIComponent(a.id)}/${verb}`, { method: 'POST', body });
    if (page.disposed) return;
    page.ui.delete(a.id);
    page.approvals = page.approvals.map(x => (x.id === a.id ? { ...x, ...decided } : x));
    page.renderApprovals();
  } catch (e) {
    if (page.disposed) return;
    page.ui.set(a.id, { ...ui, busy: false, error: e.message });
    page.renderApprovals();
    if (e.status === 409) page.reload();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Charts (server-drawn SVG) and the postmortem (sandboxed iframe).

async function loadCharts(enc, el, page, changed) {
  let result;
  try {
    const res = await request(`incidents/${enc}/charts`);
    result = res.ok ? { charts: (await res.json()).charts || [] } : { error: res.status === 404 ? null : await errorOf(res) };
  } catch (e) {
    result = { error: e.message };
  }
  if (page.disposed || !changed('charts', result)) return;
  if (result.charts && result.charts.length) {
    replace(el.charts, h('div', { class: 'charts' }, result.charts.map(c => {
      const figure = cleanSvg(c.svg);
      return h('figure', { class: 'chart', 'data-testid': 'chart', 'data-metric': c.metric },
        h('figcaption', {}, c.title || c.metric, c.service ? h('span', { class: 'muted' }, ` \u00B7 ${c.service}`) : null),
        figure || h('p', { class: 'muted' }, 'chart could not be drawn'));
    })));
  } else {
    replace(el.charts, h('p', { class: 'muted', 'data-testid': 'charts-empty' }, result.error ? `No charts: ${result.error}` : 'No charts.'));
  }
}

/** Parses server SVG and removes anything that could run or fetch: scripts, foreign content, handlers, links out. */
function cleanSvg(markup) {
  const doc = new DOMParser().parseFromString(String(markup || ''), 'image/svg+xml');
  const root = doc.documentElement;
  if (!root || root.localName !== 'svg' || root.namespaceURI !== SVG_NS || doc.getElementsByTagName('parsererror').length) return null;
  for (const bad of root.querySelectorAll('script, foreignObject, iframe, object, embed, use, image, animate, set')) bad.remove();
  for (const node of [root, ...root.querySelectorAll('*')]) {
    for (const attr of [...node.attributes]) {
      const name = attr.name.toLowerCase();
      const external = (name === 'href' || name.endsWith(':href')) && !attr.value.startsWith('#');
      if (name.startsWith('on') || external) node.removeAttribute(attr.name);
    }
  }
  root.setAttribute('role', 'img');
  return document.importNode(root, true);
}

async function loadPostmortem(enc, el, page, changed) {
  const path = `incidents/${enc}/postmortem?format=html`;
  let result;
  try {
    const res = await request(path);
    result = res.ok ? { html: await res.text() } : { status: res.status, error: await errorOf(res) };
  } catch (e) {
    result = { error: e.message };
  }
  if (page.disposed || !changed('postmortem', result)) return;
  if (result.html !== undefined) {
    const alone = `${API}/${path}`;
    const frame = h('iframe', { class: 'postmortem', sandbox: true, title: 'Postmortem', 'data-testid': 'postmortem-frame',
      referrerpolicy: 'no-referrer' });
    frame.srcdoc = result.html;
    replace(el.postmortem,
      h('p', {}, h('a', { href: alone, target: '_blank', rel: 'noopener noreferrer', 'data-testid': 'postmortem-link' }, 'Open the postmortem on its own page')),
      frame);
  } else {
    replace(el.postmortem, h('p', { class: 'muted', 'data-testid': 'postmortem-empty' },
      result.status === 404 ? 'No postmortem yet.' : `Postmortem unavailable: ${result.error}`));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Feedback: only the questions the operator answered are sent. It needs the responder role, so for a viewer the form
// is disabled with a note. Returns the section and showRole(), which applies the current role.

function feedbackForm(enc) {
  const question = (id, text) => h('div', { class: 'field' }, h('label', { for: id }, text),
    h('select', { id, 'data-testid': id }, h('option', { value: '' }, '\u2014'), h('option', { value: 'true' }, 'yes'),
      h('option', { value: 'false' }, 'no')));
  const status = h('p', { role: 'status', 'data-testid': 'feedback-status', class: 'small' });
  const note = h('p', { class: 'readonly', 'data-testid': 'feedback-readonly' },
    'Feedback needs the responder role; your token is read-only (viewer).');
  const fields = h('fieldset', { class: 'plain', 'data-testid': 'feedback-fields' },
    h('div', { class: 'fields' },
      question('feedback-diagnosis', 'Diagnosis right?'),
      question('feedback-action', 'Action right?'),
      question('feedback-false-positive', 'False positive?')),
    h('div', { class: 'field' }, h('label', { for: 'feedback-comment' }, 'Comment'),
      h('textarea', { id: 'feedback-comment', 'data-testid': 'feedback-comment', maxlength: 4000 })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', 'data-testid': 'feedback-submit' }, 'Send feedback')));
  const form = h('form', { 'data-testid': 'feedback-form', onsubmit: async e => {
    e.preventDefault();
    const body = {};
    for (const [id, field] of [['feedback-diagnosis', 'diagnosis_correct'], ['feedback-action', 'action_correct'],
      ['feedback-false-positive', 'false_positive']]) {
      const v = form.querySelector(`#${id}`).value;
      if (v) body[field] = v === 'true';
    }
    if (!Object.keys(body).length) {
      status.className = 'small error';
      status.textContent = 'Answer at least one question.';
      return;
    }
    const comment = form.querySelector('#feedback-comment').value.trim();
    if (comment) body.comment = comment;
    body.by = operator();
    try {
      const res = await api(`incidents/${enc}/feedback`, { method: 'POST', body });
      status.className = 'small';
      status.textContent = `Thank you \u2014 recorded${res.audit ? ` as audit record ${res.audit.seq}` : ''}.`;
      form.reset();
    } catch (err) {
      status.className = 'small error';
      status.textContent = err.message;
    }
  } },
  fields,
  status);
  const showRole = () => {
    fields.disabled = readOnly();
    note.hidden = !readOnly();
  };
  showRole();
  return {
    section: h('section', { class: 'panel', 'aria-labelledby': 'feedback-title' }, h('h2', { id: 'feedback-title' }, 'Feedback'), note, form),
    showRole,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Metrics dashboard: tiles from the summary, small SVG charts of the time series.

const SERIES = [
  ['incidents', 'Incidents', 'bar', fmtNum], ['mitigated', 'Mitigated', 'bar', fmtNum],
  ['mttr_seconds', 'Mean time to mitigate', 'line', fmtDuration], ['ttd_seconds', 'Mean time to detect', 'line', fmtDuration],
  ['acceptance_rate', 'Action acceptance rate', 'line', fmtPct], ['cost_usd', 'Investigation cost', 'bar', fmtUsd],
  ['time_saved_seconds', 'Time saved', 'bar', fmtDuration], ['false_positives', 'False positives', 'bar', fmtNum],
];

function metricsPage(view, params) {
  const bucket = ['hour', 'day', 'week'].includes(params.get('bucket')) ? params.get('bucket') : 'day';
  const select = h('select', { id: 'bucket', 'data-testid': 'bucket',
    onchange: () => { location.hash = `#/metrics?bucket=${select.value}`; } },
  ['hour', 'day', 'week'].map(b => h('option', { value: b }, `per ${b}`)));
  select.value = bucket;
  const message = h('div');
  const tiles = h('div', { class: 'tiles', 'data-testid': 'metric-tiles' });
  const series = h('div', { class: 'series', 'data-testid': 'metric-series' });
  replace(view, h('section', {},
    h('div', { class: 'toolbar' }, h('h1', {}, 'Success metrics'), h('span', { class: 'spacer' }),
      h('label', { for: 'bucket' }, 'Series'), select),
    message, tiles, h('section', { class: 'panel' }, h('h2', {}, 'Over time'), series)));
  let disposed = false;
  let unsubscribe = null;
  const load = async () => {
    try {
      const [summary, timeseries] = await Promise.all([api('metrics/summary'), api(`metrics/timeseries?bucket=${bucket}`)]);
      if (disposed) return;
      replace(message);
      replace(tiles, summaryTiles(summary));
      replace(series, SERIES.map(([key, title, kind, fmt]) => sparkChart(timeseries.points || [], key, title, kind, fmt, bucket)));
      if (!unsubscribe) unsubscribe = subscribe({}, type => { if (type !== 'incident.progress') refresh(); }, () => {});
    } catch (e) {
      if (disposed) return;
      replace(message, h('p', { class: 'flash', role: 'alert', 'data-testid': 'page-error' }, e.status === 404
        ? 'This Responder does not serve success metrics yet (GET /api/v1/metrics/summary answered 404).' : e.message));
    }
  };
  const refresh = debounce(load, 2000);
  load();
  return { dispose() { disposed = true; refresh.cancel(); if (unsubscribe) unsubscribe(); } };
}

function summaryTiles(s) {
  const a = s.approvals || {};
  const cost = s.cost || {};
  const tile = (key, name, value, sub) => h('div', { class: 'tile', 'data-testid': 'metric-tile', 'data-metric': key },
    h('div', { class: 'label' }, name), h('div', { class: 'value' }, value), sub ? h('div', { class: 'sub' }, sub) : null);
  const durations = d => (d && d.count ? `median ${fmtDuration(d.median)} \u00B7 n=${d.count}` : 'no data');
  return [
    tile('incidents', 'Incidents', fmtNum(s.incidents), `${fmtNum(s.open)} open`),
    tile('mitigated', 'Mitigated', fmtNum(s.mitigated), `${fmtNum(s.escalated)} escalated`),
    tile('mttr', 'Mean time to mitigate', fmtDuration(s.mttr_seconds?.mean), durations(s.mttr_seconds)),
    tile('ttd', 'Mean time to detect', fmtDuration(s.ttd_seconds?.mean), durations(s.ttd_seconds)),
    tile('acceptance', 'Actions accepted', fmtPct(s.acceptance_rate),
      `${fmtNum(a.approved)} approved \u00B7 ${fmtNum(a.rejected)} rejected \u00B7 ${fmtNum(a.expired)} expired \u00B7 ${fmtNum(a.pending)} pending`),
    tile('diagnosis-accuracy', 'Diagnosis accuracy', fmtPct(s.diagnosis_accuracy?.rate),
      s.diagnosis_accuracy?.rated ? `${s.diagnosis_accuracy.correct} of ${s.diagnosis_accuracy.rated} rated` : 'from feedback'),
    tile('cost', 'Cost per incident', fmtUsd(cost.usd_per_incident), `${fmtNum(cost.tokens_per_incident)} tokens`),
    tile('false-positives', 'False positives', fmtNum(s.false_positives), `false negatives: ${fmtNum(s.false_negatives)}`),
    tile('time-saved', 'Time saved', fmtDuration(s.time_saved_seconds),
      `manual baseline ${fmtDuration(s.manual_baseline?.time_to_mitigate_seconds)} to mitigate`),
  ];
}

/** A small chart of one series: bars or a line, gaps where a value is null, min/max and first/last labels. */
function sparkChart(points, key, title, kind, fmt, bucket) {
  const W = 300, H = 120, L = 46, R = 8, T = 10, B = 20;
  const values = points.map(p => (p[key] === null || p[key] === undefined ? null : Number(p[key])));
  const known = values.filter(v => v !== null && Number.isFinite(v));
  const figure = h('figure', { class: 'spark', 'data-testid': 'series-chart', 'data-metric': key },
    h('figcaption', { class: 'small' }, h('b', {}, title), known.length ? ` \u00B7 latest ${fmt(known[known.length - 1])}` : ''));
  if (!known.length) {
    figure.appendChild(h('p', { class: 'muted small' }, 'no data'));
    return figure;
  }
  const max = Math.max(...known) > 0 ? Math.max(...known) : 1;
  const n = values.length;
  const band = (W - L - R) / n;
  const x = i => L + band * (i + 0.5);
  const y = v => T + (H - T - B) * (1 - v / max);
  const tick = iso => (bucket === 'hour' ? `${utcParts(iso).day.slice(5)} ${utcParts(iso).time.slice(0, 5)}` : utcParts(iso).day.slice(5));
  const marks = [];
  if (kind === 'bar') {
    values.forEach((v, i) => { if (v !== null) marks.push(svg('rect', { class: 'bar', x: x(i) - band * 0.4, y: y(v), width: Math.max(1, band * 0.8), height: H - B - y(v) }, svg('title', {}, `${fmtUtc(points[i].start)}: ${fmt(v)}`))); });
  } else {
    let d = '';
    let pen = false;
    values.forEach((v, i) => {
      if (v === null) { pen = false; return; }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)} `;
      pen = true;
      marks.push(svg('circle', { class: 'dot', cx: x(i), cy: y(v), r: 2.2 }, svg('title', {}, `${fmtUtc(points[i].start)}: ${fmt(v)}`)));
    });
    marks.unshift(svg('path', { class: 'line', d: d.trim() }));
  }
  figure.appendChild(svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `${title} per ${bucket}, ${n} points` },
    svg('line', { class: 'axis', x1: L, y1: H - B, x2: W - R, y2: H - B }),
    svg('line', { class: 'axis', x1: L, y1: T, x2: L, y2: H - B }),
    svg('text', { x: L - 4, y: T + 8, 'text-anchor': 'end' }, fmt(max)),
    svg('text', { x: L - 4, y: H - B, 'text-anchor': 'end' }, fmt(0)),
    svg('text', { x: L, y: H - 5 }, tick(points[0].start)),
    n > 1 ? svg('text', { x: W - R, y: H - 5, 'text-anchor': 'end' }, tick(points[n - 1].start)) : null,
    marks));
  return figure;
}

// ---------------------------------------------------------------------------------------------------------------
// Routing: #/ list, #/incidents/ID incident, #/metrics dashboard.

let currentPage = { dispose() {} };

function route() {
  currentPage.dispose();
  const view = $('view');
  const [path, query = ''] = (location.hash || '#/').split('?');
  const params = new URLSearchParams(query);
  let m;
  let section = 'incidents';
  document.title = 'Responder';
  if (path === '#/' || path === '#' || path === '') {
    currentPage = listPage(view, params);
  } else if ((m = /^#\/incidents\/([^/]+)$/.exec(path))) {
    currentPage = incidentPage(view, decodeURIComponent(m[1]));
  } else if (path === '#/metrics') {
    section = 'metrics';
    currentPage = metricsPage(view, params);
  } else {
    replace(view, h('p', { class: 'flash' }, 'No such page. ', h('a', { href: '#/' }, 'Back to incidents')));
    currentPage = { dispose() {} };
  }
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === section) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  $('token-change').hidden = !token();
}

async function start() {
  const name = $('operator-name');
  name.value = localStorage.getItem(NAME_KEY) || 'operator';
  name.addEventListener('change', () => {
    localStorage.setItem(NAME_KEY, name.value.trim() || 'operator');
    name.value = name.value.trim() || 'operator';
  });
  $('auth-form').addEventListener('submit', async e => {
    e.preventDefault();
    const value = $('token-input').value.trim();
    if (!value) return;
    setToken(value);
    $('token-input').value = '';
    $('auth').hidden = true;
    await loadSession(); // a new token may bring a new role: read it before drawing the page
    route();
  });
  $('token-change').addEventListener('click', () => showAuth('Enter the token to use from now on.'));
  window.addEventListener('hashchange', route);
  window.addEventListener('storage', e => { if (e.key === TOKEN_KEY) { syncTokenCookie(); refreshRole(); } }); // another tab
  syncTokenCookie();
  await loadSession();
  route();
}

start();
