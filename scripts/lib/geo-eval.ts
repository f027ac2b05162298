/**
 * Geoparsing corpora (GeoWebNews, LGL, TR-News, GeoVirus in
 * ../shared/data/geoparsing-news) and the two ways they are scored:
 *
 * - Resolution of the gold spans: the gold toponyms (grouped by name, as the
 *   pipeline groups mentions into entities) are resolved in the context of
 *   the article's stored text by `resolvePlaces`, the geocoding stage's
 *   resolver. The metric needs the gold spans, so this is a component figure.
 * - Product path: the article's text goes through every stage of `analyze`;
 *   the mentions of its GPE, LOC and FAC entities are mapped back to the
 *   input and match a gold toponym when the spans overlap; the place the
 *   pipeline resolved that entity to is scored by distance from the gold point.
 *
 * Scores: accuracy within 161 km (100 miles), mean and median error in km,
 * and AUC of the error curve (Gritta et al. 2018: area under log(1+error)
 * scaled to [0, 1], lower is better). Unresolved gold toponyms count as
 * misses at 20,039 km (half the circumference).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DOMParser } from 'linkedom';
import { WEIGHTS, distanceKm, resolvePlaces } from '../../src/geo/resolve.js';
import type { ToponymInput } from '../../src/geo/resolve.js';
import { projectResources } from '../../src/pipeline/resources.js';
import { keptByCleaning, spanToInput, type Range } from './align.js';
import { defaultProductPath, type ProductPath } from './product.js';

export const GEO_DIR = process.env.NEWSGRAPH_GEO_DIR ?? fileURLToPath(new URL('../../../shared/data/geoparsing-news/', import.meta.url));

export const CORPUS_FILES: Readonly<Record<string, string>> = { GWN: 'GWN.xml', LGL: 'lgl.xml', 'TR-News': 'TR-News.xml', GeoVirus: 'GeoVirus.xml' };

/** GeoWebNews is the development set (the weights in src/geo/resolve.ts were set on it); the others are test sets, measured only. */
export const corpusRole = (name: string): 'dev' | 'test' => (name === 'GWN' ? 'dev' : 'test');

export interface GoldToponym {
  readonly start: number;
  readonly end: number;
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
}

export interface GoldArticle {
  readonly id: string;
  readonly text: string;
  readonly toponyms: readonly GoldToponym[];
}

/** GeoWebNews toponym types that name a place (Gritta et al. 2019): literal and associative uses; expressions, demonyms, languages and non-toponyms are left out. */
const GWN_TYPES = new Set(['Literal', 'Metonymic', 'Literal_Modifier', 'Non_Literal_Modifier', 'Mixed', 'Coercion', 'Embedded_Literal', 'Embedded_Non_Lit']);

const child = (el: Element, name: string) => el.getElementsByTagName(name)[0]?.textContent?.trim() ?? '';

export function readCorpus(name: string, dir: string = GEO_DIR): GoldArticle[] {
  const file = CORPUS_FILES[name];
  if (!file) throw new Error(`unknown corpus ${name}: use ${Object.keys(CORPUS_FILES).join(', ')}`);
  const xml = readFileSync(`${dir}/${file}`, 'utf8');
  const dom = new DOMParser().parseFromString(xml, 'text/xml');
  const articles: GoldArticle[] = [];
  [...dom.getElementsByTagName('article')].forEach((article, n) => {
    const textEl = article.getElementsByTagName('text')[0];
    // The text is used exactly as stored: gold offsets point into it.
    const text = textEl?.textContent ?? '';
    const toponyms: GoldToponym[] = [];
    const items = name === 'GeoVirus' ? article.getElementsByTagName('location') : article.getElementsByTagName('toponym');
    for (const t of [...items]) {
      const start = Number(child(t, 'start'));
      const end = Number(child(t, 'end'));
      let lat: number;
      let lon: number;
      let surface: string;
      if (name === 'GWN') {
        if (!GWN_TYPES.has(child(t, 'type'))) continue;
        lat = Number(child(t, 'latitude'));
        lon = Number(child(t, 'longitude'));
        surface = child(t, 'extractedName');
      } else if (name === 'GeoVirus') {
        lat = Number(child(t, 'lat'));
        lon = Number(child(t, 'lon'));
        surface = child(t, 'name');
      } else {
        lat = Number(child(t, 'lat'));
        lon = Number(child(t, 'lon'));
        surface = child(t, 'phrase');
      }
      if (!child(t, name === 'GWN' ? 'latitude' : 'lat') || !Number.isFinite(lat) || !Number.isFinite(lon) || !(end > start)) continue;
      // Offsets that miss the stated name by a character or two (GeoVirus counts from a trimmed text) are
      // moved onto it; a name that cannot be found nearby keeps the stated offsets.
      let shift = 0;
      if (surface && text.slice(start, end) !== surface) {
        for (const d of [1, -1, 2, -2, 3, -3]) {
          if (text.slice(start + d, end + d) === surface) {
            shift = d;
            break;
          }
        }
      }
      toponyms.push({ start: start + shift, end: end + shift, name: text.slice(start + shift, end + shift) || surface, lat, lon });
    }
    articles.push({ id: article.getAttribute('docid') ?? article.getAttribute('file') ?? String(n), text, toponyms });
  });
  return articles;
}

export const MISS_KM = 20039;

export interface DistanceSummary {
  readonly n: number;
  readonly acc: number;
  readonly mean: number;
  readonly median: number;
  readonly auc: number;
}

class DistanceScores {
  private readonly errors: number[] = [];
  add(km: number): void {
    this.errors.push(km);
  }
  summary(): DistanceSummary {
    const e = [...this.errors].sort((a, b) => a - b);
    const n = e.length;
    const acc = n === 0 ? 0 : e.filter((x) => x <= 161).length / n;
    const mean = n === 0 ? 0 : e.reduce((a, b) => a + b, 0) / n;
    const median = n === 0 ? 0 : n % 2 ? e[(n - 1) / 2]! : (e[n / 2 - 1]! + e[n / 2]!) / 2;
    const auc = n === 0 ? 0 : e.reduce((a, x) => a + Math.log(1 + x), 0) / (n * Math.log(1 + MISS_KM));
    return { n, acc, mean, median, auc };
  }
}

/** Gold toponyms of an article grouped by surface name, like mentions of one entity. */
export function goldToponyms(article: GoldArticle): { inputs: ToponymInput[]; gold: Map<ToponymInput, GoldToponym[]> } {
  const byName = new Map<string, GoldToponym[]>();
  for (const t of article.toponyms) {
    const key = t.name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), t]);
  }
  const gold = new Map<ToponymInput, GoldToponym[]>();
  const inputs = [...byName.values()].map((ts) => {
    const input: ToponymInput = { id: ts[0]!.name, names: [ts[0]!.name], mentions: ts.map((t) => ({ start: t.start, end: t.end })) };
    gold.set(input, ts);
    return input;
  });
  return { inputs, gold };
}

export interface ResolutionResult extends DistanceSummary {
  readonly unresolved: number;
  readonly ms: number;
}

/** Resolution of the gold spans (component figure); `onError` hears of every error over 161 km. */
export function evaluateResolution(articles: readonly GoldArticle[], weights: typeof WEIGHTS = WEIGHTS, onError?: (line: string) => void): ResolutionResult {
  const gazetteer = projectResources().get('gazetteer');
  const scores = new DistanceScores();
  let unresolved = 0;
  const t0 = performance.now();
  for (const article of articles) {
    const { inputs, gold } = goldToponyms(article);
    const result = resolvePlaces({ text: article.text, toponyms: inputs }, gazetteer, weights);
    const byInput = new Map(result.resolutions.map((r) => [r.toponym, r]));
    for (const input of inputs) {
      const r = byInput.get(input);
      for (const g of gold.get(input)!) {
        if (!r) unresolved++;
        const km = r ? distanceKm(r.record, g) : MISS_KM;
        scores.add(km);
        if (onError && km > 161) {
          onError(`  ${article.id} ${JSON.stringify(g.name)} gold ${g.lat},${g.lon} -> ${r ? `${r.record.name}/${r.record.kind}/${r.record.country} ${r.record.lat},${r.record.lon} (${Math.round(km)} km, ${r.confidence.toFixed(2)})` : 'none'}`);
        }
      }
    }
  }
  return { ...scores.summary(), unresolved, ms: performance.now() - t0 };
}

export interface EndToEndResult extends DistanceSummary {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly articles: number;
  /** Articles the pipeline refused: their toponyms are all missed. */
  readonly failed: number;
  readonly gold: number;
  /** Gold toponyms whose text cleaning dropped or changed. */
  readonly goldLost: number;
  readonly ms: number;
}

const PLACE_TYPES = new Set(['GPE', 'LOC', 'FAC']);
const overlap = (a: Range, b: Range) => a.start < b.end && b.start < a.end;

/** The articles through the product path, scored as described at the top of this file. */
export function evaluateEndToEnd(articles: readonly GoldArticle[], path: ProductPath = defaultProductPath()): EndToEndResult {
  const scores = new DistanceScores();
  let predicted = 0;
  let matchedPredicted = 0;
  let gold = 0;
  let matchedGold = 0;
  let failed = 0;
  let goldLost = 0;
  const t0 = performance.now();
  for (const article of articles) {
    gold += article.toponyms.length;
    const result = path.analyze(`geo-${article.id}`, article.text);
    if (result instanceof Error) {
      failed++;
      goldLost += article.toponyms.length;
      continue;
    }
    const { doc, align } = result;
    goldLost += article.toponyms.filter((g) => !keptByCleaning(align, g)).length;
    const places = new Map(doc.places.map((p) => [p.entity, p]));
    const mentions = doc.entities
      .filter((e) => PLACE_TYPES.has(e.type))
      .flatMap((e) => e.mentions.map((m) => ({ span: spanToInput(align, m), entity: e.id })))
      .flatMap(({ span, entity }) => (span ? [{ ...span, entity }] : []));
    predicted += mentions.length;
    for (const m of mentions) if (article.toponyms.some((g) => overlap(m, g))) matchedPredicted++;
    for (const g of article.toponyms) {
      const m = mentions.find((x) => overlap(x, g));
      if (!m) continue;
      matchedGold++;
      const place = places.get(m.entity);
      scores.add(place ? distanceKm(place, g) : MISS_KM);
    }
  }
  const precision = predicted === 0 ? 0 : matchedPredicted / predicted;
  const recall = gold === 0 ? 0 : matchedGold / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...scores.summary(), precision, recall, f1, articles: articles.length, failed, gold, goldLost, ms: performance.now() - t0 };
}
