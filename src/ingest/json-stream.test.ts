import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonRecordStream, type JsonEvent } from './json-stream.js';

const FIELDS = ['articles', 'items', 'data'];

/** Feed the document in pieces of `size` characters, to prove chunk boundaries do not matter. */
function scan(json: string, size: number, maxDocumentChars = 1_000_000): JsonEvent[] {
  const stream = new JsonRecordStream(FIELDS, maxDocumentChars);
  const events: JsonEvent[] = [];
  for (let i = 0; i < json.length; i += size) events.push(...stream.push(json.slice(i, i + size)));
  events.push(...stream.end());
  return events;
}

const ARRAY = '[ {"title": "a, [b]", "text": "one \\"quoted\\" }"}, {"text": "two", "nested": {"x": [1, {"y": "]"}]}} ,\n 3 ]';

test('elements of a top-level array come out one by one, whatever the chunking', () => {
  for (const size of [1, 2, 7, 1000]) {
    assert.deepEqual(scan(ARRAY, size), [
      { kind: 'element', index: 1, value: { title: 'a, [b]', text: 'one "quoted" }' } },
      { kind: 'element', index: 2, value: { text: 'two', nested: { x: [1, { y: ']' }] } } },
      { kind: 'element', index: 3, value: 3 },
    ], `chunk size ${size}`);
  }
});

test('an object with a records field streams that field; other fields are skipped', () => {
  const json = '{"meta": {"items": "not this"}, "count": 2, "Items": [{"text": "x"}, {"text": "y"}], "after": [{"text": "z"}]}';
  for (const size of [1, 5, 1000]) {
    assert.deepEqual(scan(json, size).map((e) => e.kind === 'element' && e.value), [{ text: 'x' }, { text: 'y' }]);
  }
});

test('an object without a records field is one document', () => {
  assert.deepEqual(scan('{"title": "t", "text": "b"}', 3), [{ kind: 'document', value: { title: 't', text: 'b' } }]);
  const [tooLarge] = scan('{"title": "t", "text": "a long body"}', 3, 10);
  assert.equal(tooLarge?.kind, 'error');
});

test('a broken element costs that element; a truncated file is reported', () => {
  const events = scan('[{"text": "ok"}, {"text": tru}, {"text": "fine"}]', 4);
  assert.deepEqual(events.map((e) => e.kind), ['element', 'element-error', 'element']);
  assert.equal(events[1]?.kind === 'element-error' && events[1].index, 2);
  const truncated = scan('[{"text": "ok"}, {"text": "cut', 4);
  assert.deepEqual(truncated.map((e) => e.kind), ['element', 'error']);
});

test('empty input and scalars are errors; an empty array is no records', () => {
  assert.deepEqual(scan('   ', 1), [{ kind: 'error', reason: 'empty JSON document' }]);
  assert.equal(scan('"just a string"', 4)[0]?.kind, 'error');
  assert.deepEqual(scan('[]', 1), []);
});
