import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HIGHLIGHT_CLOSE as C, HIGHLIGHT_OPEN as O, parseMarkedSnippet, parseSearchQuery, toFts5Match } from './query.js';

const tokens = (query: string) => parseSearchQuery(query).map((t) => t.tokens.join(' '));

test('plain words and quoted phrases become terms', () => {
  assert.deepEqual(tokens('Raqqa schools'), ['raqqa', 'schools']);
  assert.deepEqual(tokens('"night bus" Lindholm'), ['night bus', 'lindholm']);
  assert.deepEqual(tokens('al-Assad U.S.'), ['al assad', 'u s']);
  assert.deepEqual(tokens('ferry Ferry FERRY'), ['ferry']);
  assert.deepEqual(tokens('Müller café'), ['müller', 'café']);
});

test('syntax characters and operator words carry no meaning', () => {
  assert.deepEqual(tokens('"'), []);
  assert.deepEqual(tokens('*'), []);
  assert.deepEqual(tokens('AND OR'), ['and', 'or']);
  assert.deepEqual(tokens('NEAR(a b)'), ['near a', 'b']);
  assert.deepEqual(tokens("'; DROP TABLE articles; --"), ['drop', 'table', 'articles']);
  assert.deepEqual(tokens('say "hello world'), ['say', 'hello world']);
  assert.deepEqual(tokens(`${O}x${C}`), ['x']);
});

test('the FTS5 rendering quotes every term', () => {
  assert.equal(toFts5Match(parseSearchQuery('NEAR( "a b" c*')), '"near" "a b" "c"');
});

test('marked snippets become plain text and highlight ranges', () => {
  const snippet = parseMarkedSnippet(`…the ${O}tram${C} line and ${O}night bus${C} services…`);
  assert.equal(snippet.text, '…the tram line and night bus services…');
  assert.deepEqual(snippet.highlights.map((h) => snippet.text.slice(h.start, h.end)), ['tram', 'night bus']);
  assert.deepEqual(parseMarkedSnippet(`a ${C}b ${O}c`), { text: 'a b c', highlights: [{ start: 4, end: 5 }] });
  assert.deepEqual(parseMarkedSnippet('plain'), { text: 'plain', highlights: [] });
});
