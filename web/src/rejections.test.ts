import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleRecord } from '../../src/serve/api.js';
import { rejectClaim, rejectEntity, rejectEvent, rejectPlace } from './rejections.js';

const text = 'Kurdish forces left Kirkuk. The Kurds said Kirkuk fell.';
const kirkuk: ArticleRecord['entities'][number] = {
  id: 'kirkuk',
  name: 'Kirkuk',
  type: 'GPE',
  aliases: [],
  mentions: [
    { start: 20, end: 26, text: 'Kirkuk' },
    { start: 43, end: 49, text: 'Kirkuk' },
  ],
  roles: [],
  confidence: 1,
};
const record = { id: 'a1', text, entities: [kirkuk], places: [] } as unknown as ArticleRecord;

test('an entity is rejected mention by mention', () => {
  assert.deepEqual(rejectEntity(record, kirkuk), [
    { kind: 'reject', article: 'a1', target: 'entity', text: 'Kirkuk', start: 20 },
    { kind: 'reject', article: 'a1', target: 'entity', text: 'Kirkuk', start: 43 },
  ]);
});

test('a place is named by its first mention, else by its name', () => {
  const place = { entity: 'kirkuk', name: 'Kirkuk' } as ArticleRecord['places'][number];
  assert.deepEqual(rejectPlace(record, place), { kind: 'reject', article: 'a1', target: 'place', text: 'Kirkuk', start: 20 });
  const unnamed = { entity: 'erbil', name: 'Erbil' } as ArticleRecord['places'][number];
  assert.deepEqual(rejectPlace(record, unnamed), { kind: 'reject', article: 'a1', target: 'place', text: 'Erbil', start: 0 });
});

test('an event is named by its trigger, else by its sentence', () => {
  const withTrigger = { sentence: { start: 0, end: 27 }, trigger: { start: 15, end: 19, text: 'left' } } as ArticleRecord['events'][number];
  assert.deepEqual(rejectEvent(record, withTrigger), { kind: 'reject', article: 'a1', target: 'event', text: 'left', start: 15 });
  const bare = { sentence: { start: 28, end: 55 } } as ArticleRecord['events'][number];
  assert.deepEqual(rejectEvent(record, bare), { kind: 'reject', article: 'a1', target: 'event', text: 'The Kurds said Kirkuk fell.', start: 28 });
});

test('a claim is named by its text, cut to what the server accepts', () => {
  const claim = { text: 'x'.repeat(6000) } as ArticleRecord['claims'][number];
  const r = rejectClaim(record, claim);
  assert.equal(r.text.length, 5000);
  assert.equal(r.start, 0);
});
