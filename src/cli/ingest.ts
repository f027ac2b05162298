import { readInputs } from '../ingest/index.js';
import { loadPipeline, PIPELINE_VERSION, type Pipeline } from '../pipeline/index.js';
import { diagnose, errorMessage, withStore } from './io.js';
import { Progress } from './progress.js';
import { placeQuietly } from './stories.js';

const storeOptions = { pipelineVersion: PIPELINE_VERSION };

/** `newsgraph ingest`: read, analyse, store; a closing summary with every failure and its reason. */
export async function ingestCommand(inputs: string[], opts: { db: string }): Promise<number> {
  return withStore(
    opts.db,
    async (store) => {
      const progress = new Progress(process.stderr);
      // Resources load when the first new article needs analysing, not for a run that only finds known inputs.
      let pipeline: Pipeline | null = null;
      for await (const item of readInputs(inputs)) {
        if (!item.ok) {
          // Item-level failures (a row, a feed item) are articles that were read and failed;
          // input-level failures (an unreadable file) are too: each is one thing the user gave us.
          progress.fail(item.input, item.reason, true);
          continue;
        }
        try {
          if ((await store.seen(item.raw)) !== null) {
            progress.count('unchanged');
            continue;
          }
          const result = await store.put((pipeline ??= loadPipeline()).analyze(item.raw));
          progress.count(result.status);
        } catch (err) {
          progress.fail(item.raw.input, errorMessage(err), true);
        }
      }
      await placeQuietly(store);
      process.stdout.write(progress.summary());
      const c = progress.counts;
      return c.read - c.failed > 0 ? 0 : 2;
    },
    storeOptions,
  );
}

/** `newsgraph reprocess`: run the current pipeline again over every stored raw input. */
export async function reprocessCommand(opts: { db: string }): Promise<number> {
  return withStore(
    opts.db,
    async (store) => {
      let done = 0;
      let failed = 0;
      const pipeline = loadPipeline();
      for await (const { id, raw } of store.raws()) {
        try {
          await store.replace(id, pipeline.analyze(raw));
          done++;
        } catch (err) {
          failed++;
          diagnose(raw.input, `re-processing failed: ${errorMessage(err)}`);
        }
      }
      // Entities and places may have changed: the stories are clustered again from scratch.
      await store.clearStories();
      await placeQuietly(store);
      process.stdout.write(`reprocessed ${done} articles, ${failed} failed\n`);
      return failed > 0 && done === 0 ? 2 : 0;
    },
    storeOptions,
  );
}
