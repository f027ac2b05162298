/**
 * The claim-level comparison of outlets inside one story.
 *
 * Claims (every quote, and every sentence stating a figure outside quotes)
 * are grouped across articles when they are the same statement: the same
 * speaker saying much the same words, a copy of the same text, or the same
 * figure from the same speaker. For each group:
 *   - carriedBy: outlets that carry it;
 *   - corroboratedBy: outlets carrying an independent source (another
 *     speaker) that says the same: the same figure, or much the same words;
 *   - contradictedBy: outlets carrying a different figure for the same
 *     quantity (same counted thing, same owner, same place, ranges that do
 *     not overlap), or a denial of it.
 * Conflicting figures are also listed side by side.
 *
 * Per outlet: the words it uses for the story's actors ("Daesh" / "ISIS" /
 * "Islamic State"), its labels ("terrorists", "militants"), its words for
 * the same act ("seized" / "liberated"), its share of anonymous sources and
 * the claims no other outlet carries.
 *
 * Articles of unknown outlet are each their own source: nothing says two of
 * them come from the same place.
 */
import type { ArticleRecord } from '../core/record.js';
import type { Claim, Quantity } from '../core/doc.js';
import { contentWords } from './cluster.js';
import lexicon from './data/labels.json' with { type: 'json' };

export type CompareSource = Pick<ArticleRecord, 'id' | 'input' | 'outlet' | 'domain' | 'text' | 'entities' | 'places' | 'quotes' | 'claims' | 'events'>;

export interface OutletProfile {
  /** The outlet's domain, its name when no domain is known, else the article's input. */
  readonly domain: string;
  readonly name: string | null;
  readonly articles: number;
  /** Every word it uses for the story's actors and every label word, with counts. */
  readonly terms: Readonly<Record<string, number>>;
  /** The same, per actor: only actors named in more than one way in the story. */
  readonly termsByEntity: readonly { readonly entity: string; readonly name: string; readonly forms: Readonly<Record<string, number>> }[];
  /** Label words ("terrorists", "militants") and their counts. */
  readonly labels: Readonly<Record<string, number>>;
  /** Per event type, the words it uses for the act ("seized": 2). */
  readonly acts: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly sources: { readonly named: number; readonly anonymous: number; readonly anonymousShare: number | null };
  /** Claims this outlet carries that no other outlet carries or corroborates. */
  readonly exclusiveClaims: number;
}

export interface Figure {
  readonly text: string;
  readonly min: number | null;
  readonly max: number | null;
  readonly unit: string;
  readonly of: string | null;
  readonly claim: number;
  readonly speaker: string | null;
  readonly anonymous: boolean;
  readonly outlet: string;
  readonly article: string;
}

export interface StoryClaim {
  readonly id: number;
  readonly text: string;
  readonly speaker: string | null;
  readonly anonymous: boolean;
  /** Where it was first seen, and every copy. */
  readonly article: string;
  readonly articles: readonly string[];
  readonly quantities: readonly Quantity[];
  readonly carriedBy: readonly string[];
  readonly corroboratedBy: readonly string[];
  readonly contradictedBy: readonly string[];
  /** Claims that say the same from another source, and claims that contradict this one (ids). */
  readonly corroborating: readonly number[];
  readonly contradicting: readonly number[];
}

export interface Conflict {
  /** The quantity in dispute: counted thing and owner ("fighters of islamic-state"). */
  readonly quantity: string;
  readonly figures: readonly Figure[];
}

export interface Comparison {
  readonly claims: readonly StoryClaim[];
  readonly outlets: readonly OutletProfile[];
  readonly conflicts: readonly Conflict[];
}

const LABELS: Readonly<Record<string, string>> = lexicon.labels;
const COMBATANTS = new Set(lexicon.combatantUnits);
const DEATHS = new Set(lexicon.deathUnits);
const DENIALS = new Set(lexicon.denialCues);

/** Outlet key of an article. */
export const outletOf = (r: Pick<ArticleRecord, 'domain' | 'outlet' | 'input'>): string => r.domain ?? r.outlet ?? r.input.split(/[\\/]/).pop() ?? r.input;

/** Counted things that name the same quantity ("fighters" and "militants" count the same people). */
export function unitKey(unit: string): string {
  const u = unit.toLowerCase();
  if (COMBATANTS.has(u)) return 'fighters';
  if (DEATHS.has(u)) return 'killed';
  return u;
}

/** Whether two figures can both be true: their ranges (open ends unbounded) overlap. */
export function rangesOverlap(a: Pick<Quantity, 'min' | 'max'>, b: Pick<Quantity, 'min' | 'max'>): boolean {
  const lo = (q: Pick<Quantity, 'min' | 'max'>) => q.min ?? q.max ?? 0;
  const hi = (q: Pick<Quantity, 'min' | 'max'>) => q.max ?? Infinity;
  return lo(a) <= hi(b) && lo(b) <= hi(a);
}

/** Word counts of a claim and their Euclidean norm (computed once: claims are compared many times). */
interface WordBag {
  readonly counts: ReadonlyMap<string, number>;
  readonly norm: number;
}

function cosine(a: WordBag, b: WordBag): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const [small, large] = a.counts.size <= b.counts.size ? [a.counts, b.counts] : [b.counts, a.counts];
  let dot = 0;
  for (const [k, v] of small) dot += v * (large.get(k) ?? 0);
  return dot / (a.norm * b.norm);
}

function bag(text: string): WordBag {
  const counts = new Map<string, number>();
  for (const w of contentWords(text)) counts.set(w, (counts.get(w) ?? 0) + 1);
  let sum = 0;
  for (const v of counts.values()) sum += v * v;
  return { counts, norm: Math.sqrt(sum) };
}

/** One claim of one article, with what grouping and comparison need. */
interface Item {
  readonly claim: Claim;
  readonly article: string;
  readonly outlet: string;
  readonly speakerKey: string | null;
  readonly words: WordBag;
  /** Places named in the claim: cities and sites, and countries separately. */
  readonly localPlaces: Set<string>;
  readonly countries: Set<string>;
  readonly denial: boolean;
}

function itemsOf(r: CompareSource): Item[] {
  const outlet = outletOf(r);
  const placeForms = r.places.map((p) => ({ place: p, forms: new Set((r.entities.find((e) => e.id === p.entity)?.mentions ?? []).map((m) => m.text)) }));
  return r.claims.map((claim) => {
    const quote = claim.quote !== null ? r.quotes[claim.quote] : undefined;
    const speakerKey = claim.anonymous ? null : (quote?.speakerEntity ?? (claim.speaker ? claim.speaker.toLowerCase() : null));
    const localPlaces = new Set<string>();
    const countries = new Set<string>();
    for (const { place, forms } of placeForms) {
      if (![...forms].some((f) => claim.text.includes(f))) continue;
      (place.kind === 'country' ? countries : localPlaces).add(place.entity);
    }
    const cue = quote?.cue?.toLowerCase() ?? '';
    return { claim, article: r.id, outlet, speakerKey, words: bag(claim.text), localPlaces, countries, denial: cue.split(/\s+/).some((w) => DENIALS.has(w)) };
  });
}

const sameQuantity = (a: Quantity, b: Quantity) => unitKey(a.unit) === unitKey(b.unit) && (a.of === b.of || (a.of === null) !== (b.of === null));
const sameFigure = (a: Quantity, b: Quantity) => sameQuantity(a, b) && a.min === b.min && a.max === b.max;

/** Whether two claims speak of the same place: a shared city or site, else (when neither names one) a shared country. */
function samePlace(a: Item, b: Item): boolean {
  for (const p of a.localPlaces) if (b.localPlaces.has(p)) return true;
  if (a.localPlaces.size > 0 && b.localPlaces.size > 0) return false;
  for (const c of a.countries) if (b.countries.has(c)) return true;
  return a.localPlaces.size + a.countries.size + b.localPlaces.size + b.countries.size === 0;
}

/** The same statement carried again: same speaker and much the same words, a copy of the words, or the same figure from the same speaker. */
function sameStatement(a: Item, b: Item): boolean {
  const sim = cosine(a.words, b.words);
  if (sim >= 0.7) return true;
  if (a.speakerKey === null || a.speakerKey !== b.speakerKey) return false;
  if (sim >= 0.4) return true;
  return a.claim.quantities.some((q) => b.claim.quantities.some((r) => sameFigure(q, r))) && sim >= 0.2;
}

/** Another source saying the same. */
function corroborates(a: Item, b: Item): boolean {
  if (a.speakerKey !== null && a.speakerKey === b.speakerKey) return false;
  if (a.claim.anonymous && b.claim.anonymous && a.outlet === b.outlet) return false;
  const sim = cosine(a.words, b.words);
  if (a.claim.quantities.some((q) => b.claim.quantities.some((r) => sameQuantity(q, r) && q.of !== null && rangesOverlap(q, r))) && samePlace(a, b) && sim >= 0.2) return true;
  return sim >= 0.5 && !a.denial && !b.denial;
}

/** The pairs of figures of two claims that cannot both be true. */
function conflictingFigures(a: Item, b: Item): [Quantity, Quantity][] {
  // One voice giving two figures in one article is counting two things ("a convoy of 30" among "hundreds").
  if (a.article === b.article && (a.speakerKey ?? '') === (b.speakerKey ?? '') && a.claim.anonymous === b.claim.anonymous) return [];
  if (!samePlace(a, b)) return [];
  const out: [Quantity, Quantity][] = [];
  for (const q of a.claim.quantities)
    for (const r of b.claim.quantities) {
      if (!sameQuantity(q, r) || rangesOverlap(q, r)) continue;
      // Owners must be known on both sides, or the words must be close: "400 civilians" at a hospital and "4,000 civilians" in the city are different counts.
      if ((q.of === null || r.of === null) && cosine(a.words, b.words) < 0.35) continue;
      out.push([q, r]);
    }
  return out;
}

const bump = (m: Record<string, number>, k: string, n = 1) => {
  m[k] = (m[k] ?? 0) + n;
};

/**
 * Which claims are compared at all. Every relation between two claims needs
 * shared words (or figures of the same unit), so only pairs sharing a key are
 * candidates. Up to MAX_CLAIM_POSTINGS claims the comparison is exhaustive.
 * Above that, keys held by more than MAX_CLAIM_POSTINGS claims are ignored, and
 * pairs need two shared words (or a shared unit): a pair sharing only words
 * that hundreds of claims use, or one word, is not the same statement in a
 * story that big, and the comparison stays near-linear instead of quadratic.
 */
export const MAX_CLAIM_POSTINGS = 200;

/** For each item, the earlier items it is compared with (ascending). */
function candidates(items: readonly Item[]): number[][] {
  const postings = new Map<string, number[]>();
  const keysOf = (it: Item) => new Set([...it.words.counts.keys(), ...it.claim.quantities.map((q) => `#${unitKey(q.unit)}`)]);
  const keys = items.map(keysOf);
  keys.forEach((ks, i) => {
    for (const key of ks) (postings.get(key) ?? postings.set(key, []).get(key)!).push(i);
  });
  const exhaustive = items.length <= MAX_CLAIM_POSTINGS;
  return keys.map((ks, i) => {
    const shared = new Map<number, number>();
    for (const key of ks) {
      const list = postings.get(key)!;
      if (list.length > MAX_CLAIM_POSTINGS) continue;
      // A shared unit counts as enough on its own: figures of one unit may conflict whatever the words.
      const weight = exhaustive || key.startsWith('#') ? 2 : 1;
      for (const j of list) {
        if (j >= i) break;
        shared.set(j, (shared.get(j) ?? 0) + weight);
      }
    }
    return [...shared].flatMap(([j, n]) => (n >= 2 ? [j] : [])).sort((a, b) => a - b);
  });
}

export function compareOutlets(records: readonly CompareSource[]): Comparison {
  // Group the claims of every article into statements: each joins the first group
  // holding a claim from another article that makes the same statement.
  const items = records.flatMap(itemsOf);
  const earlier = candidates(items);
  const groups: Item[][] = [];
  const groupOf: number[] = [];
  items.forEach((item, i) => {
    let into = Infinity;
    for (const j of earlier[i]!) {
      if (groupOf[j]! < into && items[j]!.article !== item.article && sameStatement(items[j]!, item)) into = groupOf[j]!;
    }
    if (into === Infinity) into = groups.push([]) - 1;
    groups[into]!.push(item);
    groupOf[i] = into;
  });
  // Two groups are related through their candidate pairs of claims (claims that share
  // no word and no unit can neither corroborate nor contradict each other).
  const pairsOf = new Map<number, [number, number][]>();
  items.forEach((_, i) => {
    for (const j of earlier[i]!) {
      const [gi, gj] = [groupOf[j]!, groupOf[i]!];
      if (gi === gj) continue;
      const key = Math.min(gi, gj) * groups.length + Math.max(gi, gj);
      (pairsOf.get(key) ?? pairsOf.set(key, []).get(key)!).push(gi < gj ? [j, i] : [i, j]);
    }
  });
  const corroborating = groups.map(() => new Set<number>());
  const contradicting = groups.map(() => new Set<number>());
  const conflictPairs: { a: Item; b: Item; q: Quantity; r: Quantity; ga: number; gb: number }[] = [];
  for (const key of [...pairsOf.keys()].sort((x, y) => x - y)) {
    const i = Math.floor(key / groups.length);
    const j = key % groups.length;
    let corroborated = false;
    let contradicted = false;
    for (const [x, y] of pairsOf.get(key)!.sort((p, q) => p[0] - q[0] || p[1] - q[1])) {
      const a = items[x]!;
      const b = items[y]!;
      const figures = conflictingFigures(a, b);
      for (const [q, r] of figures) conflictPairs.push({ a, b, q, r, ga: i, gb: j });
      if (figures.length > 0 || ((a.denial || b.denial) && cosine(a.words, b.words) >= 0.3)) contradicted = true;
      else if (corroborates(a, b)) corroborated = true;
    }
    if (contradicted) {
      contradicting[i]!.add(j);
      contradicting[j]!.add(i);
    } else if (corroborated) {
      corroborating[i]!.add(j);
      corroborating[j]!.add(i);
    }
  }
  const outletsOfGroup = (g: number) => [...new Set(groups[g]!.map((m) => m.outlet))];
  const claims: StoryClaim[] = groups.map((members, g) => {
    const first = members[0]!;
    const carriedBy = outletsOfGroup(g);
    return {
      id: g,
      text: first.claim.text,
      speaker: first.claim.speaker,
      anonymous: first.claim.anonymous,
      article: first.article,
      articles: [...new Set(members.map((m) => m.article))],
      quantities: first.claim.quantities,
      carriedBy,
      corroboratedBy: [...new Set([...corroborating[g]!].flatMap(outletsOfGroup))],
      contradictedBy: [...new Set([...contradicting[g]!].flatMap(outletsOfGroup))],
      corroborating: [...corroborating[g]!],
      contradicting: [...contradicting[g]!],
    };
  });

  return { claims: rankClaims(claims), outlets: profiles(records, claims), conflicts: conflictsOf(conflictPairs) };
}

/** Disputed claims first, then claims with figures, then the most widely carried; otherwise story order. */
function rankClaims(claims: readonly StoryClaim[]): StoryClaim[] {
  const rank = (c: StoryClaim) => (c.contradicting.length > 0 ? 4 : 0) + (c.quantities.length > 0 ? 2 : 0) + (c.corroborating.length > 0 ? 1 : 0);
  return [...claims].sort((a, b) => rank(b) - rank(a) || b.carriedBy.length - a.carriedBy.length || a.id - b.id);
}

/** Figures that disagree, linked through their disagreements: one list per connected set. */
function conflictsOf(pairs: readonly { a: Item; b: Item; q: Quantity; r: Quantity; ga: number; gb: number }[]): Conflict[] {
  const figures = new Map<string, Figure>();
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    const p = parent.get(k) ?? k;
    if (p === k) return k;
    const root = find(p);
    parent.set(k, root);
    return root;
  };
  const figure = (it: Item, q: Quantity, g: number): string => {
    const key = `${it.article}:${q.start}`;
    figures.set(key, { text: q.text, min: q.min, max: q.max, unit: q.unit, of: q.of, claim: g, speaker: it.claim.speaker, anonymous: it.claim.anonymous, outlet: it.outlet, article: it.article });
    return key;
  };
  for (const p of pairs) {
    const a = find(figure(p.a, p.q, p.ga));
    const b = find(figure(p.b, p.r, p.gb));
    if (a !== b) parent.set(a, b);
  }
  const sets = new Map<string, Figure[]>();
  for (const [key, f] of figures) (sets.get(find(key)) ?? sets.set(find(key), []).get(find(key))!).push(f);
  return [...sets.values()].map((fs) => {
    const owner = fs.find((f) => f.of !== null)?.of;
    return { quantity: `${unitKey(fs[0]!.unit)}${owner ? ` of ${owner}` : ''}`, figures: fs.sort((x, y) => (x.min ?? x.max ?? 0) - (y.min ?? y.max ?? 0)) };
  });
}

function profiles(records: readonly CompareSource[], claims: readonly StoryClaim[]): OutletProfile[] {
  // Actors named in more than one way anywhere in the story.
  const formsOf = new Map<string, { name: string; forms: Set<string>; mentions: number }>();
  const formOf = (text: string) => text.replace(/^the\s+/i, '').replace(/\s+/g, ' ').trim();
  for (const r of records)
    for (const e of r.entities) {
      if (e.type === 'GPE' || e.type === 'LOC') continue;
      const f = formsOf.get(e.id) ?? formsOf.set(e.id, { name: e.name, forms: new Set(), mentions: 0 }).get(e.id)!;
      for (const m of e.mentions) f.forms.add(formOf(m.text));
      f.mentions += e.mentions.length;
    }
  const varied = new Set([...formsOf].filter(([, f]) => f.forms.size > 1).sort((a, b) => b[1].mentions - a[1].mentions).slice(0, 12).map(([id]) => id));

  const byOutlet = new Map<string, CompareSource[]>();
  for (const r of records) (byOutlet.get(outletOf(r)) ?? byOutlet.set(outletOf(r), []).get(outletOf(r))!).push(r);
  const out: OutletProfile[] = [];
  for (const [domain, rs] of byOutlet) {
    const terms: Record<string, number> = {};
    const labels: Record<string, number> = {};
    const perEntity = new Map<string, Record<string, number>>();
    const acts: Record<string, Record<string, number>> = {};
    let named = 0;
    let anonymous = 0;
    for (const r of rs) {
      for (const e of r.entities) {
        if (!varied.has(e.id)) continue;
        const forms = perEntity.get(e.id) ?? perEntity.set(e.id, {}).get(e.id)!;
        for (const m of e.mentions) {
          bump(forms, formOf(m.text));
          bump(terms, formOf(m.text));
        }
      }
      for (const m of r.text.matchAll(/\b(freedom fighters?|[A-Za-z]+)\b/g)) {
        const word = m[1]!.toLowerCase();
        const label = Object.hasOwn(LABELS, word) ? LABELS[word] : undefined;
        if (label) {
          bump(labels, label);
          bump(terms, label);
        }
      }
      for (const e of r.events) if (e.trigger) bump((acts[e.type] ??= {}), e.trigger.text.toLowerCase());
      for (const q of r.quotes) {
        if (q.anonymous) anonymous++;
        else if (q.speaker !== null) named++;
      }
    }
    out.push({
      domain,
      name: rs.find((r) => r.outlet)?.outlet ?? null,
      articles: rs.length,
      terms,
      termsByEntity: [...perEntity].map(([entity, forms]) => ({ entity, name: formsOf.get(entity)!.name, forms })),
      labels,
      acts,
      sources: { named, anonymous, anonymousShare: named + anonymous > 0 ? Number((anonymous / (named + anonymous)).toFixed(3)) : null },
      exclusiveClaims: claims.filter((c) => c.carriedBy.length === 1 && c.carriedBy[0] === domain && c.corroboratedBy.length === 0).length,
    });
  }
  return out.sort((a, b) => b.articles - a.articles || a.domain.localeCompare(b.domain));
}
