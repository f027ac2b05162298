/**
 * The edge where the analysis resources are read from the project's files.
 * Nothing is read when this module is imported: a `ResourceLoader` reads a
 * resource the first time it is asked for and keeps it, and records how long
 * each took and how much heap it added, so the CLI, a worker or the server
 * decide when the cost is paid (the server only when it analyses).
 */
import { readFileSync } from 'node:fs';
import type { ResourceName, Resources } from '../core/resources.js';
import { loadModelFile } from '../nlp/ner/model-file.js';
import { loadClusters } from '../nlp/ner/clusters.js';
import { WORD_CLUSTERS_URL } from '../nlp/ner/features.js';
import { NER_MODEL_URL } from '../nlp/ner/index.js';
import { loadGazetteer, GAZETTEER_URL } from '../geo/gazetteer.js';
import { buildActorIndex, type ActorRow, type AliasEntry } from '../resolve/actors.js';
import { loadTagger, TAGGER_MODEL_URL } from '../nlp/syntax/tagger.js';
import { loadParser, PARSER_MODEL_URL } from '../nlp/syntax/parser.js';

const ACTORS_URL = new URL('../resolve/data/actors.json', import.meta.url);
const ALIASES_URL = new URL('../resolve/data/aliases.json', import.meta.url);

const readJson = <T>(url: URL, what: string): T => {
  try {
    return JSON.parse(readFileSync(url, 'utf8')) as T;
  } catch (e) {
    throw new Error(`${what} ${url.pathname}: cannot read (${(e as Error).message})`, { cause: e });
  }
};

/** How one resource is read: the resources it is built on (loaded, and timed, first), then its own files. */
export interface ResourceSource<K extends ResourceName> {
  readonly needs?: readonly ResourceName[];
  load(get: <D extends ResourceName>(name: D) => Resources[D]): Resources[K];
}

export type ResourceSources = { readonly [K in ResourceName]: ResourceSource<K> };

/** How each resource is read from the project's files. The word classes are read once, for the recognizer and the tagger. */
export const PROJECT_LOADERS: ResourceSources = {
  wordClusters: { load: () => loadClusters(WORD_CLUSTERS_URL) },
  nerModel: { needs: ['wordClusters'], load: (get) => loadModelFile(NER_MODEL_URL, get('wordClusters')) },
  gazetteer: { load: () => loadGazetteer(GAZETTEER_URL) },
  actors: {
    load: () =>
      buildActorIndex(
        readJson<{ actors: ActorRow[] }>(ACTORS_URL, 'actor table').actors,
        readJson<{ entities: AliasEntry[] }>(ALIASES_URL, 'alias table').entities,
      ),
  },
  tagger: { needs: ['wordClusters'], load: (get) => loadTagger(TAGGER_MODEL_URL, { clusters: get('wordClusters') }) },
  parser: { load: () => loadParser(PARSER_MODEL_URL) },
};

export interface LoadFacts {
  readonly name: ResourceName;
  /** Wall time of the load. */
  readonly ms: number;
  /** Heap the load added (after a collection when the process runs with --expose-gc), MB; approximate. */
  readonly heapMB: number;
}

/** Reads resources on demand, each once; what it has read is `loaded`. */
export class ResourceLoader {
  readonly #loaded: { -readonly [K in ResourceName]?: Resources[K] } = {};
  readonly #facts: LoadFacts[] = [];

  constructor(private readonly sources: ResourceSources = PROJECT_LOADERS) {}

  get<K extends ResourceName>(name: K): Resources[K] {
    const have = this.#loaded[name];
    if (have !== undefined) return have as Resources[K];
    const source = this.sources[name] as ResourceSource<K>;
    for (const need of source.needs ?? []) this.get(need);
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const value = source.load((d) => this.get(d));
    const ms = performance.now() - t0;
    gc?.();
    this.#facts.push({ name, ms, heapMB: (process.memoryUsage().heapUsed - heap0) / 1e6 });
    this.#loaded[name] = value;
    return value;
  }

  /** The named resources, loading those not yet read. */
  load(names: readonly ResourceName[]): Partial<Resources> {
    for (const name of names) this.get(name);
    return this.loaded;
  }

  get loaded(): Partial<Resources> {
    return { ...this.#loaded };
  }

  /** What each load cost, in load order. */
  get facts(): readonly LoadFacts[] {
    return [...this.#facts];
  }
}

let project: ResourceLoader | null = null;

/** One loader of the project's own files per process, for commands and tests that share it. Loads nothing by itself. */
export function projectResources(): ResourceLoader {
  project ??= new ResourceLoader();
  return project;
}
