/**
 * The scorer of the news development set (../shared/ANNOTATION.md,
 * "Scoring"). It compares two annotations of one article given in one shape
 * (`Side`): the gold one and a predicted one, which is either the pipeline's
 * Doc (predict.ts maps its offsets onto the body) or a second annotator's pass
 * (agreement). Everything here is pure: no file, no pipeline.
 *
 * Names are compared normalised (`normName`): Unicode compatibility form with
 * diacritics dropped, case-folded, curly apostrophes made straight, a
 * possessive 's (or the bare apostrophe of "forces'") removed, every run of
 * other punctuation and spaces made one space, and a leading "the" dropped:
 * "The Kremlin's" = "kremlin", "Al-Qaeda" = "al qaeda", "Hama" = "Ḥama".
 *
 * Rules, layer by layer:
 * - publishedAt: right when both give the same day (YYYY-MM-DD, predicted
 *   value cut to 10 characters), or both give none. An article the pipeline
 *   refused counts as wrong.
 * - entities: a gold entity is found when some predicted entity of a
 *   compatible type (equal, or both among GPE/LOC/FAC) shares a normalised
 *   name or alias with it; a predicted entity is right when it matches some
 *   gold entity the same way. Not one-to-one: an entity the pipeline split in
 *   two ("Syria" and "Syrias") is found, and both halves are right; such
 *   splits are counted apart ("split").
 * - places: a gold place is paired with the predicted places that share a
 *   normalised name or alias with it (a place's names are its name, its
 *   aliases and those of the entity of that name). It is right when one of
 *   them is right for the gold kind: country by equal country code (by
 *   distance ≤ 150 km when gold has no code), region within 150 km, anything
 *   else (city, site, water) within 50 km. acc@161km: some paired place lies
 *   within 161 km, whatever the kind. No pair is a miss.
 * - quotes: a content start is first moved past whitespace, quote marks and
 *   a leading "that" (gold starts after "said that"), on both sides; a
 *   predicted quote matches a gold one when the two moved starts are at most
 *   2 characters apart or fall in the same whitespace-separated word.
 *   Matching is one-to-one (maximum matching). Share found = matched gold /
 *   gold; precision = matched predicted / predicted. Speaker accuracy is over
 *   ALL gold quotes: found, and the speaker right: when gold is anonymous,
 *   the predicted quote is anonymous too (whatever its description); when
 *   gold names a speaker, the predicted quote is not anonymous and one of its
 *   speaker's names (the speaker and, for the pipeline, the names and aliases
 *   of its speaker entity) equals, normalised, the gold speaker or an alias of
 *   the gold entity of that name; for a gold PERSON the last word of the name
 *   is enough ("Assad" for "Bashar al-Assad"). Reported for anonymous and
 *   named gold speakers apart.
 * - dates: a gold date is found when a predicted date's span (mapped to the
 *   body) overlaps it; right when, in a one-to-one matching of overlapping
 *   pairs, the predicted value at the gold grain equals the gold value: the
 *   predicted value (a range's start) must be at least as fine as gold and
 *   start with it ("2016-07-14" is right for gold "2016-07", "2016" is wrong
 *   for gold "2016-07"). Precision = right / predicted dates (a predicted
 *   date without a value, or one gold does not annotate, such as the
 *   article's leading dateline or a duration, counts against it). "Found" is
 *   the share of gold dates some predicted span overlaps, whatever its value.
 * - events: one-to-one maximum matching of gold to predicted events of the
 *   same type whose date equals the gold date at the gold grain (as for
 *   dates); a gold event with no date matches on type alone, a predicted
 *   event with no date matches only such gold events. Recall, precision, F1
 *   on type + day, and the same on type alone.
 */

export const COMPATIBLE_PLACE_TYPES: ReadonlySet<string> = new Set(['GPE', 'LOC', 'FAC']);

/** One article's annotation in the shape the scorer reads; offsets point into the dataset row's body. */
export interface Side {
  /** The pipeline refused the article: nothing was predicted. */
  readonly failed?: string;
  readonly publishedAt: string | null;
  readonly entities: readonly { readonly name: string; readonly type: string; readonly aliases: readonly string[] }[];
  readonly places: readonly SidePlace[];
  readonly quotes: readonly SideQuote[];
  readonly dates: readonly SideDate[];
  readonly events: readonly SideEvent[];
}

export interface SidePlace {
  readonly name: string;
  /** Every form the place goes by: name, aliases, its entity's aliases. */
  readonly names: readonly string[];
  readonly lat: number;
  readonly lon: number;
  /** ISO 3166-1 alpha-2, or null. */
  readonly country: string | null;
  readonly kind: string;
}

export interface SideQuote {
  /** Body offset of the content's first character; null when the prediction has no counterpart in the body. */
  readonly start: number | null;
  readonly speaker: string | null;
  /** Names the speaker goes by: the speaker and its entity's name and aliases. */
  readonly speakerNames: readonly string[];
  readonly speakerIsPerson: boolean;
  readonly anonymous: boolean;
}

export interface SideDate {
  /** Body offsets, end exclusive; null when they have no counterpart in the body. */
  readonly start: number | null;
  readonly end: number | null;
  readonly value: string | null;
}

export interface SideEvent {
  readonly type: string;
  readonly date: string | null;
  readonly place: string | null;
}

// ---------------------------------------------------------------------------
// Normalisation and small helpers.

/** A name for comparison: see the module comment. */
export function normName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'")
    .replace(/'s(?![\p{L}\p{N}])/gu, '')
    .replace(/(?<=s)'(?![\p{L}\p{N}])/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}

const typesCompatible = (a: string, b: string) => a === b || (COMPATIBLE_PLACE_TYPES.has(a) && COMPATIBLE_PLACE_TYPES.has(b));

const nameSet = (names: readonly string[]): Set<string> => new Set(names.map(normName).filter((n) => n !== ''));

const shares = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => [...a].some((n) => b.has(n));

/** Whether normalised name `outer` holds `inner` as whole words ("bashar al assad" holds "bashar"). */
const contains = (outer: string, inner: string) => inner !== '' && ` ${outer} `.includes(` ${inner} `);

/** Great-circle distance in km. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Whether a predicted date value, at the grain of the gold value (YYYY, YYYY-MM or YYYY-MM-DD), equals it. */
export function sameAtGrain(predicted: string | null, gold: string): boolean {
  if (predicted === null) return false;
  const point = /^\d{4}(-\d{2}(-\d{2})?)?/.exec(predicted.split('/')[0] ?? '')?.[0] ?? '';
  return point.slice(0, gold.length) === gold;
}

/**
 * Maximum one-to-one matching (Kuhn's augmenting paths) between `n` gold and
 * `m` predicted items; `edge(i, j)` says whether they may pair. Returns the
 * predicted index of each gold item, or -1.
 */
export function maxMatching(n: number, m: number, edge: (gold: number, predicted: number) => boolean): number[] {
  const goldOf = new Array<number>(m).fill(-1);
  const adjacency = Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => j).filter((j) => edge(i, j)));
  const augment = (i: number, seen: boolean[]): boolean => {
    for (const j of adjacency[i]!) {
      if (seen[j]) continue;
      seen[j] = true;
      if (goldOf[j] === -1 || augment(goldOf[j]!, seen)) {
        goldOf[j] = i;
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < n; i++) augment(i, new Array<boolean>(m).fill(false));
  const predictedOf = new Array<number>(n).fill(-1);
  goldOf.forEach((i, j) => {
    if (i >= 0) predictedOf[i] = j;
  });
  return predictedOf;
}

const QUOTE_MARKS = '"\'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a`';

/** A content start moved past whitespace, quote marks and a leading "that ". */
export function contentStart(body: string, offset: number): number {
  let at = offset;
  for (;;) {
    while (at < body.length && (/\s/.test(body[at]!) || QUOTE_MARKS.includes(body[at]!))) at++;
    if (/^that\s/i.test(body.slice(at, at + 5))) at += 4;
    else return at;
  }
}

/** The whitespace-separated word of the body that holds `offset`, as [start, end). */
function wordAt(body: string, offset: number): [number, number] {
  let s = offset;
  let e = offset;
  while (s > 0 && !/\s/.test(body[s - 1]!)) s--;
  while (e < body.length && !/\s/.test(body[e]!)) e++;
  return [s, e];
}

/** The quote tolerance: see the module comment. */
export function sameContentStart(body: string, predicted: number, gold: number): boolean {
  const p = contentStart(body, predicted);
  const g = contentStart(body, gold);
  if (Math.abs(p - g) <= 2) return true;
  const [ws, we] = wordAt(body, g);
  return we > ws && p >= ws && p < we;
}

// ---------------------------------------------------------------------------
// Counts: sums over articles, from which every figure is computed.

export interface Counts {
  articles: number;
  failed: number;
  published: { right: number; total: number };
  entities: { gold: number; found: number; predicted: number; right: number; split: number };
  places: { gold: number; named: number; right: number; within161: number; predicted: number; predictedNamed: number };
  quotes: {
    gold: number;
    found: number;
    predicted: number;
    predictedMatched: number;
    speakerRight: number;
    anonymous: { gold: number; found: number; speakerRight: number };
    named: { gold: number; found: number; speakerRight: number };
  };
  dates: { gold: number; found: number; right: number; predicted: number };
  events: { gold: number; predicted: number; matched: number; typeMatched: number };
}

export function emptyCounts(): Counts {
  return {
    articles: 0,
    failed: 0,
    published: { right: 0, total: 0 },
    entities: { gold: 0, found: 0, predicted: 0, right: 0, split: 0 },
    places: { gold: 0, named: 0, right: 0, within161: 0, predicted: 0, predictedNamed: 0 },
    quotes: { gold: 0, found: 0, predicted: 0, predictedMatched: 0, speakerRight: 0, anonymous: { gold: 0, found: 0, speakerRight: 0 }, named: { gold: 0, found: 0, speakerRight: 0 } },
    dates: { gold: 0, found: 0, right: 0, predicted: 0 },
    events: { gold: 0, predicted: 0, matched: 0, typeMatched: 0 },
  };
}

/** `into` += `add`, field by field. */
export function addCounts<T extends object>(into: T, add: T): T {
  for (const key of Object.keys(add) as (keyof T)[]) {
    const v = add[key];
    if (typeof v === 'number') (into[key] as number) += v;
    else if (v && typeof v === 'object') addCounts(into[key] as object, v as object);
  }
  return into;
}

export type Layer = 'publishedAt' | 'entities' | 'places' | 'quotes' | 'dates' | 'events';

/** One thing that did not agree, for developers to read: short names, spans and values, no article text. */
export interface Miss {
  readonly layer: Layer;
  /** A short class of the miss, counted in the summary ("no name match", "far", "wrong speaker", …). */
  readonly kind: string;
  /** What gold had ('' for a prediction gold does not have). */
  readonly gold: string;
  /** What was predicted, or the nearest prediction. */
  readonly predicted: string;
}

export interface ArticleScore {
  readonly counts: Counts;
  readonly misses: readonly Miss[];
}

/** A few words of the body from `offset`, for the terminal. */
export function wordsFrom(body: string, offset: number, words = 5): string {
  const s = body.slice(offset, offset + 200).split(/\s+/).filter(Boolean).slice(0, words).join(' ');
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** Distinct items, at most five, and how many more. */
function few(items: readonly string[]): string {
  const distinct = [...new Set(items)];
  return distinct.slice(0, 5).join('; ') + (distinct.length > 5 ? `; … ${distinct.length - 5} more` : '');
}

const quoted = (s: string | null) => (s === null ? '-' : JSON.stringify(s));

// ---------------------------------------------------------------------------
// The layers.

function scorePublished(gold: Side, predicted: Side, c: Counts, misses: Miss[]): void {
  c.published.total++;
  const p = predicted.failed ? undefined : predicted.publishedAt === null ? null : predicted.publishedAt.slice(0, 10);
  if (p !== undefined && p === gold.publishedAt) c.published.right++;
  else misses.push({ layer: 'publishedAt', kind: p === undefined ? 'refused' : p === null ? 'none predicted' : gold.publishedAt === null ? 'gold has none' : p.slice(0, 7) === gold.publishedAt.slice(0, 7) ? 'other day, same month' : 'other month', gold: gold.publishedAt ?? '-', predicted: p === undefined ? `refused: ${predicted.failed}` : (p ?? '-') });
}

function scoreEntities(gold: Side, predicted: Side, c: Counts, misses: Miss[]): void {
  const g = gold.entities.map((e) => ({ ...e, names: nameSet([e.name, ...e.aliases]) }));
  const p = predicted.entities.map((e) => ({ ...e, names: nameSet([e.name, ...e.aliases]) }));
  const match = (a: (typeof g)[number], b: (typeof p)[number]) => typesCompatible(a.type, b.type) && shares(a.names, b.names);
  c.entities.gold += g.length;
  c.entities.predicted += p.length;
  for (const ge of g) {
    const hits = p.filter((pe) => match(ge, pe));
    if (hits.length > 0) {
      c.entities.found++;
      if (hits.length > 1) {
        c.entities.split++;
        misses.push({ layer: 'entities', kind: 'split', gold: `${ge.name} ${ge.type}`, predicted: hits.map((h) => `${h.name} ${h.type}`).join(' + ') });
      }
      continue;
    }
    const sameName = p.find((pe) => shares(ge.names, pe.names));
    const nested = p.find((pe) => [...pe.names].some((n) => [...ge.names].some((gn) => contains(n, gn) || contains(gn, n))));
    const words = new Set([...ge.names].flatMap((n) => n.split(' ')).filter((w) => w.length > 3));
    const nearest = nested ?? p.find((pe) => [...pe.names].some((n) => n.split(' ').some((w) => words.has(w))));
    misses.push({
      layer: 'entities',
      kind: sameName ? 'wrong type' : nested ? 'other boundary' : `not found (${ge.type})`,
      gold: `${ge.name} ${ge.type}${ge.aliases.length ? ` [${ge.aliases.join(', ')}]` : ''}`,
      predicted: sameName ? `${sameName.name} ${sameName.type}` : nearest ? `${nearest.name} ${nearest.type}` : '-',
    });
  }
  for (const pe of p) {
    if (g.some((ge) => match(ge, pe))) c.entities.right++;
    else {
      const sameName = g.find((ge) => shares(ge.names, pe.names));
      misses.push({ layer: 'entities', kind: sameName ? 'extra, wrong type' : `extra (${pe.type})`, gold: sameName ? `${sameName.name} ${sameName.type}` : '', predicted: `${pe.name} ${pe.type}${pe.aliases.length > 1 ? ` [${pe.aliases.join(', ')}]` : ''}` });
    }
  }
}

/** The distance under which a prediction is right for a gold place of this kind (country by code first). */
const PLACE_KM: Readonly<Record<string, number>> = { region: 150, country: 150 };
const placeKm = (kind: string) => PLACE_KM[kind] ?? 50;

function placeRight(gp: SidePlace, pp: SidePlace, km: number): boolean {
  if (gp.kind === 'country' && gp.country) return pp.country === gp.country;
  return km <= placeKm(gp.kind);
}

function scorePlaces(gold: Side, predicted: Side, c: Counts, misses: Miss[]): void {
  const pNames = predicted.places.map((pp) => nameSet(pp.names));
  const gNames = gold.places.map((gp) => nameSet(gp.names));
  c.places.gold += gold.places.length;
  c.places.predicted += predicted.places.length;
  c.places.predictedNamed += pNames.filter((pn) => gNames.some((gn) => shares(gn, pn))).length;
  const show = (pp: SidePlace, km: number) => `${pp.name} (${pp.lat.toFixed(2)}, ${pp.lon.toFixed(2)}) ${pp.country ?? '-'} ${pp.kind}, ${Math.round(km)} km`;
  gold.places.forEach((gp, i) => {
    const paired = predicted.places
      .map((pp, j) => ({ pp, j, km: haversineKm(gp.lat, gp.lon, pp.lat, pp.lon) }))
      .filter(({ j }) => shares(gNames[i]!, pNames[j]!))
      .sort((a, b) => Number(placeRight(gp, b.pp, b.km)) - Number(placeRight(gp, a.pp, a.km)) || a.km - b.km);
    const what = `${gp.name} (${gp.lat.toFixed(2)}, ${gp.lon.toFixed(2)}) ${gp.country ?? '-'} ${gp.kind}`;
    if (paired.length === 0) {
      const entity = predicted.entities.find((e) => shares(gNames[i]!, nameSet([e.name, ...e.aliases])));
      misses.push({ layer: 'places', kind: entity ? `not placed (entity ${entity.type})` : 'no entity of that name', gold: what, predicted: entity ? `${entity.name} ${entity.type}` : '-' });
      return;
    }
    c.places.named++;
    if (paired.some(({ km }) => km <= 161)) c.places.within161++;
    const best = paired[0]!;
    if (placeRight(gp, best.pp, best.km)) c.places.right++;
    else misses.push({ layer: 'places', kind: gp.kind === 'country' && gp.country ? 'wrong country' : best.pp.country !== gp.country ? `other country, ${gp.kind}` : `too far, ${gp.kind} (> ${placeKm(gp.kind)} km)`, gold: what, predicted: show(best.pp, best.km) });
  });
}

function speakerRight(gq: SideQuote, pq: SideQuote): boolean {
  if (gq.anonymous) return pq.anonymous;
  if (pq.anonymous) return false;
  const goldNames = nameSet(gq.speakerNames);
  const predictedNames = nameSet(pq.speakerNames);
  if (shares(goldNames, predictedNames)) return true;
  if (!gq.speakerIsPerson || gq.speaker === null) return false;
  const last = normName(gq.speaker).split(' ').pop() ?? '';
  return last !== '' && [...predictedNames].some((n) => n.split(' ').pop() === last);
}

function scoreQuotes(gold: Side, predicted: Side, body: string, c: Counts, misses: Miss[]): void {
  const g = gold.quotes;
  const p = predicted.quotes;
  const pair = maxMatching(g.length, p.length, (i, j) => p[j]!.start !== null && g[i]!.start !== null && sameContentStart(body, p[j]!.start!, g[i]!.start!));
  c.quotes.gold += g.length;
  c.quotes.predicted += p.length;
  const speakerOf = (q: SideQuote) => `${q.anonymous ? 'anonymous ' : ''}${quoted(q.speaker)}`;
  const at = (q: SideQuote) => (q.start === null ? '(no body offset)' : `@${q.start} "${wordsFrom(body, q.start)}"`);
  g.forEach((gq, i) => {
    const split = gq.anonymous ? c.quotes.anonymous : c.quotes.named;
    split.gold++;
    const j = pair[i]!;
    if (j < 0) {
      const near = p
        .filter((pq, k) => pq.start !== null && !pair.includes(k) && Math.abs(pq.start - gq.start!) <= 200)
        .sort((a, b) => Math.abs(a.start! - gq.start!) - Math.abs(b.start! - gq.start!))[0];
      const kind = near && Math.abs(near.start! - gq.start!) <= 60 ? 'other start' : 'not found';
      misses.push({ layer: 'quotes', kind: `${kind} (${gq.anonymous ? 'anonymous' : 'named'})`, gold: `${at(gq)} ${speakerOf(gq)}`, predicted: near ? `${at(near)} ${speakerOf(near)}` : '-' });
      return;
    }
    c.quotes.found++;
    split.found++;
    const pq = p[j]!;
    if (speakerRight(gq, pq)) {
      c.quotes.speakerRight++;
      split.speakerRight++;
    } else {
      const kind = gq.anonymous ? 'named, gold anonymous' : pq.anonymous ? 'anonymous, gold named' : pq.speaker === null ? 'no speaker' : 'other speaker';
      misses.push({ layer: 'quotes', kind: `speaker: ${kind}`, gold: `${at(gq)} ${speakerOf(gq)}`, predicted: speakerOf(pq) });
    }
  });
  p.forEach((pq, j) => {
    if (pair.includes(j)) c.quotes.predictedMatched++;
    else misses.push({ layer: 'quotes', kind: pq.start === null ? 'extra, not in the body' : 'extra', gold: '', predicted: `${at(pq)} ${speakerOf(pq)}` });
  });
}

const overlaps = (a: SideDate, b: SideDate) => a.start !== null && a.end !== null && b.start !== null && b.end !== null && a.start < b.end && b.start < a.end;

function scoreDates(gold: Side, predicted: Side, body: string, c: Counts, misses: Miss[]): void {
  const g = gold.dates;
  const p = predicted.dates;
  const pair = maxMatching(g.length, p.length, (i, j) => overlaps(g[i]!, p[j]!) && sameAtGrain(p[j]!.value, g[i]!.value!));
  c.dates.gold += g.length;
  c.dates.predicted += p.length;
  const span = (d: SideDate) => (d.start === null || d.end === null ? '(no body offset)' : `${d.start}-${d.end} ${JSON.stringify(body.slice(d.start, Math.min(d.end, d.start + 40)))}`);
  g.forEach((gd, i) => {
    const over = p.filter((pd) => overlaps(gd, pd));
    if (over.length > 0) c.dates.found++;
    if (pair[i]! >= 0) {
      c.dates.right++;
      return;
    }
    const near = over[0];
    const kind = !near ? 'not found' : near.value === null ? 'no value' : sameAtGrain(gd.value, near.value) ? 'coarser than gold' : 'other value';
    misses.push({ layer: 'dates', kind, gold: `${span(gd)} ${gd.value}`, predicted: near ? `${span(near)} ${near.value ?? 'null'}` : '-' });
  });
  p.forEach((pd, j) => {
    if (!pair.includes(j) && !g.some((gd) => overlaps(gd, pd))) misses.push({ layer: 'dates', kind: 'extra', gold: '', predicted: `${span(pd)} ${pd.value ?? 'null'}` });
  });
}

function scoreEvents(gold: Side, predicted: Side, c: Counts, misses: Miss[]): void {
  const g = gold.events;
  const p = predicted.events;
  const dayMatch = (gi: SideEvent, pe: SideEvent) => gi.type === pe.type && (gi.date === null || sameAtGrain(pe.date, gi.date));
  const pair = maxMatching(g.length, p.length, (i, j) => dayMatch(g[i]!, p[j]!));
  const typePair = maxMatching(g.length, p.length, (i, j) => g[i]!.type === p[j]!.type);
  c.events.gold += g.length;
  c.events.predicted += p.length;
  c.events.matched += pair.filter((j) => j >= 0).length;
  c.events.typeMatched += typePair.filter((j) => j >= 0).length;
  const show = (e: SideEvent) => `${e.type} ${e.date ?? 'no date'} ${e.place ?? '-'}`;
  g.forEach((ge, i) => {
    if (pair[i]! >= 0) return;
    const sameType = p.filter((pe, j) => pe.type === ge.type && !pair.includes(j));
    misses.push({
      layer: 'events',
      kind: sameType.length > 0 ? (sameType.every((pe) => pe.date === null) ? 'no date' : 'other date') : `type not found (${ge.type})`,
      gold: show(ge),
      predicted: sameType.length > 0 ? few(sameType.map(show)) : few(p.filter((_, j) => !pair.includes(j)).map((pe) => pe.type)) || '-',
    });
  });
  p.forEach((pe, j) => {
    if (!pair.includes(j)) misses.push({ layer: 'events', kind: g.some((ge) => ge.type === pe.type) ? `extra (${pe.type}, type in gold)` : `extra (${pe.type})`, gold: '', predicted: show(pe) });
  });
}

/** Score one article: `body` is the dataset row's body, which every offset of both sides points into. */
export function scoreArticle(gold: Side, predicted: Side, body: string): ArticleScore {
  const counts = emptyCounts();
  const misses: Miss[] = [];
  counts.articles = 1;
  if (predicted.failed) counts.failed = 1;
  scorePublished(gold, predicted, counts, misses);
  scoreEntities(gold, predicted, counts, misses);
  scorePlaces(gold, predicted, counts, misses);
  scoreQuotes(gold, predicted, body, counts, misses);
  scoreDates(gold, predicted, body, counts, misses);
  scoreEvents(gold, predicted, counts, misses);
  return { counts, misses };
}

// ---------------------------------------------------------------------------
// Figures.

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
const f1 = (p: number | null, r: number | null) => (p === null || r === null ? null : p + r === 0 ? 0 : (2 * p * r) / (p + r));

export interface Figures {
  readonly articles: number;
  readonly failed: number;
  readonly publishedAt: { readonly accuracy: number | null; readonly right: number; readonly total: number };
  readonly entities: { readonly precision: number | null; readonly recall: number | null; readonly f1: number | null; readonly gold: number; readonly predicted: number; readonly split: number };
  readonly places: { readonly accuracy: number | null; readonly acc161km: number | null; readonly named: number | null; readonly gold: number; readonly predicted: number; readonly predictedNamed: number | null };
  readonly quotes: {
    readonly found: number | null;
    readonly precision: number | null;
    readonly speaker: number | null;
    readonly gold: number;
    readonly predicted: number;
    readonly anonymous: { readonly gold: number; readonly found: number | null; readonly speaker: number | null };
    readonly named: { readonly gold: number; readonly found: number | null; readonly speaker: number | null };
  };
  readonly dates: { readonly accuracy: number | null; readonly found: number | null; readonly precision: number | null; readonly gold: number; readonly predicted: number };
  readonly events: { readonly precision: number | null; readonly recall: number | null; readonly f1: number | null; readonly typePrecision: number | null; readonly typeRecall: number | null; readonly typeF1: number | null; readonly gold: number; readonly predicted: number };
}

export function figures(c: Counts): Figures {
  const e = c.entities;
  const q = c.quotes;
  const ev = c.events;
  const entP = ratio(e.right, e.predicted);
  const entR = ratio(e.found, e.gold);
  const evP = ratio(ev.matched, ev.predicted);
  const evR = ratio(ev.matched, ev.gold);
  const tP = ratio(ev.typeMatched, ev.predicted);
  const tR = ratio(ev.typeMatched, ev.gold);
  return {
    articles: c.articles,
    failed: c.failed,
    publishedAt: { accuracy: ratio(c.published.right, c.published.total), right: c.published.right, total: c.published.total },
    entities: { precision: entP, recall: entR, f1: f1(entP, entR), gold: e.gold, predicted: e.predicted, split: e.split },
    places: { accuracy: ratio(c.places.right, c.places.gold), acc161km: ratio(c.places.within161, c.places.gold), named: ratio(c.places.named, c.places.gold), gold: c.places.gold, predicted: c.places.predicted, predictedNamed: ratio(c.places.predictedNamed, c.places.predicted) },
    quotes: {
      found: ratio(q.found, q.gold),
      precision: ratio(q.predictedMatched, q.predicted),
      speaker: ratio(q.speakerRight, q.gold),
      gold: q.gold,
      predicted: q.predicted,
      anonymous: { gold: q.anonymous.gold, found: ratio(q.anonymous.found, q.anonymous.gold), speaker: ratio(q.anonymous.speakerRight, q.anonymous.gold) },
      named: { gold: q.named.gold, found: ratio(q.named.found, q.named.gold), speaker: ratio(q.named.speakerRight, q.named.gold) },
    },
    dates: { accuracy: ratio(c.dates.right, c.dates.gold), found: ratio(c.dates.found, c.dates.gold), precision: ratio(c.dates.right, c.dates.predicted), gold: c.dates.gold, predicted: c.dates.predicted },
    events: { precision: evP, recall: evR, f1: f1(evP, evR), typePrecision: tP, typeRecall: tR, typeF1: f1(tP, tR), gold: ev.gold, predicted: ev.predicted },
  };
}
