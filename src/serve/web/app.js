// newsgraph web page: article list, search and article view over the JSON API.
//
// Article data comes from the open web and is hostile. It only ever reaches
// the page as text: through text nodes (`append(string)`, `textContent`) and
// attribute values set with `setAttribute`. Links are built from ids with
// encodeURIComponent, and an article's own URL is linked only if it is http(s).

const LIST_PAGE_SIZE = 30;
const SEARCH_PAGE_SIZE = 20;

/** Entity types of the record contract, in the order the legend shows them. */
const ENTITY_TYPES = {
  PERSON: 'Person',
  ORG: 'Organisation',
  GPE: 'Country, city, state',
  LOC: 'Location',
  NORP: 'Group, nationality',
  FAC: 'Facility',
  EVENT: 'Event',
};

const view = document.getElementById('view');
const searchForm = document.getElementById('search-form');
const searchInput = document.getElementById('search-input');
const healthLine = document.getElementById('health');

// ---------------------------------------------------------------------------
// DOM helpers

/**
 * Creates an element. `props` become attributes (`class` sets className,
 * `on*` adds listeners); children are nodes or strings, and strings become
 * text nodes, so nothing passed here is ever parsed as HTML.
 */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === 'string' ? child : child instanceof Object ? child : String(child));
  }
  return node;
}

function clear(node) {
  while (node.firstChild) node.firstChild.remove();
}

const articleHref = (id) => `#/article/${encodeURIComponent(id)}`;
const listHref = (params) => withQuery('#/', params);
const searchHref = (params) => withQuery('#/search', params);

function withQuery(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '' && value !== 0) query.set(key, String(value));
  }
  const encoded = query.toString();
  return encoded ? `${path}?${encoded}` : path;
}

/** The article's own address, only when it is a web URL (never javascript:, data:, …). */
function safeWebUrl(value) {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------
// Formatting

const dayFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
const instantFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
const numberFormat = new Intl.NumberFormat('en-GB');

const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * Readable form of an ISO value of the contract: "14 October 2017" (day),
 * "14 October 2017 at 21:41 UTC" (instant), "October 2017" (month), "2017"
 * (year), "start – end" (range). Anything else is shown as given.
 */
function formatDate(iso) {
  if (typeof iso !== 'string' || iso === '') return null;
  if (iso.includes('/')) return iso.split('/').map((part) => formatDate(part) ?? part).join(' – ');
  if (/^\d{4}$/.test(iso)) return iso;
  const date = new Date(/^\d{4}-\d{2}$/.test(iso) ? `${iso}-01` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (/^\d{4}-\d{2}$/.test(iso)) return monthFormat.format(date);
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return dayFormat.format(date);
  if (/^\d{4}-\d{2}-\d{2}T/.test(iso)) return `${instantFormat.format(date)} UTC`;
  return iso;
}

function languageName(code) {
  if (typeof code !== 'string' || code === '') return null;
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

function plural(count, one, many = `${one}s`) {
  return `${numberFormat.format(count)} ${count === 1 ? one : many}`;
}

// ---------------------------------------------------------------------------
// API

class ApiError extends Error {}

/** GETs JSON from the API; an error answer's problem `detail` becomes the message. */
async function api(path) {
  let response;
  try {
    response = await fetch(path, { headers: { accept: 'application/json' } });
  } catch {
    throw new ApiError('The server cannot be reached.');
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = body && typeof body.detail === 'string' ? body.detail : response.statusText;
    throw new ApiError(`${response.status} ${detail}`);
  }
  if (body === null) throw new ApiError('The server sent an answer that is not JSON.');
  return body;
}

// ---------------------------------------------------------------------------
// Highlighting: spans of the cleaned text become <mark> elements

/** Keeps ranges that lie inside the text, in order, dropping any that overlap an earlier one. */
function orderedRanges(ranges, length) {
  const valid = ranges
    .filter((r) => Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= 0 && r.start < r.end && r.end <= length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const kept = [];
  for (const range of valid) {
    if (kept.length === 0 || range.start >= kept[kept.length - 1].end) kept.push(range);
  }
  return kept;
}

/** A search snippet with its matched ranges marked. */
function snippetNode(snippet) {
  const text = typeof snippet?.text === 'string' ? snippet.text : '';
  const node = el('p', { class: 'snippet' });
  let at = 0;
  for (const range of orderedRanges(snippet?.highlights ?? [], text.length)) {
    node.append(text.slice(at, range.start), el('mark', { class: 'hit' }, text.slice(range.start, range.end)));
    at = range.end;
  }
  node.append(text.slice(at));
  return node;
}

/**
 * Entity mentions and time expressions of a record, each checked against the
 * text it claims to cover: a span whose offsets do not match is not shown.
 */
function annotationsOf(record) {
  const text = record.text;
  const found = [];
  const fits = (span) =>
    Number.isInteger(span.start) &&
    Number.isInteger(span.end) &&
    span.start >= 0 &&
    span.start < span.end &&
    span.end <= text.length &&
    (typeof span.text !== 'string' || text.slice(span.start, span.end) === span.text);
  for (const entity of record.entities ?? []) {
    const type = Object.hasOwn(ENTITY_TYPES, entity.type) ? entity.type : 'OTHER';
    for (const mention of entity.mentions ?? []) {
      if (!fits(mention)) continue;
      found.push({
        start: mention.start,
        end: mention.end,
        className: `ann ann-entity type-${type}`,
        label: `${entity.name} · ${ENTITY_TYPES[type] ?? entity.type}`,
        entity: entity.id,
      });
    }
  }
  for (const date of record.dates ?? []) {
    if (!fits(date)) continue;
    const label = date.value ? `${date.value} (${date.grain})` : 'time expression without a known date';
    found.push({ start: date.start, end: date.end, className: 'ann ann-date', label, entity: null });
  }
  return found;
}

/**
 * Nests annotations into a tree so that a date inside an event name, or an
 * entity inside a longer one, gets a <mark> inside the outer <mark>. An
 * annotation that crosses the boundary of another cannot nest and is left
 * out of the text (it still appears in the side lists).
 */
function nestAnnotations(annotations) {
  const sorted = [...annotations].sort(
    (a, b) => a.start - b.start || b.end - a.end || (a.entity === null) - (b.entity === null),
  );
  const root = { start: -Infinity, end: Infinity, children: [] };
  const open = [root];
  for (const annotation of sorted) {
    while (open.length > 1 && annotation.start >= open[open.length - 1].end) open.pop();
    const parent = open[open.length - 1];
    if (annotation.end > parent.end) continue;
    const node = { ...annotation, children: [] };
    parent.children.push(node);
    open.push(node);
  }
  return root.children;
}

function renderMarked(text, nodes, from, to, into) {
  let at = from;
  for (const node of nodes) {
    if (node.start > at) into.append(text.slice(at, node.start));
    const mark = el('mark', { class: node.className, title: node.label });
    if (node.entity !== null) mark.dataset.entity = node.entity;
    renderMarked(text, node.children, node.start, node.end, mark);
    into.append(mark);
    at = node.end;
  }
  if (at < to) into.append(text.slice(at, to));
}

/** Paragraphs of the cleaned text (separated by blank lines) as [start, end) ranges. */
function paragraphRanges(text) {
  const ranges = [];
  const breaks = /\n[ \t]*\n\s*/g;
  let at = 0;
  for (const match of text.matchAll(breaks)) {
    if (match.index > at) ranges.push([at, match.index]);
    at = match.index + match[0].length;
  }
  if (at < text.length) ranges.push([at, text.length]);
  return ranges;
}

/** The cleaned body as <p> elements with entities and dates marked. */
function articleBody(record) {
  const text = typeof record.text === 'string' ? record.text : '';
  const annotations = annotationsOf({ ...record, text });
  const body = el('div', { class: 'article-body' });
  for (const [start, end] of paragraphRanges(text)) {
    const inside = annotations.filter((a) => a.start >= start && a.end <= end);
    const paragraph = el('p');
    renderMarked(text, nestAnnotations(inside), start, end, paragraph);
    body.append(paragraph);
  }
  return body;
}

// ---------------------------------------------------------------------------
// Shared view parts

function notice(message, kind = '') {
  return el('p', { class: `notice ${kind}`.trim(), role: kind === 'error' ? 'alert' : null }, message);
}

function articleMetaLine(item) {
  const parts = [];
  const outlet = item.outlet ?? item.domain;
  if (outlet) parts.push(el('a', { class: 'outlet', href: listHref({ outlet }) }, outlet));
  const date = formatDate(item.publishedAt);
  parts.push(date ? el('time', { datetime: item.publishedAt }, date) : el('span', { class: 'muted' }, 'undated'));
  if (Number.isInteger(item.words)) parts.push(el('span', {}, plural(item.words, 'word')));
  const line = el('p', { class: 'meta' });
  parts.forEach((part, index) => {
    if (index > 0) line.append(el('span', { class: 'sep', 'aria-hidden': 'true' }, '·'));
    line.append(part);
  });
  return line;
}

function pager(page, hrefFor) {
  const { total, limit, offset } = page;
  const shown = page.items.length;
  const nav = el('nav', { class: 'pager', 'aria-label': 'Pages' });
  const range = shown === 0 ? `0 of ${numberFormat.format(total)}` : `${offset + 1}–${offset + shown} of ${numberFormat.format(total)}`;
  nav.append(
    offset > 0 ? el('a', { href: hrefFor(Math.max(0, offset - limit)), rel: 'prev' }, '← Newer') : el('span'),
    el('span', { class: 'muted' }, range),
    offset + shown < total ? el('a', { href: hrefFor(offset + limit), rel: 'next' }, 'Older →') : el('span'),
  );
  return nav;
}

// ---------------------------------------------------------------------------
// Views

async function listView({ outlet, offset }) {
  const query = withQuery('/api/articles', { limit: LIST_PAGE_SIZE, offset, outlet });
  const page = await api(query);
  const heading = outlet
    ? el('h1', { class: 'section-title' }, 'From ', el('em', {}, outlet))
    : el('h1', { class: 'section-title' }, 'Latest articles');
  const parts = [heading];
  if (outlet) parts.push(el('p', { class: 'filter' }, el('a', { href: '#/' }, '× Show all outlets')));
  if (page.items.length === 0) {
    parts.push(notice(page.total === 0 ? 'No articles stored yet. Add some with “newsgraph ingest PATH…”.' : 'No articles on this page.'));
  } else {
    const list = el('ol', { class: 'article-list' });
    for (const item of page.items) {
      list.append(
        el('li', { class: 'article-item' }, el('h2', {}, el('a', { href: articleHref(item.id) }, item.title ?? '(untitled)')), articleMetaLine(item)),
      );
    }
    parts.push(list, pager(page, (next) => listHref({ outlet, offset: next })));
  }
  return { title: outlet ? `${outlet} · newsgraph` : 'newsgraph', nodes: parts };
}

async function searchView({ q, offset }) {
  if (!q.trim()) return { title: 'Search · newsgraph', nodes: [notice('Type a few words to search the stored articles.')] };
  const page = await api(withQuery('/api/search', { q, limit: SEARCH_PAGE_SIZE, offset }));
  const parts = [el('h1', { class: 'section-title' }, `${plural(page.total, 'result')} for `, el('q', {}, q))];
  if (page.items.length === 0) {
    parts.push(notice('Nothing matches. Try fewer or different words, or a "quoted phrase".'));
  } else {
    const list = el('ol', { class: 'article-list results', start: offset + 1 });
    for (const hit of page.items) {
      list.append(
        el(
          'li',
          { class: 'article-item' },
          el('h2', {}, el('a', { href: articleHref(hit.id) }, hit.title ?? '(untitled)')),
          articleMetaLine(hit),
          snippetNode(hit.snippet),
        ),
      );
    }
    parts.push(list, pager(page, (next) => searchHref({ q, offset: next })));
  }
  return { title: `${q} · search · newsgraph`, nodes: parts };
}

function entityPanel(record, body) {
  const entities = (record.entities ?? []).filter((e) => Array.isArray(e.mentions));
  const panel = el('section', { class: 'panel entities', 'aria-labelledby': 'entities-title' }, el('h2', { id: 'entities-title' }, 'Entities'));
  if (entities.length === 0) return append(panel, [notice('No entities found.')]);
  const marksOf = (id) => [...body.querySelectorAll('mark[data-entity]')].filter((m) => m.dataset.entity === id);
  let focused = null;
  const focus = (entity, button) => {
    for (const mark of body.querySelectorAll('mark.focused')) mark.classList.remove('focused');
    for (const other of panel.querySelectorAll('button[aria-pressed="true"]')) other.setAttribute('aria-pressed', 'false');
    if (focused === entity.id) {
      focused = null;
      return;
    }
    focused = entity.id;
    button.setAttribute('aria-pressed', 'true');
    const marks = marksOf(entity.id);
    for (const mark of marks) mark.classList.add('focused');
    marks[0]?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };
  for (const [type, label] of [...Object.entries(ENTITY_TYPES), ['OTHER', 'Other']]) {
    const ofType = entities
      .filter((e) => (Object.hasOwn(ENTITY_TYPES, e.type) ? e.type : 'OTHER') === type)
      .sort((a, b) => b.mentions.length - a.mentions.length || String(a.name).localeCompare(String(b.name)));
    if (ofType.length === 0) continue;
    const list = el('ul', { class: 'entity-list' });
    for (const entity of ofType) {
      const aliases = (entity.aliases ?? []).filter((alias) => alias !== entity.name);
      const button = el(
        'button',
        { type: 'button', class: `chip type-${type}`, 'aria-pressed': 'false', title: aliases.length ? `Also: ${aliases.join(', ')}` : null },
        el('span', { class: 'chip-name' }, entity.name),
        el('span', { class: 'chip-count' }, String(entity.mentions.length)),
      );
      button.addEventListener('click', () => focus(entity, button));
      list.append(el('li', {}, button));
    }
    panel.append(el('h3', {}, el('span', { class: `swatch type-${type}`, 'aria-hidden': 'true' }), label), list);
  }
  return panel;
}

function datePanel(record) {
  const dates = (record.dates ?? []).filter((d) => typeof d.text === 'string');
  if (dates.length === 0) return null;
  const list = el('dl', { class: 'date-list' });
  for (const date of dates) {
    list.append(el('dt', {}, date.text), el('dd', {}, date.value ? `${formatDate(date.value) ?? date.value} · ${date.grain}` : 'no date known'));
  }
  return el('section', { class: 'panel dates' }, el('h2', {}, el('span', { class: 'swatch ann-date', 'aria-hidden': 'true' }), 'Dates'), list);
}

function removedSection(record) {
  const removed = record.removed ?? [];
  const details = el('details', { class: 'removed' }, el('summary', {}, `Removed by cleaning (${removed.length})`));
  if (removed.length === 0) return append(details, [notice('Cleaning removed nothing from this article.')]);
  const list = el('ul', { class: 'removed-list' });
  for (const item of removed) list.append(el('li', {}, el('span', { class: 'reason' }, item.reason), el('span', { class: 'removed-text' }, item.text)));
  return append(details, [list]);
}

function provenanceSection(stored) {
  const { record, raw, duplicates, storedAt } = stored;
  const rawHref = `/api/articles/${encodeURIComponent(record.id)}/raw`;
  const rows = [
    ['Input', record.input],
    ['Read as', [raw.kind, raw.encoding].filter(Boolean).join(', ')],
    ['Stored', formatDate(storedAt) ?? storedAt],
    ['Article id', record.id],
  ];
  const list = el('dl', { class: 'facts' });
  for (const [term, value] of rows) if (value) list.append(el('dt', {}, term), el('dd', {}, value));
  const section = el(
    'section',
    { class: 'panel provenance' },
    el('h2', {}, 'Source'),
    list,
    el('p', {}, el('a', { href: rawHref, target: '_blank', rel: 'noopener noreferrer' }, 'View the raw input as text')),
  );
  if (duplicates.length > 0) {
    const dupes = el('ul', { class: 'duplicates' });
    for (const dup of duplicates) {
      const share = Number.isFinite(dup.similarity) ? ` (${Math.round(dup.similarity * 100)}% similar)` : '';
      dupes.append(el('li', {}, dup.input, el('span', { class: 'muted' }, share)));
    }
    section.append(el('h3', {}, `Also found as (${duplicates.length})`), dupes);
  }
  return section;
}

function legend(record) {
  const present = new Set((record.entities ?? []).map((e) => (Object.hasOwn(ENTITY_TYPES, e.type) ? e.type : 'OTHER')));
  const items = [...Object.entries(ENTITY_TYPES), ['OTHER', 'Other']]
    .filter(([type]) => present.has(type))
    .map(([type, label]) => el('li', {}, el('span', { class: `swatch type-${type}`, 'aria-hidden': 'true' }), label));
  if ((record.dates ?? []).length > 0) items.push(el('li', {}, el('span', { class: 'swatch ann-date', 'aria-hidden': 'true' }), 'Date'));
  return items.length ? el('ul', { class: 'legend', 'aria-label': 'Highlight colours' }, items) : null;
}

async function articleView({ id }, backHref) {
  const stored = await api(`/api/articles/${encodeURIComponent(id)}`);
  const { record } = stored;
  const byline = Array.isArray(record.byline) && record.byline.length ? `By ${record.byline.join(', ')}` : null;
  const published = formatDate(record.publishedAt);
  const original = safeWebUrl(record.url);
  const body = articleBody(record);

  const header = el(
    'header',
    { class: 'article-header' },
    el('p', { class: 'kicker' }, record.outlet ?? record.domain ?? 'Unknown outlet'),
    el('h1', {}, record.title ?? '(untitled)'),
    byline && el('p', { class: 'byline' }, byline),
    el(
      'p',
      { class: 'dateline' },
      published ? el('time', { datetime: record.publishedAt }, published) : el('span', { class: 'muted' }, 'Publication date unknown'),
      languageName(record.language) && el('span', { class: 'badge', title: 'Language' }, languageName(record.language)),
      original && el('a', { href: original, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'Original ↗'),
    ),
  );

  const nodes = [
    el('p', { class: 'back' }, el('a', { href: backHref }, backHref.startsWith('#/search') ? '← Back to results' : '← All articles')),
    el(
      'div',
      { class: 'article-layout' },
      el('article', { class: 'story' }, header, legend(record), body, removedSection(record)),
      el('aside', { class: 'sidebar' }, entityPanel(record, body), datePanel(record), provenanceSection(stored)),
    ),
  ];
  return { title: `${record.title ?? 'Article'} · newsgraph`, nodes };
}

// ---------------------------------------------------------------------------
// Routing: #/ (list, ?outlet=&offset=), #/search?q=&offset=, #/article/ID

function parseRoute(hash) {
  const raw = hash.replace(/^#/, '') || '/';
  const mark = raw.indexOf('?');
  const path = mark === -1 ? raw : raw.slice(0, mark);
  const params = new URLSearchParams(mark === -1 ? '' : raw.slice(mark + 1));
  const offset = Math.max(0, Number.parseInt(params.get('offset') ?? '0', 10) || 0);
  if (path.startsWith('/article/')) {
    try {
      return { name: 'article', id: decodeURIComponent(path.slice('/article/'.length)) };
    } catch {
      return { name: 'missing' };
    }
  }
  if (path === '/search') return { name: 'search', q: params.get('q') ?? '', offset };
  if (path === '/' || path === '') return { name: 'list', outlet: params.get('outlet') || null, offset };
  return { name: 'missing' };
}

let renderCount = 0;
let lastListHash = '#/';

async function render() {
  const ticket = ++renderCount;
  const route = parseRoute(location.hash);
  searchInput.value = route.name === 'search' ? route.q : '';
  if (route.name !== 'article') lastListHash = location.hash || '#/';
  view.setAttribute('aria-busy', 'true');
  let result;
  try {
    if (route.name === 'list') result = await listView(route);
    else if (route.name === 'search') result = await searchView(route);
    else if (route.name === 'article') result = await articleView(route, lastListHash);
    else result = { title: 'Not found · newsgraph', nodes: [notice('There is no such page.', 'error'), el('p', {}, el('a', { href: '#/' }, '← All articles'))] };
  } catch (err) {
    const message = err instanceof ApiError ? err.message : 'Something went wrong while showing this page.';
    if (!(err instanceof ApiError)) console.error(err);
    result = { title: 'Error · newsgraph', nodes: [notice(message, 'error'), el('p', {}, el('a', { href: '#/' }, '← All articles'))] };
  }
  // A newer navigation started while this one waited for the API: it wins.
  if (ticket !== renderCount) return;
  clear(view);
  append(view, result.nodes);
  view.removeAttribute('aria-busy');
  view.dataset.route = route.name;
  document.title = result.title;
  if (route.name === 'article') window.scrollTo(0, 0);
}

async function showHealth() {
  try {
    const health = await api('/api/health');
    healthLine.textContent = `${plural(health.articles, 'article')} · ${plural(health.duplicates, 'duplicate')} linked`;
  } catch {
    healthLine.textContent = 'Store unavailable';
  }
}

searchForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const q = searchInput.value.trim();
  if (q) location.hash = searchHref({ q });
});

// The form also works without the script (GET /?q=…): pick such a query up once.
const initialQuery = new URLSearchParams(location.search).get('q');
if (initialQuery && !location.hash) {
  history.replaceState(null, '', `/${searchHref({ q: initialQuery })}`);
}

window.addEventListener('hashchange', render);
render();
showHealth();
