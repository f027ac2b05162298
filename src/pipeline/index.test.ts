import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { STAGES, loadPipeline, EmptyArticleError } from './index.js';
import { checkOrder } from '../core/stage.js';
import { toRecord } from '../core/record.js';

const example = fileURLToPath(new URL('../../examples/river-port-reopens.txt', import.meta.url));

test('analyze runs the live stage list, in order (the declarations themselves are checked in declarations.test.ts)', () => {
  const pipeline = loadPipeline();
  assert.equal(pipeline.stages, STAGES);
  assert.deepEqual(
    STAGES.map((s) => s.name),
    ['extract', 'clean', 'metadata', 'fingerprint', 'sentences', 'tokens', 'syntax', 'ner', 'dates', 'resolve-entities', 'geocode', 'quotes', 'claims', 'events'],
  );
  assert.throws(() => checkOrder([...STAGES].reverse()), /requires/);
});

test('a scraped text file becomes a clean record whose spans all point into its text', () => {
  const doc = loadPipeline().analyze({ input: example, kind: 'text', content: readFileSync(example, 'utf8'), meta: { container: 'file' } });
  const rec = toRecord(doc);
  assert.equal(rec.url, 'https://www.example-harbour-news.org/world/river-port-reopens-after-floods-4411');
  assert.match(rec.title ?? '', /River port reopens/);
  assert.deepEqual(rec.byline, ['Nadia Karim']);
  for (const debris of ['Listen Live', 'Photo: Harbour News', 'Read  Date farmers', 'Tags:']) {
    assert.ok(!rec.text.includes(debris), `text still has ${debris}`);
  }
  assert.ok(rec.text.includes('At least 1,200 families were moved'));
  const spans = [...rec.entities.flatMap((e) => e.mentions), ...rec.dates];
  assert.ok(spans.length > 5);
  for (const s of spans) assert.equal(rec.text.slice(s.start, s.end), s.text);
  assert.ok(rec.entities.some((e) => e.name.includes('Basra')));
});

test('an input that cleans down to nothing is refused with a reason', () => {
  assert.throws(
    () => loadPipeline().analyze({ input: 'x.txt', kind: 'text', content: 'Listen Live\n\nGet short URL\n', meta: {} }),
    EmptyArticleError,
  );
});
