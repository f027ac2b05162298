import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldName, letterMask, maskLowerBound, nameCost, nameCostLowerBound, placeKey } from './names.js';

test('transliteration variants of one place share a key', () => {
  const sets = [
    ['Raqqa', 'Raqqah', 'Ar Raqqah', 'al-Raqqa', 'Rakka'],
    ['Deir ez-Zor', 'Deir al-Zour', 'Deir el-Zour', 'Deir al-Zor', 'Dayr az Zawr', 'Deir Ezzor'],
    ['Abu Kamal', 'al-Bu Kamal', 'Boukamal', 'Al Bukamal'],
    ['Mayadeen', 'al-Mayadeen', 'Al Mayadin'],
    ['Hasaka', 'Hasakah', 'al-Hasakah', 'Hassakeh'],
    ['Al-Qaim', 'Al-Qaem', 'Qaim'],
    ['Taiz', 'Taez', "Ta'izz"],
    ['Manbij', 'Menbij'],
    ['Tal Abyad', 'Tel Abyad', 'Tell Abyad'],
    ['Jarablus', 'Jerablus'],
    ['Khan Shaykhun', 'Khan Sheikhoun'],
    ['Şanlıurfa', 'Sanliurfa'],
    ['Łódź', 'Lodz'],
    ['Sankt Petersburg', 'Saint Petersburg', 'St. Petersburg'],
    ['Zürich', 'Zurich'],
  ];
  for (const set of sets) assert.equal(new Set(set.map(placeKey)).size, 1, `${set.join(' / ')}: ${set.map(placeKey).join(' ')}`);
});

test('different places keep different keys', () => {
  for (const [a, b] of [
    ['Paris', 'Peru'],
    ['Hama', 'Homs'],
    ['Iran', 'Iraq'],
    ['Iraq', 'Oman'],
    ['Mali', 'Malawi'],
    ['Assad', 'Saad'],
  ] as const)
    assert.notEqual(placeKey(a), placeKey(b), `${a} vs ${b}`);
  assert.equal(placeKey('Bashar Assad'), 'basharasad', 'a fused article is only an e- form on a later word before a doubled consonant');
  assert.equal(placeKey('Deir Ezzor'), placeKey('Deir ez-Zor'));
});

test('name costs: vowels and transliteration pairs are cheap, other consonants dear', () => {
  assert.equal(nameCost(placeKey('Al-Tanf'), placeKey('al-Tanaf')), 0.4, 'an added vowel');
  assert.equal(nameCost(placeKey('Idlib'), placeKey('Idleb')), 0.3, 'a changed vowel');
  assert.equal(nameCost('kasim', 'hasim'), 0.5, 'k/h is a transliteration pair');
  assert.equal(nameCost('paris', 'baris'), 0.5);
  assert.equal(nameCost('paris', 'laris'), 1);
  assert.equal(nameCost('abc', 'abc'), 0);
  assert.equal(nameCost('mosul', 'london', 1), Infinity, 'gives up past the limit');
  assert.equal(nameCost('', 'ab'), 1.4);
});

test('the cheap lower bounds never exceed the weighted distance', () => {
  // Keys of real places, with transliteration pairs (k/h/g/c, s/z/c, t/d, g/j, b/p, w/v) among them.
  const names = ['Raqqa', 'Deir ez-Zor', 'Abu Kamal', 'Mayadin', 'Tanf', 'Tanaf', 'Qaim', 'Kam', 'Paris', 'Peru', 'London', 'Hasakah', 'Homs', 'Hama', 'Aleppo', 'Halab',
    'Kirkuk', 'Karkuk', 'Gaziantep', 'Kilis', 'Jarabulus', 'Jisr al-Shughur', 'Zabadani', 'Sabadani', 'Tartus', 'Dartus', 'Baba Amr', 'Papa', 'Wadi Barada', 'Vadi', 'Khan Tuman', 'Cizre', 'Sirnak'];
  const keys = names.map(placeKey);
  for (const a of keys) {
    for (const b of keys) {
      const cost = nameCost(a, b);
      assert.ok(nameCostLowerBound(a, b) <= cost + 1e-9, `counts: ${a} ${b}`);
      assert.ok(maskLowerBound(letterMask(a), letterMask(b)) <= cost + 1e-9, `masks: ${a} ${b}`);
      assert.ok(maskLowerBound(letterMask(a), letterMask(b), 1) === Infinity || cost <= 1 || maskLowerBound(letterMask(a), letterMask(b)) <= cost, `limited: ${a} ${b}`);
    }
  }
  assert.equal(nameCostLowerBound('lundun', 'paris') > 1, true, 'consonants without a transliteration partner cost 1 each');
  assert.equal(nameCostLowerBound('tartus', 'dartus'), 0.5, 't and d are partners');
  assert.equal(maskLowerBound(letterMask('lundun'), letterMask('paris'), 1), Infinity, 'gives up past the limit');
});

test('folding writes undecomposed Latin letters plainly and drops apostrophes', () => {
  assert.equal(foldName('Şanlıurfa'), 'sanliurfa');
  assert.equal(foldName('Øresund'), 'oresund');
  assert.equal(foldName("Ma'arrat an-Nu'man"), 'maarrat an-numan');
});
