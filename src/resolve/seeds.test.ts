/**
 * Entity acceptance on the five seed articles (read from ../shared/seeds):
 * the many names of one actor are one entity, people are PERSON with their
 * short forms, acronyms carry their expansions, group adjectives are NORP.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HAVE_SEEDS as have, analysedSeeds } from '../pipeline/seeds.fixture.js';
import type { Entity } from '../core/doc.js';

const docs = analysedSeeds();
const all = (): Entity[] => docs.flatMap((d) => d.entities);
const holding = (surface: string) => all().filter((e) => e.aliases.includes(surface) || e.name === surface);

test('ISIS / Islamic State / IS / Daesh are one entity in each article', { skip: !have }, () => {
  for (const doc of docs) {
    const forms = ['ISIS', 'Islamic State', 'IS', 'Daesh'].filter((f) => new RegExp(`\\b${f}\\b`).test(doc.text));
    const ids = new Set(doc.entities.filter((e) => forms.some((f) => e.aliases.includes(f))).map((e) => e.id));
    assert.deepEqual([...ids], ['islamic-state'], `${doc.raw.input}: ${[...ids].join(', ')}`);
  }
});

test('people are PERSON, with their short forms as aliases where the text uses them', { skip: !have }, () => {
  const people = ['Haider al-Abadi', 'Jean-Marc Ayrault', 'Hassan Nasrallah', 'Daniel L. Byman', 'Omar Alloush', 'Rami Abdel-Rahman', 'Jim Mattis', 'Brett McGurk', 'Igor Konashenkov'];
  for (const name of people) {
    const found = all().filter((e) => e.name === name);
    assert.ok(found.length > 0, `${name} not found`);
    for (const e of found) assert.equal(e.type, 'PERSON', name);
  }
  assert.ok(holding('Abadi').some((e) => e.name === 'Haider al-Abadi'), 'Abadi -> Haider al-Abadi');
  assert.ok(holding('Byman').some((e) => e.name === 'Daniel L. Byman'), 'Byman -> Daniel L. Byman');
  // Elijah J. Magnier is named only in the byline line, which cleaning moves to `byline`.
  assert.deepEqual(docs[1]?.meta.byline, ['Elijah J. Magnier']);
});

test('titles stay out of names and are kept as roles', { skip: !have }, () => {
  const roleOf = (name: string) => all().find((e) => e.name === name)?.roles ?? [];
  assert.ok(roleOf('Haider al-Abadi').some((r) => /Prime Minister/.test(r)));
  assert.ok(roleOf('Igor Konashenkov').some((r) => /Maj\. Gen\./.test(r)));
  assert.ok(roleOf('Hassan Nasrallah').some((r) => /Secretary General/.test(r)));
});

test('acronyms are ORG with their expansions; group adjectives are NORP', { skip: !have }, () => {
  const expansions: [string, string][] = [
    ['SDF', 'Syrian Democratic Forces'],
    ['YPG', "People's Protection Units"],
    ['SOHR', 'Syrian Observatory for Human Rights'],
    ['PMU', 'Popular Mobilisation Units'],
  ];
  for (const [acronym, name] of expansions) {
    const es = holding(acronym);
    assert.ok(es.length > 0, acronym);
    for (const e of es) {
      assert.equal(e.type, 'ORG', acronym);
      assert.equal(e.name, name, acronym);
    }
  }
  assert.ok(holding('Hezbollah').every((e) => e.type === 'ORG'));
  for (const w of ['Kurdish', 'Shiite', 'Sunni']) {
    const es = holding(w);
    assert.ok(es.length > 0, w);
    for (const e of es) assert.equal(e.type, 'NORP', w);
  }
});
