/**
 * The offline gazetteer: GeoNames places (countries, first- and second-level
 * regions, cities of 1,000+ people) and curated rivers, seas, regions and
 * sites, built by scripts/build-gazetteer.ts into data/gazetteer.tsv.gz, with
 * an in-memory index by transliteration-folded key (names.ts).
 *
 * File: gzipped text; a `#` + JSON header line, then one record per line:
 * the columns of GAZETTEER_COLUMNS, `names` and `keys` joined by `|`.
 *
 * Loaded once, on first use (the pipeline loads it only when it geocodes).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { nameCost, nameCostLowerBound, placeKey } from './names.js';
import demonymData from './data/demonyms.json' with { type: 'json' };

export type PlaceKind = 'country' | 'admin1' | 'admin2' | 'city' | 'river' | 'sea' | 'region' | 'continent' | 'site' | 'crossing';

export interface GazetteerRecord {
  /** Position in `records`. */
  readonly index: number;
  /** 'geonames:172955', or 'newsgraph:euphrates' for curated entries. */
  readonly gazetteerId: string;
  /** The gazetteer's own name ('Ar Raqqah'). */
  readonly name: string;
  /** The name, the ASCII name, Latin-script alternates, curated variants. */
  readonly names: readonly string[];
  readonly lat: number;
  readonly lon: number;
  readonly kind: PlaceKind;
  /** GeoNames feature code (PPLC, PPLA, PPL, ADM1, PCLI...), '' for curated entries. */
  readonly featureCode: string;
  /** ISO2, '' for places in no single country. */
  readonly country: string;
  /** 'SY.04', '' when none. */
  readonly admin1: string;
  /** 'US.LA.079', '' when none. */
  readonly admin2: string;
  readonly population: number;
  /** A representative point computed from the region's cities, not a surveyed one. */
  readonly approximate: boolean;
}

export interface Gazetteer {
  readonly records: readonly GazetteerRecord[];
  /** Records whose names have this name's key, most populous first. */
  candidates(name: string): readonly GazetteerRecord[];
  /** When no key matches: records whose key is within `maxCost` (names.ts), cheapest first. */
  fuzzyCandidates(name: string, maxCost?: number): readonly { readonly record: GazetteerRecord; readonly cost: number }[];
  country(iso2: string): GazetteerRecord | undefined;
  admin1(code: string): GazetteerRecord | undefined;
  /** ISO2 of the country a demonym or adjective names ('Syrian' -> 'SY'); undefined for peoples without one country ('Kurdish'). */
  demonymCountry(word: string): string | undefined;
}

/** `keys`: the placeKey of each name, computed at build time so loading needs no key folding. */
export const GAZETTEER_COLUMNS = ['id', 'name', 'lat', 'lon', 'kind', 'featureCode', 'country', 'admin1', 'admin2', 'population', 'approximate', 'names', 'keys'] as const;
export const GAZETTEER_PATH = 'src/geo/data/gazetteer.tsv.gz';

/** "Muhafazat Hamah" -> "Hamah", "Rapides Parish" -> "Rapides", "State of Kuwait"? no: admin names only. */
export function stripAdminWords(name: string): string {
  return name
    .replace(/^(?:Muhafazat|Mohafazat|Wilayat|Ostan-e|Province of|State of|Provincia de|Provincia di|Región de|Departamento de|Departamento del|Distrito de|Oblast'?)\s+/i, '')
    .replace(/\s+(?:Governorate|Province|Region|State|Oblast|Oblast'|Prefecture|County|Parish|District|Municipality|Department|Borough|Census Area|City and Borough|Kray|Krai|Rayon|Raion)$/i, '')
    .trim();
}

/**
 * A record as stored: its fields parsed once, its names kept as the stored
 * `|`-joined text and split on demand (the resolver rarely needs them), which
 * keeps the loaded table small.
 */
class StoredRecord implements GazetteerRecord {
  readonly gazetteerId: string;
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  readonly kind: PlaceKind;
  readonly featureCode: string;
  readonly country: string;
  readonly admin1: string;
  readonly admin2: string;
  readonly population: number;
  readonly approximate: boolean;
  private readonly namesText: string;
  constructor(
    readonly index: number,
    f: readonly string[],
  ) {
    this.gazetteerId = f[0]!;
    this.name = f[1]!;
    this.lat = Number(f[2]);
    this.lon = Number(f[3]);
    this.kind = f[4] as PlaceKind;
    this.featureCode = f[5]!;
    this.country = f[6]!;
    this.admin1 = f[7]!;
    this.admin2 = f[8]!;
    this.population = Number(f[9]);
    this.approximate = f[10] === '1';
    this.namesText = f[11]!;
  }
  get names(): readonly string[] {
    return this.namesText.split('|');
  }
}

/** Parse the uncompressed gazetteer text; `name` only labels errors. */
export function parseGazetteer(text: string, name: string): { records: GazetteerRecord[]; keys: string[][] } {
  const lines = text.split('\n');
  if (!lines[0]?.startsWith('#{')) throw new Error(`gazetteer ${name}: missing the header line`);
  const records: GazetteerRecord[] = [];
  const keys: string[][] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    const f = line.split('\t');
    if (f.length !== GAZETTEER_COLUMNS.length) throw new Error(`gazetteer ${name}: line ${i + 1} has ${f.length} columns, expected ${GAZETTEER_COLUMNS.length}`);
    records.push(new StoredRecord(records.length, f));
    keys.push(f[12] ? f[12].split('|') : []);
  }
  if (keys.some((k, i) => k.length === 0 && records[i]!.names.length > 0)) throw new Error(`gazetteer ${name}: a record has names but no keys`);
  return { records, keys };
}

const DEMONYMS = new Map<string, string>();
for (const [iso2, words] of Object.entries(demonymData.countries)) for (const w of words) DEMONYMS.set(w, iso2);

/** Fuzzy matching looks only at keys this long or longer, of places this large or not cities. */
const FUZZY_MIN_KEY = 5;
const FUZZY_MIN_POPULATION = 15000;
const FUZZY_CACHE_LIMIT = 20000;

/** Index records by their name keys; `keys[i]` are record i's keys, computed from its names when not given. */
export function buildGazetteer(records: readonly GazetteerRecord[], keys?: readonly (readonly string[])[]): Gazetteer {
  const byKey = new Map<string, GazetteerRecord[]>();
  for (const r of records) {
    for (const key of keys?.[r.index] ?? new Set(r.names.map(placeKey))) {
      if (!key) continue;
      const list = byKey.get(key);
      if (list) list.push(r);
      else byKey.set(key, [r]);
    }
  }
  for (const list of byKey.values()) list.sort((a, b) => b.population - a.population || a.index - b.index);
  // Fuzzy pool: keys of notable places, bucketed by first letter and length; built on the first fuzzy lookup.
  let fuzzyPool: Map<string, { key: string; records: GazetteerRecord[] }[]> | null = null;
  const pool = () => {
    if (fuzzyPool) return fuzzyPool;
    fuzzyPool = new Map();
    for (const [key, list] of byKey) {
      if (key.length < FUZZY_MIN_KEY) continue;
      const notable = list.filter((r) => r.kind !== 'city' || r.population >= FUZZY_MIN_POPULATION);
      if (notable.length === 0) continue;
      const bucketKey = `${key[0]}${key.length}`;
      const bucket = fuzzyPool.get(bucketKey) ?? fuzzyPool.set(bucketKey, []).get(bucketKey)!;
      bucket.push({ key, records: notable });
    }
    return fuzzyPool;
  };
  const fuzzyCache = new Map<string, { record: GazetteerRecord; cost: number }[]>();
  const countries = new Map<string, GazetteerRecord>();
  const admin1s = new Map<string, GazetteerRecord>();
  for (const r of records) {
    if (r.kind === 'country') countries.set(r.country, r);
    if (r.kind === 'admin1') admin1s.set(r.admin1, r);
  }
  return {
    records,
    candidates: (name) => byKey.get(placeKey(name)) ?? [],
    fuzzyCandidates: (name, maxCost = 1.5) => {
      const key = placeKey(name);
      if (key.length < FUZZY_MIN_KEY) return [];
      // Unknown names recur across a corpus (a street, a firm mistyped as a place): remember the answers.
      const cacheKey = `${maxCost}|${key}`;
      const cached = fuzzyCache.get(cacheKey);
      if (cached) return cached;
      if (fuzzyCache.size >= FUZZY_CACHE_LIMIT) fuzzyCache.clear();
      const out: { record: GazetteerRecord; cost: number }[] = [];
      const buckets = pool();
      for (let length = key.length - 2; length <= key.length + 2; length++) {
        for (const entry of buckets.get(`${key[0]}${length}`) ?? []) {
          if (nameCostLowerBound(key, entry.key) > maxCost) continue;
          const cost = nameCost(key, entry.key, maxCost);
          if (cost <= maxCost) for (const record of entry.records) out.push({ record, cost });
        }
      }
      out.sort((a, b) => a.cost - b.cost || b.record.population - a.record.population || a.record.index - b.record.index);
      fuzzyCache.set(cacheKey, out);
      return out;
    },
    country: (iso2) => countries.get(iso2),
    admin1: (code) => admin1s.get(code),
    demonymCountry: (word) => DEMONYMS.get(word),
  };
}

let loaded: Gazetteer | null = null;

/** The project's gazetteer, read and indexed on first use. */
export function loadGazetteer(path: string | URL = new URL('./data/gazetteer.tsv.gz', import.meta.url)): Gazetteer {
  if (loaded && path.toString() === new URL('./data/gazetteer.tsv.gz', import.meta.url).toString()) return loaded;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new Error(`gazetteer ${String(path)}: cannot read (${(e as Error).message}); run \`npm run build:gazetteer\``, { cause: e });
  }
  const { records, keys } = parseGazetteer(gunzipSync(bytes).toString('utf8'), String(path));
  const gazetteer = buildGazetteer(records, keys);
  if (path.toString() === new URL('./data/gazetteer.tsv.gz', import.meta.url).toString()) loaded = gazetteer;
  return gazetteer;
}
