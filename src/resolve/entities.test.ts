import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { DESCRIPTIVE_SOURCE, resolveArticle, resolveMentions, resolveEntitiesStage, roleBefore, translitKey, slug, bareName } from './entities.js';
import { newDoc, type EntityType, type Mention } from '../core/doc.js';
import { projectResources } from '../pipeline/resources.js';

const actors = projectResources().get('actors');

/** Mentions at the successive places their texts occur in `text`. */
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
  const entities = resolveMentions(text, ms, actors);
  const byName = new Map(entities.map((e) => [e.name, e]));
  assert.deepEqual(byName.get('Kurdish Workers Union')?.aliases, ['Kurdish Workers Union', 'KWU']);
  assert.deepEqual(byName.get('Islamic State')?.aliases, ['ISIS', 'Daesh']);
  assert.equal(byName.get('Islamic State')?.id, 'islamic-state');
  assert.equal(byName.get('Islamic State')?.source, 'alias-table');
  assert.deepEqual(byName.get('Samira al-Khatib')?.aliases, ['Samira al-Khatib', 'Khatib']);
  assert.equal(byName.get('Raqqa')?.mentions.length, 2);
  assert.equal(entities.length, 4);
  for (const e of entities) for (const m of e.mentions) assert.equal(text.slice(m.start, m.end), m.text);
});

test('the alias table names and types the entity whatever form came first', () => {
  const text = 'The Syrian army and the SAA advanced; the Islamic State group and IS fell back; YPG and SDF units joined the PMU and Hashd al-Shaabi.';
  const ms = mentionsIn(text, [
    ['Syrian army', 'NORP'],
    ['SAA', 'ORG'],
    ['Islamic State group', 'ORG'],
    ['IS', 'ORG'],
    ['YPG', 'ORG'],
    ['SDF', 'ORG'],
    ['PMU', 'ORG'],
    ['Hashd al-Shaabi', 'PERSON'],
  ]);
  const got = resolveMentions(text, ms, actors).map((e) => [e.id, e.name, e.type, e.aliases.length]);
  assert.deepEqual(got, [
    ['syrian-arab-army', 'Syrian Arab Army', 'ORG', 2],
    ['islamic-state', 'Islamic State', 'ORG', 2],
    ['peoples-protection-units', "People's Protection Units", 'ORG', 1],
    ['syrian-democratic-forces', 'Syrian Democratic Forces', 'ORG', 1],
    ['popular-mobilisation-units', 'Popular Mobilisation Units', 'ORG', 2],
  ]);
});

test('acronyms by initials; titles are not part of the name; a short form joins the nearest full name before it', () => {
  const text =
    'The Syrian Observatory for Human Rights reported shelling. SOHR said President Bashar al-Assad was absent. Assad stayed away. ' +
    'Nick Brown spoke first; Brown was brief. Later Gordon Brown replied and Brown was long.';
  const ms = mentionsIn(text, [
    ['Syrian Observatory for Human Rights', 'ORG'],
    ['SOHR', 'ORG'],
    ['President Bashar al-Assad', 'PERSON'],
    ['Assad', 'PERSON'],
    ['Nick Brown', 'PERSON'],
    ['Brown', 'PERSON'],
    ['Gordon Brown', 'PERSON'],
    ['Brown', 'PERSON'],
  ]);
  const entities = resolveMentions(text, ms, actors);
  const byName = new Map(entities.map((e) => [e.name, e]));
  assert.equal(byName.get('Syrian Observatory for Human Rights')?.mentions.length, 2);
  assert.deepEqual(byName.get('Bashar al-Assad')?.aliases, ['President Bashar al-Assad', 'Assad']);
  assert.equal(byName.get('Bashar al-Assad')?.id, 'bashar-al-assad');
  assert.equal(byName.get('Nick Brown')?.mentions[1]?.start, text.indexOf('Brown was brief'));
  assert.equal(byName.get('Gordon Brown')?.mentions[1]?.start, text.indexOf('Brown was long'));
});

test('one spelling is one entity typed by the majority of its mentions; ids stay unique', () => {
  const text = 'Jordan met Jordan. Jordan said so. Georgia and Georgia.';
  const at = (s: string, from: number) => text.indexOf(s, from);
  const m = (s: string, from: number, type: EntityType, confidence: number): Mention => ({
    start: at(s, from), end: at(s, from) + s.length, text: s, type, source: 't', confidence,
  });
  const entities = resolveMentions(text, [
    m('Jordan', 0, 'GPE', 0.9),
    m('Jordan', 7, 'PERSON', 0.5),
    m('Jordan', 19, 'PERSON', 0.5),
    m('Georgia', 0, 'GPE', 0.8),
    m('Georgia', 46, 'PERSON', 0.8),
  ], actors);
  assert.deepEqual(entities.map((e) => [e.id, e.type, e.mentions.length]), [
    ['jordan', 'PERSON', 3],
    ['georgia', 'GPE', 2],
  ]);
  const slugTwins = resolveMentions('Al Qaim and al-Qaim town', [
    { start: 0, end: 7, text: 'Al Qaim', type: 'ORG', source: 't', confidence: 0.5 },
    { start: 12, end: 20, text: 'al-Qaim', type: 'PERSON', source: 't', confidence: 0.5 },
  ], actors);
  assert.equal(new Set(slugTwins.map((e) => e.id)).size, slugTwins.length);
});

test('transliteration key, slug and bare names', () => {
  assert.equal(translitKey('Deir al-Zour'), translitKey('Deir el-Zour'));
  assert.equal(translitKey('al-Mayadeen'), translitKey('Mayadin'));
  assert.notEqual(translitKey('Mosul'), translitKey('Raqqa'));
  assert.equal(slug("People's Protection Units"), 'peoples-protection-units');
  assert.equal(slug('Hayat Tahrir al-Sham'), 'hayat-tahrir-al-sham');
  assert.equal(bareName('Prime Minister Haider al-Abadi'), 'Haider al-Abadi');
  assert.equal(bareName('Maj. Gen. Ann Lee'), 'Ann Lee');
  assert.equal(bareName('President'), 'President');
});

test('the stage groups doc.mentions into doc.entities', () => {
  const text = 'ISIS and Daesh.';
  const doc = { ...newDoc({ input: 'fixture', kind: 'text', content: '', meta: {} }), text, mentions: mentionsIn(text, [['ISIS', 'ORG'], ['Daesh', 'ORG']]) };
  const out = resolveEntitiesStage.run(doc, { resources: { actors } });
  assert.deepEqual(out.entities.map((e) => e.id), ['islamic-state']);
  assert.deepEqual(resolveEntitiesStage.requires, ['text', 'mentions']);
});

describe('roles written before a person name', () => {
  const cases: [string, string, string][] = [
    ['Iraqi Prime Minister Leila Haddad spoke.', 'Leila Haddad', 'Iraqi Prime Minister'],
    ['The council heard Hezbollah Secretary General Sayyed Omar Nasser.', 'Omar Nasser', 'Hezbollah Secretary General Sayyed'],
    ['YPG spokesman Karim Aziz said so.', 'Karim Aziz', 'YPG spokesman'],
    ['Maj. Gen. Ivan Petrov said so.', 'Ivan Petrov', 'Maj. Gen.'],
  ];
  for (const [text, name, role] of cases) {
    it(`${role} + ${name}`, () => {
      const person = { start: text.indexOf(name), end: text.indexOf(name) + name.length, text: name, type: 'PERSON' as const, source: 't', confidence: 0.9 };
      const context = ['Iraqi', 'Hezbollah', 'YPG']
        .filter((w) => text.includes(w))
        .map((w) => ({ start: text.indexOf(w), end: text.indexOf(w) + w.length, text: w, type: (w === 'Iraqi' ? 'NORP' : 'ORG') as EntityType, source: 't', confidence: 0.9 }));
      assert.equal(roleBefore(text, person, [...context, person]), role);
      const entity = resolveMentions(text, [...context, person], actors).find((e) => e.name === name);
      assert.deepEqual(entity?.roles, [role]);
      assert.equal(entity?.name, name);
    });
  }
  it('no title, no role', () => {
    const text = 'Yesterday Omar Nasser said so.';
    const person = { start: 10, end: 21, text: 'Omar Nasser', type: 'PERSON' as const, source: 't', confidence: 0.9 };
    assert.equal(roleBefore(text, person, [person]), null);
  });
});

describe('known actors: ids that are the same in every article', () => {
  const maliki1 = 'Former Prime Minister Nouri al-Maliki met reporters in Baghdad. Maliki said little.';
  const maliki2 = 'Nuri al-Maliki, who led the government until 2014, spoke on Tuesday.';
  const resolve1 = () => resolveMentions(maliki1, mentionsIn(maliki1, [['Nouri al-Maliki', 'PERSON'], ['Baghdad', 'GPE'], ['Maliki', 'PERSON']]), actors);
  const resolve2 = () => resolveMentions(maliki2, mentionsIn(maliki2, [['Nuri al-Maliki', 'PERSON']]), actors);

  it('two spellings in two articles, in either order, give the actor id and name', () => {
    const [a1, b1] = [resolve1(), resolve2()];
    const [b2, a2] = [resolve2(), resolve1()];
    for (const entities of [a1, b1, a2, b2]) {
      const maliki = entities.find((e) => e.type === 'PERSON');
      assert.equal(maliki?.id, 'nuri-al-maliki');
      assert.equal(maliki?.name, 'Nuri al-Maliki');
      assert.equal(maliki?.source, 'actor-table');
    }
    assert.deepEqual(a1, a2);
    assert.deepEqual(a1.find((e) => e.type === 'PERSON')?.aliases, ['Nouri al-Maliki', 'Maliki']);
  });

  it('the alias table names the entity when it knows the actor', () => {
    const text = 'Haidar al-Abadi flew to Tehran.';
    const [abadi] = resolveMentions(text, mentionsIn(text, [['Haidar al-Abadi', 'PERSON']]), actors);
    assert.deepEqual([abadi?.id, abadi?.name, abadi?.source], ['haider-al-abadi', 'Haider al-Abadi', 'alias-table']);
  });

  it('entities naming one actor in one article are one entity', () => {
    const text = 'Foreign Minister Sergey Lavrov arrived on Monday; Sergei Lavrov, as some agencies spell him, left on Tuesday.';
    const entities = resolveMentions(text, mentionsIn(text, [['Sergey Lavrov', 'PERSON'], ['Sergei Lavrov', 'PERSON']]), actors);
    assert.deepEqual(entities.map((e) => [e.id, e.mentions.length]), [['sergey-lavrov', 2]]);
  });

  it('only an entity of a compatible type takes the actor', () => {
    const text = 'Peshmerga units moved north.';
    const asOrg = resolveMentions(text, mentionsIn(text, [['Peshmerga', 'ORG']]), actors)[0];
    const asPlace = resolveMentions(text, mentionsIn(text, [['Peshmerga', 'GPE']]), actors)[0];
    assert.deepEqual([asOrg?.id, asOrg?.source], ['peshmerga', 'actor-table']);
    assert.deepEqual([asPlace?.id, asPlace?.source], ['peshmerga', 'resolve-v1']);
  });

  it('a short form alone takes the actor only when one person actor has that surname', () => {
    const lavrov = 'Lavrov said the talks would go on.';
    const abadi = 'Abadi said the talks would go on.';
    const one = resolveMentions(lavrov, mentionsIn(lavrov, [['Lavrov', 'PERSON']]), actors)[0];
    const many = resolveMentions(abadi, mentionsIn(abadi, [['Abadi', 'PERSON']]), actors)[0];
    assert.deepEqual([one?.id, one?.name, one?.source], ['sergey-lavrov', 'Sergey Lavrov', 'actor-table']);
    assert.deepEqual([many?.id, many?.name, many?.source], ['abadi', 'Abadi', 'resolve-v1']);
  });

  it('names in neither table keep the slug of their name', () => {
    const text = 'Yesterday Omar Nasser said so.';
    const [nasser] = resolveMentions(text, mentionsIn(text, [['Omar Nasser', 'PERSON']]), actors);
    assert.deepEqual([nasser?.id, nasser?.source], ['omar-nasser', 'resolve-v1']);
  });
});

describe('descriptive short forms: "the Observatory" after the full name', () => {
  it('adds a mention where the recognizer made none, a little less trusted than the organisation', () => {
    const text = 'The Syrian Observatory for Human Rights, a monitoring group based in Britain, counted 14 dead. The Observatory said the toll could rise.';
    const resolved = resolveArticle(text, mentionsIn(text, [['Syrian Observatory for Human Rights', 'ORG'], ['Britain', 'GPE']]), actors);
    const sohr = resolved.entities.find((e) => e.id === 'syrian-observatory-for-human-rights');
    const at = text.indexOf('Observatory said');
    assert.deepEqual(sohr?.mentions[1], { start: at, end: at + 'Observatory'.length, text: 'Observatory' });
    const added = resolved.mentions.find((m) => m.source === DESCRIPTIVE_SOURCE);
    assert.equal(added?.type, 'ORG');
    assert.ok(added && added.confidence < 0.8 && added.confidence > 0.6);
    assert.equal(resolved.mentions.length, 3);
    for (const m of resolved.mentions) assert.equal(text.slice(m.start, m.end), m.text);
  });

  it("joins the recognizer's own mention of the short form", () => {
    const text = 'Fighters of the Syrian Democratic Forces entered the town. A spokesman for the Forces denied it.';
    const resolved = resolveArticle(text, mentionsIn(text, [['Syrian Democratic Forces', 'ORG'], ['Forces', 'ORG']]), actors);
    assert.deepEqual(resolved.entities.map((e) => [e.id, e.mentions.length]), [['syrian-democratic-forces', 2]]);
    assert.equal(resolved.mentions.length, 2);
  });

  it('links nothing when two organisations share the head noun', () => {
    const text = 'The Kurdistan Democratic Party and the Democratic Union Party disagreed. The Party later issued a statement.';
    const resolved = resolveArticle(text, mentionsIn(text, [['Kurdistan Democratic Party', 'ORG'], ['Democratic Union Party', 'ORG']]), actors);
    assert.equal(resolved.mentions.length, 2);
    assert.ok(resolved.entities.every((e) => e.mentions.length === 1));
  });

  it('links nothing before the full name, in lower case, or inside a longer name', () => {
    const cases = [
      'A statement from the Party came before the Kurdistan Democratic Party spoke.',
      'The Syrian Observatory for Human Rights counted the dead; the observatory said more were missing.',
      'The Syrian Observatory for Human Rights counted the dead. The Observatory Tower in Aleppo was hit.',
    ];
    for (const text of cases) {
      const name = text.includes('Party') ? 'Kurdistan Democratic Party' : 'Syrian Observatory for Human Rights';
      const resolved = resolveArticle(text, mentionsIn(text, [[name, 'ORG']]), actors);
      assert.equal(resolved.mentions.length, 1, text);
      assert.equal(resolved.entities[0]?.mentions.length, 1, text);
    }
  });

  it('the stage adds the new mentions to doc.mentions', () => {
    const text = 'The Kurdistan Democratic Party met on Sunday. The Party said it would vote.';
    const doc = { ...newDoc({ input: 'fixture', kind: 'text', content: '', meta: {} }), text, mentions: mentionsIn(text, [['Kurdistan Democratic Party', 'ORG']]) };
    const out = resolveEntitiesStage.run(doc, { resources: { actors } });
    assert.deepEqual(out.mentions.map((m) => m.text), ['Kurdistan Democratic Party', 'Party']);
    assert.deepEqual(out.entities.map((e) => [e.id, e.mentions.length]), [['kurdistan-democratic-party', 2]]);
  });
});
