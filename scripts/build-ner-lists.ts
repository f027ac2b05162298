/**
 * Builds the word lists of the first entity recognizer (src/nlp/data/lists.json)
 * from public data in ../shared/data:
 *   - place names: GeoNames countries and capitals (countryInfo.txt), first-level
 *     admin regions (admin1CodesASCII.txt) and cities of 100,000+ people (cities15000);
 *   - first names: the first token of multi-token PER entities in the CoNLL-2003
 *     training split (eng.train only; never the test split), seen at least twice;
 *   - MISC nationality words from eng.train that end like demonyms.
 * Deterministic: sorted output.  Run: node --import tsx scripts/build-ner-lists.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const shared = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const out = fileURLToPath(new URL('../src/nlp/data/lists.json', import.meta.url));

const places = new Set<string>();
for (const line of readFileSync(`${shared}geonames-gazetteer/countryInfo.txt`, 'utf8').split('\n')) {
  if (line.startsWith('#') || !line.trim()) continue;
  const f = line.split('\t');
  if (f[4]) places.add(f[4]);
  if (f[5]) places.add(f[5]);
}
for (const line of readFileSync(`${shared}geonames-gazetteer/admin1CodesASCII.txt`, 'utf8').split('\n')) {
  const f = line.split('\t');
  if (f[2]) places.add(f[2]);
}
const cities = gunzipSync(readFileSync(`${shared}geonames-gazetteer/cities15000.txt.gz`)).toString('utf8');
for (const line of cities.split('\n')) {
  const f = line.split('\t');
  if (Number(f[14]) >= 100_000) {
    if (f[1]) places.add(f[1]);
    if (f[2]) places.add(f[2]);
  }
}

const firstNames = new Map<string, number>();
const train = readFileSync(`${shared}conll2003-en/eng.train`, 'utf8').split('\n');
let entity: string[] = [];
const flush = () => {
  if (entity.length >= 2) {
    const first = entity[0] ?? '';
    if (/^\p{Lu}\p{Ll}+$/u.test(first)) firstNames.set(first, (firstNames.get(first) ?? 0) + 1);
  }
  entity = [];
};
for (const line of train) {
  const [word, , , tag] = line.split(' ');
  if (tag === 'I-PER' || tag === 'B-PER') {
    if (tag === 'B-PER') flush();
    entity.push(word ?? '');
  } else flush();
}
flush();

const clean = (s: Set<string> | string[]) => [...s].filter((x) => /^\p{Lu}/u.test(x) && x.length > 1).sort();
const lists = {
  _source: 'built by scripts/build-ner-lists.ts from GeoNames (CC-BY 4.0) and CoNLL-2003 eng.train',
  places: clean(places),
  firstNames: clean([...firstNames].filter(([, n]) => n >= 2).map(([w]) => w)),
};
writeFileSync(out, JSON.stringify(lists) + '\n');
console.log(`places ${lists.places.length}, first names ${lists.firstNames.length} -> ${out}`);
