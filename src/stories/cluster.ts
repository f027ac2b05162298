/**
 * Incremental event clustering: each arriving article joins the story whose
 * articles it resembles most, or starts a new one, without re-clustering what
 * is already there.
 *
 * Resemblance combines the signals the pipeline produces:
 *   - TF-IDF cosine between the article's content words and the story's
 *     centroid (document frequencies grow with the collection, so the
 *     weights need no second pass);
 *   - shared canonical entities (stable ids, so "ISIS" and "Daesh" are one
 *     actor across outlets) and shared resolved places, each as the share of
 *     the article's own that the story already has;
 *   - title word overlap;
 *   - time: stories further than a window apart do not merge, and the score
 *     decays with the distance in days.
 * Near-duplicates (wire copies) are linked by the store and arrive here once.
 *
 * Cost per article: only stories sharing a rare word, an entity or a place
 * with the article are scored (an inverted index over each story's top
 * terms and its entities), so adding an article does not scan the whole
 * collection.
 */

export interface ClusterArticle {
  readonly id: string;
  readonly title: string | null;
  readonly text: string;
  /** Canonical entity ids of people, organisations and groups in the article. */
  readonly entities: readonly string[];
  /** Entity ids of its resolved places. */
  readonly places: readonly string[];
  /** ISO date or datetime; null when unknown. */
  readonly publishedAt: string | null;
}

export interface ClusterOptions {
  /** Minimum resemblance to join a story. */
  readonly threshold: number;
  /** Stories whose articles are all further apart than this many days are not joined. */
  readonly windowDays: number;
  readonly weights: { readonly text: number; readonly entities: number; readonly places: number; readonly title: number };
}

/** Set on the WikiRef220 topic clusters and the GiveMe5W1H gold-standard story groups (development data), see scripts/eval-stories.ts. */
export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  threshold: 0.25,
  windowDays: 30,
  weights: { text: 0.6, entities: 0.25, places: 0.1, title: 0.05 },
};

const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours out over own said same says she should so some such than that the their theirs them then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours ' +
    'mr mrs ms one two three new year years time told people last first week month day like get make made may might must according since around several many much however even still well back'
  ).split(/\s+/),
);

/** Content words: lower case, letters only (3+), stopwords out, a crude plural fold. */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/\p{L}[\p{L}'’-]{2,}/gu)) {
    let w = m[0].replace(/['’]s$/, '');
    if (STOPWORDS.has(w)) continue;
    if (w.length > 4 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
    out.push(w);
  }
  return out;
}

const day = (iso: string | null) => (iso ? Date.parse(iso.slice(0, 10)) / 86_400_000 : null);

interface Story {
  readonly index: number;
  readonly articles: string[];
  /** Summed TF-IDF vectors of the articles (weights at the time each arrived). */
  readonly centroid: Map<string, number>;
  /** Squared length of the centroid, kept up to date as articles join. */
  centroidNorm2: number;
  readonly entities: Map<string, number>;
  readonly places: Map<string, number>;
  readonly titleWords: Map<string, number>;
  first: number | null;
  last: number | null;
  /** Terms under which the story is indexed. */
  readonly indexed: Set<string>;
}

/** How many of its heaviest terms a story is findable by. */
const INDEX_TERMS = 30;

export class StoryClusterer {
  private readonly df = new Map<string, number>();
  private documents = 0;
  private readonly stories: Story[] = [];
  /** Term, entity (`e:id`) or place (`p:id`) -> stories holding it. */
  private readonly index = new Map<string, Set<number>>();
  private readonly storyOf = new Map<string, number>();
  /** Stories scored for the last article: the cost measure. */
  lastCandidates = 0;

  constructor(private readonly options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS) {}

  get storyCount(): number {
    return this.stories.length;
  }

  /** The story index of every article added so far. */
  assignments(): Map<string, number> {
    return new Map(this.storyOf);
  }

  /** Add one article; returns the index of the story it joined or started. */
  add(article: ClusterArticle): number {
    const known = this.storyOf.get(article.id);
    if (known !== undefined) return known;
    const words = contentWords(`${article.title ?? ''}\n${article.text}`);
    const tf = new Map<string, number>();
    for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
    this.documents++;
    for (const w of tf.keys()) this.df.set(w, (this.df.get(w) ?? 0) + 1);
    const vector = new Map<string, number>();
    let norm = 0;
    for (const [w, n] of tf) {
      const weight = (1 + Math.log(n)) * Math.log((1 + this.documents) / (1 + (this.df.get(w) ?? 0)) + 1);
      vector.set(w, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [w, v] of vector) vector.set(w, v / norm);
    const entities = new Set(article.entities);
    const places = new Set(article.places);
    const titleWords = new Set(contentWords(article.title ?? ''));
    const when = day(article.publishedAt);

    // Candidates: stories sharing an entity, a place or one of the article's heaviest terms.
    const top = [...vector.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, INDEX_TERMS).map(([w]) => w);
    const candidates = new Set<number>();
    for (const key of [...top, ...[...entities].map((e) => `e:${e}`), ...[...places].map((p) => `p:${p}`)]) for (const s of this.index.get(key) ?? []) candidates.add(s);
    this.lastCandidates = candidates.size;

    let best = -1;
    let bestScore = this.options.threshold;
    for (const s of [...candidates].sort((a, b) => a - b)) {
      const story = this.stories[s]!;
      if (when !== null && story.first !== null && story.last !== null && (when < story.first - this.options.windowDays || when > story.last + this.options.windowDays)) continue;
      const score = this.resemblance(story, vector, entities, places, titleWords, when);
      if (score > bestScore) {
        bestScore = score;
        best = s;
      }
    }
    const story = best >= 0 ? this.stories[best]! : this.newStory();
    this.absorb(story, article.id, vector, entities, places, titleWords, when);
    return story.index;
  }

  private newStory(): Story {
    const story: Story = { index: this.stories.length, articles: [], centroid: new Map(), centroidNorm2: 0, entities: new Map(), places: new Map(), titleWords: new Map(), first: null, last: null, indexed: new Set() };
    this.stories.push(story);
    return story;
  }

  private resemblance(story: Story, vector: ReadonlyMap<string, number>, entities: ReadonlySet<string>, places: ReadonlySet<string>, titleWords: ReadonlySet<string>, when: number | null): number {
    let dot = 0;
    for (const [w, v] of vector) dot += v * (story.centroid.get(w) ?? 0);
    const cosine = story.centroidNorm2 > 0 ? dot / Math.sqrt(story.centroidNorm2) : 0;
    const share = (mine: ReadonlySet<string>, theirs: ReadonlyMap<string, number>) => {
      if (mine.size === 0) return 0;
      let shared = 0;
      for (const x of mine) if (theirs.has(x)) shared++;
      return shared / mine.size;
    };
    const w = this.options.weights;
    let score = w.text * cosine + w.entities * share(entities, story.entities) + w.places * share(places, story.places) + w.title * share(titleWords, story.titleWords);
    if (when !== null && story.last !== null && story.first !== null) {
      const gap = when > story.last ? when - story.last : when < story.first ? story.first - when : 0;
      score *= Math.exp(-gap / this.options.windowDays);
    }
    return score;
  }

  private absorb(story: Story, id: string, vector: ReadonlyMap<string, number>, entities: ReadonlySet<string>, places: ReadonlySet<string>, titleWords: ReadonlySet<string>, when: number | null): void {
    story.articles.push(id);
    this.storyOf.set(id, story.index);
    for (const [w, v] of vector) {
      const before = story.centroid.get(w) ?? 0;
      story.centroid.set(w, before + v);
      story.centroidNorm2 += 2 * before * v + v * v;
    }
    for (const e of entities) story.entities.set(e, (story.entities.get(e) ?? 0) + 1);
    for (const p of places) story.places.set(p, (story.places.get(p) ?? 0) + 1);
    for (const t of titleWords) story.titleWords.set(t, (story.titleWords.get(t) ?? 0) + 1);
    if (when !== null) {
      story.first = story.first === null ? when : Math.min(story.first, when);
      story.last = story.last === null ? when : Math.max(story.last, when);
    }
    // Re-index the story under its current heaviest terms, its entities and places.
    const keys = new Set([
      ...[...story.centroid.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, INDEX_TERMS).map(([w]) => w),
      ...[...story.entities.keys()].map((e) => `e:${e}`),
      ...[...story.places.keys()].map((p) => `p:${p}`),
    ]);
    for (const k of story.indexed) if (!keys.has(k)) this.index.get(k)?.delete(story.index);
    for (const k of keys) (this.index.get(k) ?? this.index.set(k, new Set()).get(k)!).add(story.index);
    story.indexed.clear();
    for (const k of keys) story.indexed.add(k);
  }
}

/** B-cubed precision, recall and F1 of a clustering against gold labels (items missing from either side are ignored). */
export function bCubed(predicted: ReadonlyMap<string, number | string>, gold: ReadonlyMap<string, number | string>): { precision: number; recall: number; f1: number } {
  const items = [...gold.keys()].filter((k) => predicted.has(k));
  const groups = (m: ReadonlyMap<string, number | string>) => {
    const g = new Map<number | string, Set<string>>();
    for (const k of items) (g.get(m.get(k)!) ?? g.set(m.get(k)!, new Set()).get(m.get(k)!)!).add(k);
    return g;
  };
  const p = groups(predicted);
  const g = groups(gold);
  let precision = 0;
  let recall = 0;
  for (const k of items) {
    const mine = p.get(predicted.get(k)!)!;
    const truth = g.get(gold.get(k)!)!;
    let both = 0;
    for (const x of mine) if (truth.has(x)) both++;
    precision += both / mine.size;
    recall += both / truth.size;
  }
  precision /= items.length || 1;
  recall /= items.length || 1;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}
