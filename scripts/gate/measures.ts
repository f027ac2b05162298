/**
 * What the quality gate measures: one measure per part of the analysis, each
 * on a development set (never a test set), each figure computed through the
 * product path exactly as the matching `npm run eval:*` script computes it
 * (the code is shared: scripts/lib/*-eval.ts). Figures are percentages.
 *
 * Subsets are pinned: every measure reads its whole development set, in the
 * file's order, because each runs in seconds (the gate as a whole in about a
 * minute on one core), so there is no draw to pin. When a set grows past
 * that, take its first N items here and say so in `data`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseConllu } from '../../src/nlp/syntax/conllu.js';
import { projectResources } from '../../src/pipeline/resources.js';
import { alignedF1, scoreOwnTokens } from '../lib/ud-align.js';
import { readConllSplit } from '../../src/nlp/ner/conll.js';
import { accuracy, evaluateEvents, GOLD_5W1H_FILE, readGoldStandard } from '../lib/events-eval.js';
import { builtinCases, evaluate, pipelineExtractor } from '../lib/extract-eval.js';
import { evaluateEndToEnd, GEO_DIR, readCorpus } from '../lib/geo-eval.js';
import { CONLL_DIR, scoreProductPath } from '../lib/ner-eval.js';
import { readPolnear, scores } from '../lib/polnear.js';
import type { ProductPath } from '../lib/product.js';
import { evaluateQuotes, POLNEAR_ARCHIVE } from '../lib/quotes-eval.js';
import { NEWS_DEV_MANIFEST, scoreNewsDev } from '../eval-news.js';
import { BBC, FAKES, GIVEME, SHARED_DATA } from '../news-dev/corpus.js';
import { figures, type Figures } from '../news-dev/score.js';
import { byArrival, clusterAndScore, GIVEME_GOLD_FILE, readStorySets, WIKIREF_FILE } from '../lib/stories-eval.js';

export interface Measure {
  readonly name: string;
  /** The data and the subset, in words. */
  readonly data: string;
  /** The files it reads: a missing one means the measure cannot run here. */
  readonly files: readonly string[];
  /** The names of the figures `run` returns, each with a floor in floors.json. */
  readonly figures: readonly string[];
  run(path: ProductPath): Readonly<Record<string, number>> | Promise<Readonly<Record<string, number>>>;
}

const pct = (x: number) => 100 * x;

export const NER: Measure = {
  name: 'ner',
  data: 'CoNLL-2003 eng.testa (dev), all 216 documents, one text file each (eval:ner product path)',
  files: [`${CONLL_DIR}/eng.testa`],
  figures: ['ner.conll-testa.f1'],
  run(path) {
    const r = scoreProductPath(readConllSplit(CONLL_DIR, 'eng.testa'), path);
    return { 'ner.conll-testa.f1': pct(r.scores.overall.f1) };
  },
};

export const GEO: Measure = {
  name: 'geo',
  data: 'GeoWebNews GWN.xml (dev), all 200 articles (eval:geo product path: overlap match, then the resolved place)',
  files: [`${GEO_DIR}/GWN.xml`],
  figures: ['geo.gwn.toponym-f1', 'geo.gwn.acc161'],
  run(path) {
    const r = evaluateEndToEnd(readCorpus('GWN'), path);
    return { 'geo.gwn.toponym-f1': pct(r.f1), 'geo.gwn.acc161': pct(r.acc) };
  },
};

export const ATTRIBUTION: Measure = {
  name: 'attribution',
  data: 'PolNeAR dev compartment, all 84 texts (eval:quotes)',
  files: [POLNEAR_ARCHIVE],
  figures: ['quotes.polnear-dev.content-partial-f1', 'quotes.polnear-dev.source-f1', 'quotes.polnear-dev.cue-f1'],
  run(path) {
    const s = scores(evaluateQuotes(readPolnear(POLNEAR_ARCHIVE, ['dev']).get('dev')!, path).counts);
    return {
      'quotes.polnear-dev.content-partial-f1': pct(s.contentPartial.f1),
      'quotes.polnear-dev.source-f1': pct(s.source.f1),
      'quotes.polnear-dev.cue-f1': pct(s.cue.f1),
    };
  },
};

export const EVENTS: Measure = {
  name: 'events',
  data: "GiveMe5W1H gold standard, the 76 articles of gold_standard_sampling.json 'training' only (eval:events rules: the article's main event; the news dev set below scores every event)",
  files: [GOLD_5W1H_FILE],
  figures: ['events.5w1h-training.when-1day', 'events.5w1h-training.where', 'events.5w1h-training.who'],
  run(path) {
    const r = evaluateEvents(readGoldStandard('training'), path);
    return {
      'events.5w1h-training.when-1day': pct(accuracy(r.whenNear)),
      'events.5w1h-training.where': pct(accuracy(r.where)),
      'events.5w1h-training.who': pct(accuracy(r.who)),
    };
  },
};

export const STORIES: Measure = {
  name: 'stories',
  data: 'eval:stories dev: WikiRef220 (220 articles) and the GiveMe5W1H gold-standard categories (the 76 articles of its training split), event-level B³ F1 in arrival order',
  files: [WIKIREF_FILE, GIVEME_GOLD_FILE],
  figures: ['stories.wikiref220.b3-f1', 'stories.5w1h-categories.b3-f1'],
  run(path) {
    const [wikiref, giveme] = readStorySets('dev', path);
    const f1 = (items: Parameters<typeof clusterAndScore>[0]) => pct(clusterAndScore([...items].sort(byArrival)).f1);
    return { 'stories.wikiref220.b3-f1': f1(wikiref!.items), 'stories.5w1h-categories.b3-f1': f1(giveme!.items) };
  },
};

export const EXTRACT: Measure = {
  name: 'extract',
  data: "the project's own HTML fixtures (eval:extract built-in cases), through analyze as HTML, scored on doc.text",
  files: [],
  figures: ['extract.fixtures.f1'],
  run(path) {
    return { 'extract.fixtures.f1': pct(evaluate('product path', builtinCases(), pipelineExtractor(path)).scores.f1) };
  },
};

const NEWS_FIGURES = {
  'news.published.day': (f: Figures) => f.publishedAt.accuracy,
  'news.entities.f1': (f: Figures) => f.entities.f1,
  'news.places.acc-distance': (f: Figures) => f.places.accuracy,
  'news.quotes.found': (f: Figures) => f.quotes.found,
  'news.quotes.speaker': (f: Figures) => f.quotes.speaker,
  'news.dates.value': (f: Figures) => f.dates.accuracy,
  'news.events.f1': (f: Figures) => f.events.f1,
} as const;

export const NEWS: Measure = {
  name: 'news',
  data: 'the news development set (eval/news-dev: 60 articles annotated by hand per ANNOTATION.md), every article, eval:news scoring',
  files: [NEWS_DEV_MANIFEST, `${SHARED_DATA}${FAKES}`, `${SHARED_DATA}${BBC}`, `${SHARED_DATA}${GIVEME}`],
  figures: Object.keys(NEWS_FIGURES),
  async run(path) {
    const f = figures((await scoreNewsDev(path)).total);
    return Object.fromEntries(Object.entries(NEWS_FIGURES).map(([name, of]) => [name, pct(of(f) ?? 0)]));
  },
};

const UD_DIR = `${SHARED_DATA}ud-english/`;
const readUd = (file: string) => parseConllu(gunzipSync(readFileSync(`${UD_DIR}${file}`)).toString('utf8'), file);

export const SYNTAX: Measure = {
  name: 'syntax',
  data: "UD English EWT dev and GUM news dev, every sentence: tagger + parser end to end from each sentence's text with the project's tokenizer, as the syntax stage runs (eval:parser own-token columns)",
  files: [`${UD_DIR}en_ewt-ud-dev.conllu.gz`, `${UD_DIR}gum-news-dev.conllu.gz`],
  figures: ['syntax.ewt-dev.upos-f1', 'syntax.ewt-dev.las-f1', 'syntax.gum-news-dev.las-f1'],
  run() {
    const resources = projectResources();
    const score = (file: string) => scoreOwnTokens(readUd(file), resources.get('tagger'), resources.get('parser')).counts;
    const ewt = score('en_ewt-ud-dev.conllu.gz');
    const gum = score('gum-news-dev.conllu.gz');
    return {
      'syntax.ewt-dev.upos-f1': pct(alignedF1(ewt.upos, ewt)),
      'syntax.ewt-dev.las-f1': pct(alignedF1(ewt.las, ewt)),
      'syntax.gum-news-dev.las-f1': pct(alignedF1(gum.las, gum)),
    };
  },
};

export const MEASURES: readonly Measure[] = [NER, GEO, ATTRIBUTION, EVENTS, NEWS, STORIES, EXTRACT, SYNTAX];

/** The files of `measure` that are missing here. */
export const missingFiles = (measure: Measure): string[] => measure.files.filter((f) => !existsSync(f));
