/**
 * The offline gazetteer: GeoNames places (countries, first- and second-level
 * regions, cities of 1,000+ people) and curated rivers, seas, regions and
 * sites, built by scripts/build-gazetteer.ts into data/gazetteer.tsv.gz, with
 * an in-memory index by transliteration-folded key (names.ts).
 *
 * File (gzipped UTF-8 text): a `#` + JSON header line giving the record count
 * and the byte length of each block, then three blocks of one line per
 * record, in the same record order:
 *   1. places: the tab-separated GAZETTEER_COLUMNS (a GeoNames id is stored
 *      as its bare number);
 *   2. names: the record's names joined by `|`, its own name first;
 *   3. keys: the placeKey of each name, deduplicated, joined by `|`.
 * Blocks rather than one wide row: the names stay one string, cut per
 * record only when asked for; the places block is parsed into typed columns
 * and dropped; and like text side by side compresses better (5.4 MB, against
 * 6.8 MB for one row per record). Rows are sorted by country and region, so
 * neighbours share codes and languages. Keys are stored so that loading
 * needs no key folding: about 0.5 s and 75 MB of heap for 191k records.
 *
 * Loaded once, on first use (the pipeline loads it only when it geocodes).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { CHEAPEST_INDEL, letterMask, maskLowerBound, nameCost, nameCostLowerBound, placeKey } from './names.js';
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

/** A record before it has a position: what the build writes. */
export type GazetteerEntry = Omit<GazetteerRecord, 'index'>;

/**
 * Kinds in file order, and the tie-break between equally populous
 * candidates: a country before its namesake region, a region before a city,
 * GeoNames places before curated ones.
 */
export const PLACE_KINDS: readonly PlaceKind[] = ['country', 'admin1', 'admin2', 'city', 'continent', 'region', 'sea', 'river', 'site', 'crossing'];
const KIND_RANK = new Map(PLACE_KINDS.map((k, i) => [k, i]));

/** Columns of the places block. */
export const GAZETTEER_COLUMNS = ['id', 'lat', 'lon', 'kind', 'featureCode', 'country', 'admin1', 'admin2', 'population', 'approximate'] as const;
export const GAZETTEER_PATH = 'src/geo/data/gazetteer.tsv.gz';
const FORMAT = 'newsgraph-gazetteer';
const VERSION = 2;
const GEONAMES = 'geonames:';

/** "Muhafazat Hamah" -> "Hamah", "Rapides Parish" -> "Rapides": the type words GeoNames puts in region names. */
export function stripAdminWords(name: string): string {
  return name
    .replace(/^(?:Muhafazat|Mohafazat|Wilayat|Ostan-e|Province of|State of|Provincia de|Provincia di|Región de|Departamento de|Departamento del|Distrito de|Oblast'?)\s+/i, '')
    .replace(/\s+(?:Governorate|Province|Region|State|Oblast|Oblast'|Prefecture|County|Parish|District|Municipality|Department|Borough|Census Area|City and Borough|Kray|Krai|Rayon|Raion)$/i, '')
    .trim();
}

/** The file text of these entries, in their order (the build sorts them). */
export function formatGazetteer(entries: readonly GazetteerEntry[], source: string): string {
  const clean = (s: string) => s.replace(/[\t\n\r|]/g, ' ');
  const places: string[] = [];
  const names: string[] = [];
  const keys: string[] = [];
  for (const e of entries) {
    if (e.names[0] !== e.name) throw new Error(`gazetteer entry ${e.gazetteerId}: its name must come first among its names`);
    const id = e.gazetteerId.startsWith(GEONAMES) && /^\d+$/.test(e.gazetteerId.slice(GEONAMES.length)) ? e.gazetteerId.slice(GEONAMES.length) : e.gazetteerId;
    places.push([id, e.lat, e.lon, e.kind, e.featureCode, e.country, e.admin1, e.admin2, e.population, e.approximate ? 1 : 0].map((v) => clean(String(v))).join('\t'));
    names.push(e.names.map(clean).join('|'));
    keys.push([...new Set(e.names.map(placeKey).filter((k) => k))].join('|'));
  }
  const blocks = [places, names, keys].map((lines) => (lines.length > 0 ? `${lines.join('\n')}\n` : ''));
  const header = { format: FORMAT, version: VERSION, records: entries.length, blocks: { places: 0, names: 0, keys: 0 }, columns: GAZETTEER_COLUMNS, source };
  [header.blocks.places, header.blocks.names, header.blocks.keys] = blocks.map((b) => Buffer.byteLength(b, 'utf8')) as [number, number, number];
  return `#${JSON.stringify(header)}\n${blocks.join('')}`;
}

/**
 * The loaded places as columns: numbers in typed arrays, codes as positions
 * in a table of distinct strings, the names block as one string with each
 * record's line start. Records are views on it (`StoredRecord`), so the
 * 191k records cost two fields each rather than a dozen fields, two boxed
 * numbers and their strings.
 */
interface PlaceTable {
  /** GeoNames id, or -1 when the id is in `otherIds`. */
  readonly geonameId: Float64Array;
  readonly otherIds: Map<number, string>;
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  readonly kind: Uint8Array;
  readonly population: Float64Array;
  readonly approximate: Uint8Array;
  /** Positions in `codes`. */
  readonly featureCode: Uint32Array;
  readonly country: Uint32Array;
  readonly admin1: Uint32Array;
  readonly admin2: Uint32Array;
  readonly codes: readonly string[];
  readonly names: string;
  /** Start of each record's line in `names`, and the block's end. */
  readonly nameStarts: Uint32Array;
}

/** A record: its position in the place table, fields read from the table; names cut out on demand (the resolver reads a few candidates' names, never all). */
class StoredRecord implements GazetteerRecord {
  constructor(
    readonly index: number,
    private readonly table: PlaceTable,
  ) {}
  get gazetteerId(): string {
    const id = this.table.geonameId[this.index]!;
    return id >= 0 ? `${GEONAMES}${id}` : this.table.otherIds.get(this.index)!;
  }
  get name(): string {
    const { names, nameStarts } = this.table;
    const end = nameStarts[this.index + 1]! - 1;
    const bar = names.indexOf('|', nameStarts[this.index]!);
    return names.slice(nameStarts[this.index]!, bar >= 0 && bar < end ? bar : end);
  }
  get names(): readonly string[] {
    return this.table.names.slice(this.table.nameStarts[this.index]!, this.table.nameStarts[this.index + 1]! - 1).split('|');
  }
  get lat(): number {
    return this.table.lat[this.index]!;
  }
  get lon(): number {
    return this.table.lon[this.index]!;
  }
  get kind(): PlaceKind {
    return PLACE_KINDS[this.table.kind[this.index]!]!;
  }
  get featureCode(): string {
    return this.table.codes[this.table.featureCode[this.index]!]!;
  }
  get country(): string {
    return this.table.codes[this.table.country[this.index]!]!;
  }
  get admin1(): string {
    return this.table.codes[this.table.admin1[this.index]!]!;
  }
  get admin2(): string {
    return this.table.codes[this.table.admin2[this.index]!]!;
  }
  get population(): number {
    return this.table.population[this.index]!;
  }
  get approximate(): boolean {
    return this.table.approximate[this.index] === 1;
  }
  toJSON(): GazetteerRecord {
    const { index, gazetteerId, name, names, lat, lon, kind, featureCode, country, admin1, admin2, population, approximate } = this;
    return { index, gazetteerId, name, names, lat, lon, kind, featureCode, country, admin1, admin2, population, approximate };
  }
}

/** Line starts of a block of `count` lines, plus the end; undefined when the block has another count. */
function lineStarts(text: string, count: number): Uint32Array | undefined {
  const starts = new Uint32Array(count + 1);
  let at = 0;
  for (let i = 0; i < count; i++) {
    starts[i] = at;
    const nl = text.indexOf('\n', at);
    if (nl < 0) return undefined;
    at = nl + 1;
  }
  starts[count] = at;
  return at === text.length ? starts : undefined;
}

/**
 * The number written in text[start, end): an optional minus, digits, an
 * optional fraction, read without cutting out a string. Integer / power of
 * ten is one correctly rounded division, so the value is the one `Number`
 * gives; NaN for anything else.
 */
function readNumber(text: string, start: number, end: number): number {
  let i = start;
  const negative = text.charCodeAt(i) === 45;
  if (negative) i++;
  if (i >= end) return NaN;
  let n = 0;
  let scale = 1;
  let point = false;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      if (point) scale *= 10;
    } else if (c === 46 && !point) point = true;
    else return NaN;
  }
  if (n > Number.MAX_SAFE_INTEGER || scale > 1e22) return Number(text.slice(start, end));
  return negative ? -n / scale : n / scale;
}

/**
 * Parse the uncompressed gazetteer file; `label` names it in errors. Returns
 * the records and the keys block (line i: record i's keys, `|`-joined).
 */
export function parseGazetteer(bytes: Buffer, label: string): { records: GazetteerRecord[]; keys: string } {
  const nl = bytes.indexOf(10);
  const first = bytes.toString('utf8', 0, nl < 0 ? bytes.length : nl);
  let header: { format?: string; version?: number; records?: number; blocks?: { places: number; names: number; keys: number } };
  try {
    header = first.startsWith('#{') ? JSON.parse(first.slice(1)) : {};
  } catch {
    header = {};
  }
  if (header.format !== FORMAT || header.version !== VERSION || typeof header.records !== 'number' || !header.blocks) {
    throw new Error(`gazetteer ${label}: not a ${FORMAT} version ${VERSION} file (header line: ${first.slice(0, 80)}); run \`npm run build:gazetteer\``);
  }
  const count = header.records;
  const placesStart = nl + 1;
  const namesStart = placesStart + header.blocks.places;
  const keysStart = namesStart + header.blocks.names;
  if (keysStart + header.blocks.keys !== bytes.length) throw new Error(`gazetteer ${label}: the blocks do not add up to the file's length`);

  const names = bytes.toString('utf8', namesStart, keysStart);
  const nameStarts = lineStarts(names, count);
  if (!nameStarts) throw new Error(`gazetteer ${label}: the names block does not have ${count} lines`);
  const keys = bytes.toString('utf8', keysStart, keysStart + header.blocks.keys);
  if (!lineStarts(keys, count)) throw new Error(`gazetteer ${label}: the keys block does not have ${count} lines`);

  const table: PlaceTable = {
    geonameId: new Float64Array(count),
    otherIds: new Map(),
    lat: new Float64Array(count),
    lon: new Float64Array(count),
    kind: new Uint8Array(count),
    population: new Float64Array(count),
    approximate: new Uint8Array(count),
    featureCode: new Uint32Array(count),
    country: new Uint32Array(count),
    admin1: new Uint32Array(count),
    admin2: new Uint32Array(count),
    codes: [],
    names,
    nameStarts,
  };
  // The places block is scanned in place: numbers read from the text, codes cut out only when they differ from
  // the row above (rows sorted by region repeat them) and then shared through `codes`.
  const text = bytes.toString('utf8', placesStart, namesStart);
  const codes = table.codes as string[];
  const codeIndex = new Map<string, number>();
  const code = (start: number, end: number, above: number) => {
    const prev = codes[above];
    if (prev !== undefined && prev.length === end - start && text.startsWith(prev, start)) return above;
    const value = text.slice(start, end);
    let at = codeIndex.get(value);
    if (at === undefined) {
      at = codes.push(value) - 1;
      codeIndex.set(value, at);
    }
    return at;
  };
  const records: GazetteerRecord[] = new Array(count);
  const ends = new Uint32Array(GAZETTEER_COLUMNS.length);
  const starts = new Uint32Array(GAZETTEER_COLUMNS.length);
  let pos = 0;
  for (let i = 0; i < count; i++) {
    const lineEnd = text.indexOf('\n', pos);
    if (lineEnd < 0) throw new Error(`gazetteer ${label}: the places block has ${i} lines, expected ${count}`);
    let fields = 0;
    for (let at = pos; fields < ends.length; fields++) {
      const tab = text.indexOf('\t', at);
      starts[fields] = at;
      ends[fields] = tab >= 0 && tab < lineEnd ? tab : lineEnd;
      at = ends[fields]! + 1;
      if (ends[fields] === lineEnd) break;
    }
    if (fields !== ends.length - 1 || ends[ends.length - 1] !== lineEnd) {
      throw new Error(`gazetteer ${label}: place ${i + 1} has ${text.slice(pos, lineEnd).split('\t').length} columns, expected ${GAZETTEER_COLUMNS.length}`);
    }
    const id = readNumber(text, pos, ends[0]!);
    if (Number.isInteger(id) && id >= 0 && text.charCodeAt(pos) !== 45) table.geonameId[i] = id;
    else {
      table.geonameId[i] = -1;
      table.otherIds.set(i, text.slice(pos, ends[0]!));
    }
    table.lat[i] = readNumber(text, starts[1]!, ends[1]!);
    table.lon[i] = readNumber(text, starts[2]!, ends[2]!);
    const kind = KIND_RANK.get(text.slice(starts[3]!, ends[3]!) as PlaceKind);
    if (kind === undefined) throw new Error(`gazetteer ${label}: place ${i + 1} has an unknown kind ${text.slice(starts[3]!, ends[3]!)}`);
    table.kind[i] = kind;
    table.featureCode[i] = code(starts[4]!, ends[4]!, table.featureCode[i - 1] ?? -1);
    table.country[i] = code(starts[5]!, ends[5]!, table.country[i - 1] ?? -1);
    table.admin1[i] = code(starts[6]!, ends[6]!, table.admin1[i - 1] ?? -1);
    table.admin2[i] = code(starts[7]!, ends[7]!, table.admin2[i - 1] ?? -1);
    table.population[i] = readNumber(text, starts[8]!, ends[8]!);
    table.approximate[i] = text.charCodeAt(starts[9]!) === 49 ? 1 : 0;
    if (Number.isNaN(table.lat[i]) || Number.isNaN(table.lon[i]) || Number.isNaN(table.population[i])) throw new Error(`gazetteer ${label}: place ${i + 1} has a malformed number`);
    records[i] = new StoredRecord(i, table);
    pos = lineEnd + 1;
  }
  if (pos !== text.length) throw new Error(`gazetteer ${label}: the places block has more than ${count} lines`);
  return { records, keys };
}

const DEMONYMS = new Map<string, string>();
for (const [iso2, words] of Object.entries(demonymData.countries)) for (const w of words) DEMONYMS.set(w, iso2);

/** Fuzzy matching looks only at keys this long or longer, of places this large or not cities. */
const FUZZY_MIN_KEY = 5;
const FUZZY_MIN_POPULATION = 15000;
const FUZZY_CACHE_LIMIT = 20000;

/** Keys of one first letter and length, with their letter masks side by side for a fast scan. */
interface FuzzyBucket {
  readonly keys: string[];
  masks: Int32Array | number[];
  readonly records: (readonly GazetteerRecord[])[];
}

/**
 * Index records by their name keys. `keys` is the stored keys block (line i:
 * record i's keys, `|`-joined); without it the keys are computed from the names.
 */
export function buildGazetteer(records: readonly GazetteerRecord[], keys?: string): Gazetteer {
  // A key of one record (most keys) maps to the record itself; a shared key to its records in candidate order:
  // most populous first, then by kind (PLACE_KINDS), then by position. Lists are short: kept in order as they grow.
  const rank = new Float64Array(records.length);
  for (const r of records) rank[r.index] = KIND_RANK.get(r.kind)!;
  const before = (a: GazetteerRecord, b: GazetteerRecord) =>
    a.population > b.population || (a.population === b.population && (rank[a.index]! < rank[b.index]! || (rank[a.index] === rank[b.index] && a.index < b.index)));
  const byKey = new Map<string, GazetteerRecord | GazetteerRecord[]>();
  const add = (key: string, r: GazetteerRecord) => {
    if (!key) return;
    const seen = byKey.get(key);
    if (seen === undefined) byKey.set(key, r);
    else if (Array.isArray(seen)) {
      if (seen.includes(r)) return;
      let at = seen.push(r) - 1;
      for (; at > 0 && before(r, seen[at - 1]!); at--) seen[at] = seen[at - 1]!;
      seen[at] = r;
    } else if (seen !== r) byKey.set(key, before(r, seen) ? [r, seen] : [seen, r]);
  };
  if (keys === undefined) {
    for (const r of records) for (const name of r.names) add(placeKey(name), r);
  } else {
    // Scanned in place: one string per key, none per line.
    let at = 0;
    for (const r of records) {
      const lineEnd = keys.indexOf('\n', at);
      if (lineEnd < 0) throw new Error(`gazetteer keys: ${records.length} lines expected`);
      while (at <= lineEnd) {
        let end = keys.indexOf('|', at);
        if (end < 0 || end > lineEnd) end = lineEnd;
        add(keys.slice(at, end), r);
        at = end + 1;
      }
    }
  }
  const listOf = (v: GazetteerRecord | GazetteerRecord[] | undefined): readonly GazetteerRecord[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

  // Fuzzy pool: keys of notable places, bucketed by first letter and length, with their letter masks; built on the first fuzzy lookup.
  const isNotable = (r: GazetteerRecord) => r.population >= FUZZY_MIN_POPULATION || r.kind !== 'city';
  let fuzzyPool: Map<string, FuzzyBucket> | null = null;
  const pool = () => {
    if (fuzzyPool) return fuzzyPool;
    fuzzyPool = new Map();
    for (const [key, value] of byKey) {
      if (key.length < FUZZY_MIN_KEY) continue;
      const notable = Array.isArray(value) ? value.filter(isNotable) : isNotable(value) ? [value] : [];
      if (notable.length === 0) continue;
      const bucketKey = `${key[0]}${key.length}`;
      let bucket = fuzzyPool.get(bucketKey);
      if (!bucket) fuzzyPool.set(bucketKey, (bucket = { keys: [], masks: [], records: [] }));
      bucket.keys.push(key);
      (bucket.masks as number[]).push(letterMask(key));
      bucket.records.push(notable);
    }
    for (const bucket of fuzzyPool.values()) bucket.masks = Int32Array.from(bucket.masks);
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
    candidates: (name) => listOf(byKey.get(placeKey(name))),
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
      const mask = letterMask(key);
      // Keys whose length differs by more than the budget buys in the cheapest added or dropped letters cannot match.
      const spread = Math.floor(maxCost / CHEAPEST_INDEL + 1e-9);
      for (let length = key.length - spread; length <= key.length + spread; length++) {
        const bucket = buckets.get(`${key[0]}${length}`);
        if (!bucket) continue;
        const masks = bucket.masks;
        for (let j = 0; j < masks.length; j++) {
          // Cheap bounds first (names.ts): most keys fail the first, from their letter masks alone.
          if (maskLowerBound(mask, masks[j]!, maxCost) > maxCost || nameCostLowerBound(key, bucket.keys[j]!) > maxCost) continue;
          const cost = nameCost(key, bucket.keys[j]!, maxCost);
          if (cost <= maxCost) for (const record of bucket.records[j]!) out.push({ record, cost });
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

/** Where the project's gazetteer is; read by the resource loader (src/pipeline/resources.ts), not by this module. */
export const GAZETTEER_URL = new URL('./data/gazetteer.tsv.gz', import.meta.url);

/** Read and index the gazetteer file at `path`. */
export function loadGazetteer(path: string | URL): Gazetteer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new Error(`gazetteer ${String(path)}: cannot read (${(e as Error).message}); run \`npm run build:gazetteer\``, { cause: e });
  }
  const { records, keys } = parseGazetteer(gunzipSync(bytes), String(path));
  return buildGazetteer(records, keys);
}
