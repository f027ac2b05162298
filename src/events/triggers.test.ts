import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findTriggers, lemmatise } from './triggers.js';
import { splitSentences } from '../nlp/sentences.js';
import { tokenize } from '../nlp/tokens.js';

test('lemmatiser: regular and irregular inflections of trigger words', () => {
  const cases: [string, string][] = [
    ['seized', 'seize'], ['retook', 'retake'], ['seizes', 'seize'], ['captured', 'capture'], ['liberating', 'liberate'], ['took', 'take'], ['taken', 'take'],
    ['fought', 'fight'], ['struck', 'strike'], ['shot', 'shoot'], ['withdrew', 'withdraw'], ['airstrikes', 'airstrike'], ['clashes', 'clash'],
    ['shelled', 'shell'], ['Evacuated', 'evacuate'], ['arrested', 'arrest'], ['recaptured', 'recapture'], ['ambushed', 'ambush'],
  ];
  for (const [form, lemma] of cases) assert.equal(lemmatise(form), lemma, form);
  // Nouns of their own stay; unknown words are left alone.
  assert.equal(lemmatise('shelling'), 'shelling');
  assert.equal(lemmatise('fighting'), 'fighting');
  assert.equal(lemmatise('weather'), 'weather');
});

const triggersOf = (text: string) => findTriggers(tokenize(text, splitSentences(text))).map((m) => `${m.entry.phrase}:${m.entry.type}`);

test('matcher: the longest phrase wins and covers its words', () => {
  assert.deepEqual(triggersOf('Rebels took control of the town after a car bomb and an air strike.'), ['take control of:territory-captured', 'car bomb:bombing', 'air strike:airstrike']);
  assert.deepEqual(triggersOf('The fighters laid down their arms.'), ['lay down * arms:surrender']);
  assert.deepEqual(triggersOf('Regime forces used chlorine gas in a chemical attack.'), ['chlorine gas:chemical-attack', 'chemical attack:chemical-attack']);
  assert.deepEqual(triggersOf('The weather was mild.'), []);
});

test('CAMEO verbs are in the table, WordNet look-alikes are not', () => {
  assert.deepEqual(triggersOf('Police imprisoned him.'), ['imprison:arrest']);
  assert.deepEqual(triggersOf('Troops invaded the country.'), ['invade:territory-captured']);
  // 'say' is a WordNet synonym of a CAMEO statement verb; 'reside' is filed under occupy.
  assert.deepEqual(triggersOf('He said they reside there.'), []);
});
