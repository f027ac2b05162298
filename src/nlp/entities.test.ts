import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recognize } from './entities.js';
import { tokenize } from './tokens.js';
import { splitSentences } from './sentences.js';

function mentions(text: string): [string, string][] {
  const ms = recognize(text, tokenize(text, splitSentences(text)));
  for (const m of ms) assert.equal(text.slice(m.start, m.end), m.text);
  return ms.map((m) => [m.text, m.type]);
}

test('titles are stripped from person names and the rest is typed by cues', () => {
  const got = mentions('Egyptian Foreign Minister Sameh Shoukry met the Arab League Council in Cairo on Monday.');
  assert.deepEqual(got, [
    ['Egyptian', 'NORP'],
    ['Sameh Shoukry', 'PERSON'],
    ['Arab League Council', 'ORG'],
    ['Cairo', 'GPE'],
  ]);
});

test('acronyms, alias-table actors, rivers and facilities', () => {
  const got = mentions('Daesh fighters crossed the Tigris River near Mosul Dam, the SDF said.');
  assert.deepEqual(got, [
    ['Daesh', 'ORG'],
    ['Tigris River', 'LOC'],
    ['Mosul Dam', 'FAC'],
    ['SDF', 'ORG'],
  ]);
});

test('sentence-initial function words, weekdays and hyphenated adjectives are not names', () => {
  const got = mentions('On Tuesday the US-backed forces moved into Tabqa. However, Kurdish officials were cautious.');
  assert.deepEqual(got, [
    ['Tabqa', 'GPE'],
    ['Kurdish', 'NORP'],
  ]);
});

test('a surname alone takes the type of the full name seen earlier', () => {
  const got = mentions('Prime Minister Leila Haddad visited the port. Haddad promised new cranes.');
  assert.deepEqual(got, [
    ['Leila Haddad', 'PERSON'],
    ['Haddad', 'PERSON'],
  ]);
});

test('an all-caps headline line is skipped', () => {
  assert.deepEqual(mentions('BREAKING NEWS FROM THE FRONT LINE TODAY'), []);
});

test('a shouted dateline is typed by its ordinary-case name', () => {
  assert.deepEqual(mentions('RAQQA, Syria — Schools reopened.'), [
    ['RAQQA', 'GPE'],
    ['Syria', 'GPE'],
  ]);
});
