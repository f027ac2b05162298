/**
 * The five seed articles of ../shared/seeds, analysed by the full pipeline,
 * for the acceptance tests of each stage. Absent seeds skip those tests.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadPipeline } from './index.js';
import type { Doc } from '../core/doc.js';

export const SEEDS_DIR = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));
export const HAVE_SEEDS = existsSync(SEEDS_DIR);

let analysed: Doc[] | null = null;

/** The seed articles in file-name order, analysed once per process. */
export function analysedSeeds(): Doc[] {
  analysed ??= HAVE_SEEDS
    ? readdirSync(SEEDS_DIR)
        .sort()
        .map((f) => loadPipeline().analyze({ input: f, kind: 'text', content: readFileSync(SEEDS_DIR + f, 'utf8'), meta: { container: 'file' } }))
    : [];
  return analysed;
}
