/**
 * Context-aware toponym resolution: every place name of an article lands on
 * one gazetteer record, with a confidence and, when another record came
 * close, the runner-up.
 *
 * A name alone rarely decides: "Palmyra" is a Syrian city and a town in New
 * York, "Alexandria" a city in Egypt and one in Louisiana. Candidates are
 * scored by a small log-linear model whose evidence is
 *   - prior: what kind of place it is (a country name almost always means the
 *     country; capitals and first-order admin seats over villages) and its
 *     population;
 *   - the name: the record's own name beats one of its alternates, an exact
 *     key beats a fuzzy match (names.ts prices the difference);
 *   - the article's countries: the countries of the other places, weighted by
 *     how often and how surely they were resolved, the demonyms ("Syrian
 *     forces") and the dateline ("BEIRUT -"), which weighs most;
 *   - the admin hierarchy: "Alexandria, Louisiana" or "Hama province"
 *     written out, or a first-level region the article names elsewhere;
 *   - proximity to the other places of the article;
 *   - a type word next to the name ("the Euphrates river", "Raqqa province").
 * Scores are recomputed a few times, each pass reading the previous pass's
 * choices for the other places, so a confident "Syria" pulls an ambiguous
 * "Palmyra" and the chosen "Palmyra" in turn supports its neighbours.
 * Confidence is the softmax share of the winning candidate.
 *
 * Pure: the gazetteer is passed in; nothing here reads files.
 */
import type { GeoFocus } from '../core/doc.js';
import type { Gazetteer, GazetteerRecord, PlaceKind } from './gazetteer.js';
import { foldName } from './names.js';

/** A place name of the article: one entity, with every form and mention it has. */
export interface ToponymInput {
  readonly id: string;
  /** Surface forms, most complete first ("Deir ez-Zor province", "Deir ez-Zor"). */
  readonly names: readonly string[];
  readonly mentions: readonly { readonly start: number; readonly end: number }[];
}

export interface GeoInput {
  readonly text: string;
  readonly toponyms: readonly ToponymInput[];
}

export interface Resolution {
  readonly toponym: ToponymInput;
  readonly record: GazetteerRecord;
  readonly confidence: number;
  readonly runnerUp: { readonly record: GazetteerRecord; readonly confidence: number } | null;
  /** Which kinds of evidence favoured the winner, for the curious reader. */
  readonly evidence: readonly string[];
}

export interface GeoResult {
  readonly resolutions: readonly Resolution[];
  readonly focus: GeoFocus | null;
}

/** Weights of the scoring model; tuned on the GeoWebNews development set only (scripts/eval-geo.ts). */
export const WEIGHTS = {
  population: 1.2,
  demonym: 2.5,
  kind: 1.0,
  primaryName: 0.4,
  fuzzy: 1.5,
  country: 1.5,
  dateline: 1.0,
  admin1: 0.5,
  containment: 3.0,
  proximity: 0.5,
  typeWord: 2.0,
  temperature: 0.5,
  passes: 3,
} as const;

/** How likely a record of this kind is what a bare name means, before any context. */
function kindPrior(r: GazetteerRecord): number {
  switch (r.kind) {
    case 'country':
      return 3.0;
    // Oceans, seas and continents have no country to gain from the article's countries: a strong prior instead.
    case 'continent':
    case 'sea':
      return 2.5;
    case 'admin1':
      return 0.9;
    // A bare name rarely means a county: "Washington" is not Washington County.
    case 'admin2':
      return -0.3;
    // Curated entries: the names news uses for them.
    case 'river':
    case 'region':
      return 1.5;
    case 'site':
    case 'crossing':
      return 1.0;
    default:
      break;
  }
  switch (r.featureCode) {
    case 'PPLC':
      return 1.5;
    case 'PPLA':
      return 0.6;
    case 'PPLA2':
      return 0.3;
    default:
      return 0;
  }
}

/** Words after (or before) a name that say what kind of place it is. */
const TYPE_WORDS: readonly [RegExp, readonly PlaceKind[]][] = [
  [/^(?:province|governorate|region|state|oblast|prefecture|department|canton)$/i, ['admin1', 'admin2', 'region']],
  [/^(?:county|district|parish|municipality|borough)$/i, ['admin2', 'admin1']],
  [/^(?:river|valley)$/i, ['river']],
  [/^(?:sea|gulf|bay|ocean|strait)$/i, ['sea']],
  [/^(?:city|town|village|suburb|neighbourhood|neighborhood)$/i, ['city']],
  [/^(?:crossing|border\s+crossing|checkpoint)$/i, ['crossing', 'site']],
  [/^(?:dam|airbase|base|airport|camp)$/i, ['site']],
];

function kindsOfTypeWord(word: string): readonly PlaceKind[] | null {
  for (const [pattern, kinds] of TYPE_WORDS) if (pattern.test(word)) return kinds;
  return null;
}

/** "Raqqa province" -> {base: "Raqqa", kinds: admin...}; "the city of Aleppo" -> {base: "Aleppo", kinds: city}. */
export function splitTypeWord(name: string): { base: string; kinds: readonly PlaceKind[] | null } {
  const bare = name.replace(/^the\s+/i, '').trim();
  const after = /^(.+?)\s+(\S+)$/u.exec(bare);
  if (after) {
    const kinds = kindsOfTypeWord(after[2]!);
    if (kinds) return { base: after[1]!, kinds };
  }
  const before = /^(\S+)\s+of\s+(.+)$/iu.exec(bare);
  if (before) {
    const kinds = kindsOfTypeWord(before[1]!);
    if (kinds) return { base: before[2]!, kinds };
  }
  return { base: bare, kinds: null };
}

const toRadians = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in kilometres. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLon = toRadians(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** At most this many candidates per name, most populous first (countries and regions always kept). */
const MAX_CANDIDATES = 60;
/** Names shorter than this get no fuzzy matches: too many short names are one edit apart. */
const FUZZY_MIN_LENGTH = 5;
const FUZZY_MAX_COST = 1.0;

interface Candidate {
  readonly record: GazetteerRecord;
  /** Name evidence: 1 for the record's own name, 0 for an alternate; minus the fuzzy cost. */
  readonly primary: boolean;
  readonly fuzzyCost: number;
  /** The name is a demonym or country adjective of this (country) record. */
  readonly demonym?: boolean;
}

interface Prepared {
  readonly toponym: ToponymInput;
  readonly candidates: readonly Candidate[];
  /** Kinds a type word next to the name asks for. */
  readonly typeKinds: readonly PlaceKind[] | null;
  /** Records named right after a mention, as in "Alexandria, Louisiana": their indices. */
  readonly containers: ReadonlySet<number>;
  readonly dateline: boolean;
  readonly weight: number;
  /** First-level regions that have a city of this name: a bare name shared by a region and its city means the city. */
  readonly cityAdmins: ReadonlySet<string>;
}

function candidatesFor(gazetteer: Gazetteer, names: readonly string[]): { candidates: Candidate[]; typeKinds: readonly PlaceKind[] | null } {
  let typeKinds: readonly PlaceKind[] | null = null;
  const byIndex = new Map<number, Candidate>();
  const add = (record: GazetteerRecord, name: string, fuzzyCost: number) => {
    const primary = foldName(record.name) === foldName(name);
    const seen = byIndex.get(record.index);
    if (!seen || (primary && !seen.primary) || fuzzyCost < seen.fuzzyCost) byIndex.set(record.index, { record, primary: primary || (seen?.primary ?? false), fuzzyCost: Math.min(fuzzyCost, seen?.fuzzyCost ?? fuzzyCost) });
  };
  for (const name of names) {
    const { base, kinds } = splitTypeWord(name);
    typeKinds ??= kinds;
    const whole = name.replace(/^the\s+/i, '');
    let found = gazetteer.candidates(whole);
    let used = whole;
    if (found.length === 0 && base !== whole) {
      found = gazetteer.candidates(base);
      used = base;
    }
    for (const record of found) add(record, used, 0);
  }
  // A demonym or country adjective used as a place ("Syrian" in "Syrian-backed") stands for its country,
  // whatever town shares its spelling ("Canadian, Texas").
  for (const name of names) {
    const iso2 = gazetteer.demonymCountry(name.replace(/^the\s+/i, ''));
    const country = iso2 ? gazetteer.country(iso2) : undefined;
    if (country) byIndex.set(country.index, { record: country, primary: false, fuzzyCost: 0, demonym: true });
  }
  if (byIndex.size === 0) {
    for (const name of names) {
      const { base } = splitTypeWord(name);
      if (base.length < FUZZY_MIN_LENGTH) continue;
      for (const { record, cost } of gazetteer.fuzzyCandidates(base, FUZZY_MAX_COST)) add(record, base, cost);
    }
  }
  const all = [...byIndex.values()];
  const broad = all.filter((c) => c.record.kind !== 'city');
  const cities = all
    .filter((c) => c.record.kind === 'city')
    .sort((a, b) => b.record.population - a.record.population || a.record.index - b.record.index)
    .slice(0, MAX_CANDIDATES);
  return { candidates: [...broad, ...cities], typeKinds };
}

/** A type word written right after any mention ("Hama province", "the Euphrates river"). */
function typeWordAfter(text: string, toponym: ToponymInput): readonly PlaceKind[] | null {
  for (const m of toponym.mentions) {
    const after = /^\s+([A-Za-z]+)/.exec(text.slice(m.end, m.end + 20));
    const kinds = after ? kindsOfTypeWord(after[1]!) : null;
    if (kinds) return kinds;
  }
  return null;
}

/** "Alexandria, Louisiana": the toponyms whose mention follows one of this toponym's mentions after a comma. */
function containerToponyms(text: string, toponym: ToponymInput, all: readonly ToponymInput[]): ToponymInput[] {
  const out: ToponymInput[] = [];
  for (const m of toponym.mentions) {
    const gap = /^,\s*/.exec(text.slice(m.end, m.end + 4));
    if (!gap) continue;
    const at = m.end + gap[0].length;
    const next = all.find((t) => t !== toponym && t.mentions.some((x) => x.start === at));
    if (next && !out.includes(next)) out.push(next);
  }
  return out;
}

/** A dateline: the article opens with an upper-case place, optionally ", Region", then a dash or "(Agency)". */
const DATELINE = /^\s*([A-Z][A-Z .'’-]{2,40}?)(?:,\s*[A-Za-z .'’-]{2,30})?\s*(?:\([^)]{1,40}\)\s*)?[-–—:]/u;

function datelineEnd(text: string): number | null {
  const m = DATELINE.exec(text.slice(0, 120));
  return m ? m.index + m[0].indexOf(m[1]!) + m[1]!.trimEnd().length : null;
}

/** Demonyms and country adjectives in the text ("Syrian", "Iraqi"), as country votes. */
function demonymVotes(text: string, gazetteer: Gazetteer): Map<string, number> {
  const votes = new Map<string, number>();
  for (const m of text.matchAll(/\b\p{Lu}\p{Ll}{2,}\b/gu)) {
    const country = gazetteer.demonymCountry(m[0]);
    if (country) votes.set(country, (votes.get(country) ?? 0) + 1);
  }
  return votes;
}

interface Choice {
  readonly record: GazetteerRecord;
  readonly confidence: number;
}

function softmax(scores: readonly number[], temperature: number): number[] {
  const top = Math.max(...scores);
  const exps = scores.map((s) => Math.exp((s - top) / temperature));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export function resolvePlaces(input: GeoInput, gazetteer: Gazetteer, weights: typeof WEIGHTS = WEIGHTS): GeoResult {
  const { text } = input;
  const datelineAt = datelineEnd(text);
  const prepared: Prepared[] = input.toponyms.map((toponym) => {
    const { candidates, typeKinds } = candidatesFor(gazetteer, toponym.names);
    return {
      toponym,
      candidates,
      typeKinds: typeKinds ?? typeWordAfter(text, toponym),
      containers: new Set<number>(),
      dateline: datelineAt !== null && toponym.mentions.some((m) => m.start <= 12 && m.end <= datelineAt + 1),
      weight: toponym.mentions.length,
      cityAdmins: new Set(candidates.filter((c) => c.record.kind === 'city').map((c) => c.record.admin1)),
    };
  });
  // Containment: "Alexandria, Louisiana" - the candidates of the name after the comma.
  const containment = prepared.map((p) =>
    containerToponyms(text, p.toponym, input.toponyms).flatMap((t) => prepared.find((q) => q.toponym === t)?.candidates.map((c) => c.record) ?? []),
  );
  const demonyms = demonymVotes(text, gazetteer);

  let choices: (Choice | null)[] = prepared.map(() => null);
  let scored: { scores: number[]; parts: string[][] }[] = [];
  for (let pass = 0; pass < weights.passes; pass++) {
    // Country weights from demonyms and the previous pass's choices for every place.
    const countryWeight = new Map<string, number>(demonyms);
    const admin1Chosen = new Set<string>();
    prepared.forEach((p, i) => {
      const c = choices[i];
      if (!c || !c.record.country) return;
      const w = p.weight * c.confidence * (p.dateline ? 1 + weights.dateline * 3 : 1);
      countryWeight.set(c.record.country, (countryWeight.get(c.record.country) ?? 0) + w);
      if (c.record.kind === 'admin1') admin1Chosen.add(c.record.admin1);
    });
    const totalCountry = [...countryWeight.values()].reduce((a, b) => a + b, 0);

    scored = prepared.map((p, i) => {
      const own = choices[i];
      // The place's own vote is taken out, so a name cannot confirm itself.
      const ownWeight = own?.record.country ? p.weight * own.confidence * (p.dateline ? 1 + weights.dateline * 3 : 1) : 0;
      const others = prepared
        .map((_, j) => (j !== i ? choices[j] : null))
        .filter((c): c is Choice => c !== null && c !== undefined && c.record.kind !== 'country' && c.record.kind !== 'continent' && c.record.kind !== 'admin1');
      const parts: string[][] = [];
      const scores = p.candidates.map((cand) => {
        const r = cand.record;
        const why: string[] = [];
        const seatShadowed = (r.kind === 'admin1' || r.kind === 'admin2') && p.cityAdmins.has(r.admin1);
        // Population speaks for cities and countries; a region's is only the sum of its cities.
        const population = r.kind === 'city' || r.kind === 'country' ? r.population : 0;
        let s = weights.population * (Math.log10(population + 10) / 7) + weights.kind * (seatShadowed ? 0 : kindPrior(r));
        if (cand.primary) s += weights.primaryName;
        if (cand.demonym) {
          s += weights.demonym;
          why.push('demonym');
        }
        s -= weights.fuzzy * cand.fuzzyCost;
        if (r.country && totalCountry > 0) {
          const shareRaw = (countryWeight.get(r.country) ?? 0) - (own?.record.country === r.country ? ownWeight : 0);
          const denominator = totalCountry - ownWeight;
          const share = denominator > 0 ? Math.max(0, shareRaw) / denominator : 0;
          if (share > 0) {
            s += weights.country * share;
            if (share > 0.3) why.push('country');
          }
        }
        if (r.kind !== 'admin1' && r.admin1 && admin1Chosen.has(r.admin1)) {
          s += weights.admin1;
          why.push('region');
        }
        if (containment[i]!.some((c) => (c.kind === 'country' ? c.country === r.country : c.kind === 'admin1' ? c.admin1 === r.admin1 : false))) {
          s += weights.containment;
          why.push('containment');
        }
        if (others.length > 0 && r.kind !== 'country' && r.kind !== 'continent') {
          let nearest = Infinity;
          for (const o of others) nearest = Math.min(nearest, distanceKm(r, o.record));
          s += weights.proximity * Math.exp(-nearest / 300);
          if (nearest < 300) why.push('nearby');
        }
        if (p.typeKinds?.includes(r.kind)) {
          s += weights.typeWord;
          why.push('type-word');
        }
        parts.push(why);
        return s;
      });
      return { scores, parts };
    });
    choices = scored.map(({ scores }, i) => {
      if (scores.length === 0) return null;
      const probabilities = softmax(scores, weights.temperature);
      let best = 0;
      for (let k = 1; k < probabilities.length; k++) if (probabilities[k]! > probabilities[best]!) best = k;
      return { record: prepared[i]!.candidates[best]!.record, confidence: probabilities[best]! };
    });
  }

  const resolutions: Resolution[] = [];
  prepared.forEach((p, i) => {
    const { scores, parts } = scored[i]!;
    if (scores.length === 0) return;
    const probabilities = softmax(scores, weights.temperature);
    const order = probabilities.map((_, k) => k).sort((a, b) => probabilities[b]! - probabilities[a]! || p.candidates[a]!.record.index - p.candidates[b]!.record.index);
    const best = order[0]!;
    const second = order[1];
    const cand = p.candidates[best]!;
    const evidence = [cand.fuzzyCost > 0 ? 'fuzzy-name' : cand.primary ? 'name' : 'alternate-name', ...parts[best]!];
    if (p.dateline) evidence.push('dateline');
    resolutions.push({
      toponym: p.toponym,
      record: cand.record,
      // A fuzzy name match is less sure than the choice among its candidates says.
      confidence: probabilities[best]! * Math.exp(-cand.fuzzyCost),
      runnerUp: second === undefined ? null : { record: p.candidates[second]!.record, confidence: probabilities[second]! },
      evidence,
    });
  });
  return { resolutions, focus: focusOf(resolutions, demonyms) };
}

/** The country (and region) the article's places and demonyms weigh most on. */
function focusOf(resolutions: readonly Resolution[], demonyms: ReadonlyMap<string, number>): GeoFocus | null {
  const countries = new Map<string, number>(demonyms);
  const regions = new Map<string, number>();
  for (const r of resolutions) {
    const w = r.toponym.mentions.length * r.confidence * (r.evidence.includes('dateline') ? 3 : 1);
    if (r.record.country) countries.set(r.record.country, (countries.get(r.record.country) ?? 0) + w);
    if (r.record.admin1 && r.record.kind !== 'country') regions.set(r.record.admin1, (regions.get(r.record.admin1) ?? 0) + w);
  }
  const total = [...countries.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const [country, weight] = [...countries.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
  const inCountry = [...regions.entries()].filter(([code]) => code.startsWith(`${country}.`)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const regionTotal = inCountry.reduce((a, [, w]) => a + w, 0);
  const admin1 = inCountry[0] && inCountry[0][1] >= 2 && inCountry[0][1] / regionTotal >= 0.5 ? inCountry[0][0] : null;
  return { country, admin1, confidence: Number((weight / total).toFixed(3)) };
}
