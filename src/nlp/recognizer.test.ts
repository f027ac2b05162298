import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DOCUMENT_SOURCE, documentConsistency, recognizeEntities } from './recognizer.js';
import { tokenize } from './tokens.js';
import { splitSentences } from './sentences.js';
import { projectResources } from '../pipeline/resources.js';

function mentions(text: string): [string, string][] {
  const sentences = splitSentences(text);
  const ms = recognizeEntities(text, tokenize(text, sentences), projectResources().get('nerModel'));
  for (const m of ms) assert.equal(text.slice(m.start, m.end), m.text);
  return ms.map((m) => [m.text, m.type]);
}

test('the trained model finds people, organisations and places in ordinary news text', () => {
  const got = mentions('Finance Minister Laila Haddad told the Central Bank of Jordan in Amman that exports to Germany rose.');
  assert.ok(got.some(([t, ty]) => t === 'Laila Haddad' && ty === 'PERSON'), JSON.stringify(got));
  assert.ok(got.some(([t, ty]) => t === 'Amman' && ty === 'GPE'), JSON.stringify(got));
  assert.ok(got.some(([t, ty]) => t === 'Germany' && ty === 'GPE'), JSON.stringify(got));
  assert.ok(got.some(([t, ty]) => t.includes('Central Bank') && ty === 'ORG'), JSON.stringify(got));
});

test('rule types the model cannot know: facilities, events and alias-table places', () => {
  const got = mentions('Convoys left Raqqah for the Al-Tanf crossing as Operation Euphrates Shield went on near Mosul Dam.');
  assert.ok(got.some(([t, ty]) => t === 'Raqqah' && ty === 'GPE'), JSON.stringify(got));
  assert.ok(got.some(([t, ty]) => t === 'Operation Euphrates Shield' && ty === 'EVENT'), JSON.stringify(got));
  assert.ok(got.some(([t, ty]) => t === 'Mosul Dam' && ty === 'FAC'), JSON.stringify(got));
});

test('a known multi-word name wins over a partial model mention inside it', () => {
  const got = mentions('All ISIS ("Islamic State") fighters left the city, officials said.');
  assert.ok(got.some(([t]) => t === 'Islamic State'), JSON.stringify(got));
  assert.ok(!got.some(([t]) => t === 'Islamic'), JSON.stringify(got));
});

test('a lower-cased sentence still has its names (the model is trained on noised copies)', () => {
  const got = mentions('president bashar al-assad met vladimir putin in moscow on tuesday, and the talks in geneva went on.');
  assert.ok(got.some(([t, ty]) => t === 'vladimir putin' && ty === 'PERSON'), JSON.stringify(got));
  // A lower-cased place is still a gazetteer place: GPE, not LOC.
  assert.ok(got.some(([t, ty]) => t === 'moscow' && ty === 'GPE'), JSON.stringify(got));
  assert.ok(got.some(([t, ty]) => t === 'geneva' && ty === 'GPE'), JSON.stringify(got));
});

test('a possessive that lost its apostrophe is the name it is built on', () => {
  const got = mentions('Syrias army and Russias navy moved on Idlib, the ministry said.');
  assert.ok(got.some(([t, ty]) => t === 'Syria' && ty === 'GPE'), JSON.stringify(got));
  assert.ok(got.some(([t, ty]) => t === 'Russia' && ty === 'GPE'), JSON.stringify(got));
  assert.ok(!got.some(([t]) => t === 'Syrias' || t === 'Russias'), JSON.stringify(got));
});

test('document consistency: a confident name is recognised wherever else the article writes it', () => {
  const text = 'Rotor Volgograd beat Lada.\nFans cheered Rotor Volgograd, and Lada left.\nThe Dynamo Volgograd coach said.';
  const tokens = tokenize(text, splitSentences(text));
  const at = (s: string, type: 'ORG' | 'PERSON', confidence: number, from = 0) => {
    const start = text.indexOf(s, from);
    return { start, end: start + s.length, text: s, type, source: 'test', confidence };
  };
  const out = documentConsistency(text, tokens, [at('Rotor Volgograd', 'ORG', 0.95), at('Lada', 'ORG', 0.6)]);
  for (const m of out) assert.equal(text.slice(m.start, m.end), m.text);
  const repeats = out.filter((m) => m.source === `test+${DOCUMENT_SOURCE}`).map((m) => [m.text, m.type, m.start]);
  // The second "Rotor Volgograd" is found; "Lada" was not confident enough to lend; "Volgograd" alone was never a name here.
  assert.deepEqual(repeats, [['Rotor Volgograd', 'ORG', text.indexOf('Rotor Volgograd', 5)]]);
  assert.ok(out.every((m) => m.confidence < 0.95 || m.source === 'test'));
  // Two confident types for one name: it lends nothing.
  const clash = documentConsistency(text, tokens, [at('Rotor Volgograd', 'ORG', 0.95), at('Rotor Volgograd', 'PERSON', 0.9, 5)]);
  assert.equal(clash.length, 2);
});

test('a hyphenated adjective the model took in before a name is not part of it', () => {
  const got = mentions('The Britain-based Syrian Observatory for Human Rights said 12 civilians were killed.');
  assert.ok(got.some(([t, ty]) => t === 'Syrian Observatory for Human Rights' && ty === 'ORG'), JSON.stringify(got));
  assert.ok(!got.some(([t]) => t.startsWith('Britain-based')), JSON.stringify(got));
});
