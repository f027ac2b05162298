import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recognizeEntities } from './recognizer.js';
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
