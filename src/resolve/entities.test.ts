import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveMentions, translitKey, slug } from './entities.js';
import type { EntityType, Mention } from '../core/doc.js';

function mentionsIn(text: string, spans: [string, EntityType][]): Mention[] {
  let from = 0;
  return spans.map(([s, type]) => {
    const start = text.indexOf(s, from);
    assert.ok(start >= 0, s);
    from = start + s.length;
    return { start, end: start + s.length, text: s, type, source: 'test', confidence: 0.8 };
  });
}

test('alias table, acronym in parentheses, short person names and transliterations group together', () => {
  const text =
    'The Kurdish Workers Union (KWU) said ISIS had left. Daesh denied it. Governor Samira al-Khatib said Khatib would visit Raqqah, then Raqqa again.';
  const ms = mentionsIn(text, [
    ['Kurdish Workers Union', 'ORG'],
    ['KWU', 'ORG'],
    ['ISIS', 'ORG'],
    ['Daesh', 'ORG'],
    ['Samira al-Khatib', 'PERSON'],
    ['Khatib', 'PERSON'],
    ['Raqqah', 'GPE'],
    ['Raqqa', 'GPE'],
  ]);
  const entities = resolveMentions(text, ms);
  const byName = new Map(entities.map((e) => [e.name, e]));
  assert.deepEqual(byName.get('Kurdish Workers Union')?.aliases, ['Kurdish Workers Union', 'KWU']);
  assert.deepEqual(byName.get('Islamic State')?.aliases, ['ISIS', 'Daesh']);
  assert.equal(byName.get('Islamic State')?.id, 'islamic-state');
  assert.deepEqual(byName.get('Samira al-Khatib')?.aliases, ['Samira al-Khatib', 'Khatib']);
  assert.equal(byName.get('Raqqa')?.mentions.length, 2);
  assert.equal(entities.length, 4);
});

test('transliteration key and slug', () => {
  assert.equal(translitKey('Deir al-Zour'), translitKey('Deir el-Zour'));
  assert.equal(translitKey('al-Mayadeen'), translitKey('Mayadin'));
  assert.notEqual(translitKey('Mosul'), translitKey('Raqqa'));
  assert.equal(slug("People's Protection Units"), 'peoples-protection-units');
});
