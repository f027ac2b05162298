import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConllSentence } from './conll.js';
import { noiseSentence, noisedCopies, NOISE_KINDS } from './noise.js';
import { seededRandom } from './perceptron.js';

// "Syria 's army shelled Homs , O'Neill said ." with LOC Syria, LOC Homs, PER O'Neill.
const sentence: ConllSentence = {
  words: ['Syria', "'s", 'army', 'shelled', 'Homs', ',', "O'Neill", 'said', '.'],
  spans: [
    { start: 0, end: 1, type: 'LOC' },
    { start: 4, end: 5, type: 'LOC' },
    { start: 6, end: 7, type: 'PER' },
  ],
};
const entities = (s: ConllSentence) => s.spans.map((sp) => `${sp.type}:${s.words.slice(sp.start, sp.end).join(' ')}`);

test('case noise respells the tokens and keeps the spans', () => {
  assert.deepEqual(entities(noiseSentence(sentence, 'lower')), ['LOC:syria', 'LOC:homs', "PER:o'neill"]);
  assert.deepEqual(entities(noiseSentence(sentence, 'upper')), ['LOC:SYRIA', 'LOC:HOMS', "PER:O'NEILL"]);
  assert.equal(noiseSentence(sentence, 'title').words.join(' '), "Syria 's Army Shelled Homs , O'neill Said .");
});

test('a headline is title case without its final stop', () => {
  const h = noiseSentence({ words: ['Rebels', 'leave', 'the', 'town', 'of', 'Daraya', '.'], spans: [{ start: 5, end: 6, type: 'LOC' }] }, 'headline');
  assert.equal(h.words.join(' '), 'Rebels Leave the Town of Daraya');
  assert.deepEqual(entities(h), ['LOC:Daraya']);
});

test('dropped apostrophes join a possessive to its name, which stays the entity', () => {
  const s = noiseSentence(sentence, 'no-apostrophes');
  assert.equal(s.words.join(' '), 'Syrias army shelled Homs , ONeill said .');
  assert.deepEqual(entities(s), ['LOC:Syrias', 'LOC:Homs', 'PER:ONeill']);
});

test('dropped commas move the spans after them', () => {
  const s = noiseSentence(sentence, 'no-commas');
  assert.equal(s.words.join(' '), "Syria 's army shelled Homs O'Neill said .");
  assert.deepEqual(entities(s), ['LOC:Syria', 'LOC:Homs', "PER:O'Neill"]);
  // A comma inside a name stays.
  const inside = noiseSentence({ words: ['Washington', ',', 'D.C.', 'said'], spans: [{ start: 0, end: 3, type: 'LOC' }] }, 'no-commas');
  assert.deepEqual(entities(inside), ['LOC:Washington , D.C.']);
});

test('noised copies are a seeded, deterministic share of the documents', () => {
  const docs = Array.from({ length: 200 }, () => [sentence]);
  const a = noisedCopies(docs, 0.3, seededRandom(7));
  const b = noisedCopies(docs, 0.3, seededRandom(7));
  assert.deepEqual(a, b);
  assert.ok(a.length > 40 && a.length < 80, `${a.length} copies of 200 at 30%`);
  assert.equal(noisedCopies(docs, 0, seededRandom(7)).length, 0);
  for (const kind of NOISE_KINDS) {
    const s = noiseSentence(sentence, kind);
    for (const sp of s.spans) assert.ok(sp.start < sp.end && sp.end <= s.words.length, kind);
  }
});
