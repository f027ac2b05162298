import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleRecord } from '../../src/serve/api.js';
import { highlights, LAYERS, speakerLine, type Layer } from './annotations.js';

const text = 'Abadi said Iraqi forces seized Kirkuk on Monday.';
const record = {
  text,
  entities: [
    { id: 'haider-al-abadi', name: 'Haider al-Abadi', type: 'PERSON', aliases: [], mentions: [{ start: 0, end: 5, text: 'Abadi' }], roles: [], confidence: 1 },
    { id: 'kirkuk', name: 'Kirkuk', type: 'GPE', aliases: [], mentions: [{ start: 31, end: 37, text: 'Kirkuk' }], roles: [], confidence: 1 },
  ],
  places: [{ entity: 'kirkuk', name: 'Kirkuk', gazetteerName: 'Kirkuk', country: 'IQ', kind: 'city' }],
  dates: [{ start: 41, end: 47, text: 'Monday', value: '2017-10-16', grain: 'day', confidence: 1 }],
  quotes: [{ start: 11, end: 47, text: text.slice(11, 47), speaker: 'Haider al-Abadi', anonymous: false, role: 'Prime Minister' }],
  events: [{ type: 'capture', trigger: { start: 24, end: 30, text: 'seized' } }],
} as unknown as ArticleRecord;

const all = new Set<Layer>(LAYERS.map((l) => l.layer));

test('every layer becomes marks with its class; places are told apart from other entities', () => {
  const marks = highlights(record, all, null);
  const byClass = (c: string) => marks.filter((m) => m.value.className.split(' ').includes(c)).map((m) => text.slice(m.start, m.end));
  assert.deepEqual(byClass('hl-entity'), ['Abadi']);
  assert.deepEqual(byClass('ent-PERSON'), ['Abadi']);
  assert.deepEqual(byClass('hl-place'), ['Kirkuk']);
  assert.deepEqual(byClass('hl-date'), ['Monday']);
  assert.deepEqual(byClass('hl-event'), ['seized']);
  assert.deepEqual(byClass('hl-quote'), [text.slice(11, 47)]);
  assert.match(marks.find((m) => m.value.layer === 'quote')!.value.title!, /Haider al-Abadi, Prime Minister/);
});

test('layers switched off are left out; the opened range is always marked', () => {
  const marks = highlights(record, new Set<Layer>(['date']), { start: 0, end: 10 });
  assert.deepEqual(
    marks.map((m) => m.value.className),
    ['hl-date', 'hl-target'],
  );
});

test('speaker lines say when a source is anonymous', () => {
  assert.equal(speakerLine({ speaker: 'a security source', anonymous: true }), 'a security source (anonymous source)');
  assert.equal(speakerLine({ speaker: null, anonymous: false }), 'unknown speaker');
});
