import { test } from 'node:test';
import assert from 'node:assert/strict';
import heads from './data/heads.json' with { type: 'json' };
import { headNoun, isAcronymForm, matchKey, surnameOf } from './names.js';

const PREPOSITIONS = new Set(heads.prepositions);

test('head nouns: the last capitalised word before a preposition, else the last word', () => {
  assert.equal(headNoun('Syrian Observatory for Human Rights', PREPOSITIONS), 'Observatory');
  assert.equal(headNoun('Syrian Democratic Forces', PREPOSITIONS), 'Forces');
  assert.equal(headNoun('Kurdistan Democratic Party', PREPOSITIONS), 'Party');
  assert.equal(headNoun('Bank for International Settlements', PREPOSITIONS), 'Bank');
  assert.equal(headNoun('Islamic State of Iraq and the Levant', PREPOSITIONS), 'State');
  assert.equal(headNoun('Islamic State group', PREPOSITIONS), 'group');
});

test('match keys ignore case, dots, apostrophes, separators and a leading "the"', () => {
  assert.equal(matchKey('HAIDAR_AL-ABADI'), matchKey('Haidar al-Abadi'));
  assert.equal(matchKey('U.N.'), matchKey('UN'));
  assert.equal(matchKey("al-Qa'ida"), matchKey('al-Qaida'));
  assert.equal(matchKey('The United Nations'), 'united nations');
  assert.equal(matchKey('Mesûd Barzanî'), 'mesud barzani');
  assert.notEqual(matchKey('Haidar al-Abadi'), matchKey('Haider al-Abadi'));
});

test('acronym forms and surnames', () => {
  for (const a of ['UN', 'U.N.', 'KRG', 'DHKP/C']) assert.equal(isAcronymForm(a), true, a);
  for (const a of ['Un', 'Hamas', 'A', 'al-Assad']) assert.equal(isAcronymForm(a), false, a);
  assert.equal(surnameOf('Haider al-Abadi'), 'Abadi');
  assert.equal(surnameOf('Bashar al Assad'), 'Assad');
  assert.equal(surnameOf('John Paul II'), 'Paul');
  assert.equal(surnameOf('Lavrov'), 'Lavrov');
});
