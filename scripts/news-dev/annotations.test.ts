/**
 * The development set's annotations are sound: every gold and second-pass
 * file validates against the manifest and the dataset rows (hash, offsets,
 * types), and ingest reads each manifest row with the annotated body. Needs
 * ../shared/data; skipped without it.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { readAllRows, SHARED_DATA } from './corpus.js';
import { manifestInputs } from './product-rows.js';
import { validateAnnotation, type Manifest } from './schema.js';

const devDir = new URL('../../eval/news-dev/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', devDir), 'utf8')) as Manifest;
const files = (dir: string) => readdirSync(new URL(`${dir}/`, devDir)).filter((f) => f.endsWith('.json')).sort();
const haveData = existsSync(SHARED_DATA);
const skip = haveData ? false : `no dataset rows at ${SHARED_DATA}`;

test('one gold file per manifest article, named by its index; second-pass files name gold articles', () => {
  assert.deepEqual(files('gold'), manifest.articles.map((_, i) => `${String(i).padStart(2, '0')}.json`));
  const second = files('second-pass');
  assert.ok(second.length > 0);
  for (const f of second) assert.ok(files('gold').includes(f), f);
});

test('every gold and second-pass annotation validates against the manifest and its row', { skip }, () => {
  const rows = readAllRows();
  for (const dir of ['gold', 'second-pass']) {
    for (const f of files(dir)) {
      const a = JSON.parse(readFileSync(new URL(`${dir}/${f}`, devDir), 'utf8')) as { source: string; row: string };
      assert.deepEqual(validateAnnotation(a, rows, manifest), [], `${dir}/${f}`);
      const entry = manifest.articles[Number(f.slice(0, 2))]!;
      assert.deepEqual([a.source, a.row], [entry.source, entry.row], `${dir}/${f} is the manifest's article ${f.slice(0, 2)}`);
    }
  }
});

test('ingest reads every manifest row with the annotated body', { skip }, async () => {
  const inputs = await manifestInputs(manifest);
  assert.equal(inputs.length, manifest.articles.length);
  assert.ok(inputs.every((raw) => raw.kind === 'record' || raw.kind === 'html'));
});
