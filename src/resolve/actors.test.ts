import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { actorForNames, buildActorIndex, type ActorRow } from './actors.js';
import { ResourceLoader } from '../pipeline/resources.js';

/** A few rows in the table's own format, spellings as the builder writes them. */
const ROWS: ActorRow[] = [
  ['Nuri al-Maliki', 'p', 'IRQELI', 'Maliki', 'Nouri al-Maliki', 'al-Maliki'],
  ['Sergey Lavrov', 'p', 'RUSGOV', 'Lavrov', 'Sergei Lavrov'],
  ['Samir Haddad', 'p', 'SYRGOV'],
  ['Layla Haddad', 'p', 'LBNGOV'],
  ['Kurdistan Regional Government', 'g', 'IRQGOV', 'KRG', 'Shared Name'],
  ['Peshmerga', 'g', 'IRQMIL', 'Shared Name'],
  ['Iraq', 'c', 'IRQ', 'Irak'],
  ['Islamic State of Iraq and the Levant', 'g', 'IMGMUSISI', 'AQI'],
  ['Islamic State', 'g', 'IMGMUSISI', 'ISIS'],
];
const ALIASES = [{ name: 'Islamic State', type: 'ORG', aliases: ['ISIS', 'ISIL', 'Islamic State of Iraq and the Levant'] }];
const index = buildActorIndex(ROWS, ALIASES);
const found = (names: string[], type: Parameters<typeof actorForNames>[2]) => actorForNames(index, names, type)?.id;

test('full names, their aliases and transliteration variants find the actor', () => {
  assert.equal(found(['Nouri al-Maliki'], 'PERSON'), 'nuri-al-maliki');
  assert.equal(found(['Nuri Al Maliki'], 'PERSON'), 'nuri-al-maliki');
  assert.equal(found(['Nouri al-Malikki'], 'PERSON'), 'nuri-al-maliki');
  assert.equal(actorForNames(index, ['Nuri al-Maliki'], 'PERSON')?.code, 'IRQELI');
  assert.equal(found(['Irak'], 'GPE'), 'iraq');
  assert.equal(found(['Omar Suleiman'], 'PERSON'), undefined);
});

test('only compatible types: persons PERSON, groups ORG or NORP, countries GPE', () => {
  assert.equal(found(['Peshmerga'], 'ORG'), 'peshmerga');
  assert.equal(found(['Peshmerga'], 'NORP'), 'peshmerga');
  assert.equal(found(['Peshmerga'], 'GPE'), undefined);
  assert.equal(found(['Iraq'], 'PERSON'), undefined);
  assert.equal(found(['Sergey Lavrov'], 'ORG'), undefined);
  assert.equal(found(['Iraq'], 'LOC'), undefined);
});

test('an acronym matches only a name in capitals; an alias of two actors matches neither', () => {
  assert.equal(found(['KRG'], 'ORG'), 'kurdistan-regional-government');
  assert.equal(found(['Krg'], 'ORG'), undefined);
  assert.equal(found(['Shared Name'], 'ORG'), undefined);
});

test('a single word finds a person only through a surname exactly one person actor has', () => {
  assert.equal(found(['Lavrov'], 'PERSON'), 'sergey-lavrov');
  assert.equal(found(['Haddad'], 'PERSON'), undefined);
  // "Maliki" is both an alias and the surname of one actor; a full name elsewhere in the entity decides first.
  assert.equal(found(['Maliki'], 'PERSON'), 'nuri-al-maliki');
  assert.equal(found(['Samir Haddad', 'Haddad'], 'PERSON'), 'samir-haddad');
});

test('the alias table renames the actors its forms name, so both tables give one id', () => {
  assert.equal(found(['ISIS'], 'ORG'), 'islamic-state');
  assert.equal(found(['AQI'], 'ORG'), 'islamic-state');
  assert.equal(found(['Islamic State of Iraq and the Levant'], 'ORG'), 'islamic-state');
  assert.deepEqual(index.linked.get('Islamic State'), ['Islamic State of Iraq and the Levant', 'Islamic State']);
  assert.deepEqual(index.conflicts, []);
  const clash = buildActorIndex(ROWS, [...ALIASES, { name: 'ISIL', type: 'ORG', aliases: ['AQI'] }]);
  assert.deepEqual(clash.conflicts, ['Islamic State of Iraq and the Levant: Islamic State / ISIL']);
});

test('the shipped table: size, load time, and actors of the seed articles', () => {
  const loader = new ResourceLoader();
  const shipped = loader.get('actors');
  const firstCall = loader.facts[0]!.ms;
  const bytes = statSync(fileURLToPath(new URL('./data/actors.json', import.meta.url))).size;
  const aliases = shipped.actors.reduce((n, a) => n + a.aliases.length, 0);
  console.log(`actors.json: ${shipped.actors.length} actors, ${aliases} aliases, ${bytes} bytes; read and indexed in ${Math.round(firstCall)} ms`);
  assert.ok(shipped.actors.length > 20_000 && bytes < 1_500_000);
  assert.deepEqual(shipped.conflicts, []);
  const get = (names: string[], type: Parameters<typeof actorForNames>[2]) => actorForNames(shipped, names, type);
  assert.equal(get(['Haidar al-Abadi'], 'PERSON')?.id, 'haider-al-abadi');
  assert.equal(get(['Haidar al-Abadi'], 'PERSON')?.code, 'IRQGOV');
  assert.equal(get(['Bashar al-Assad'], 'PERSON')?.code, 'SYRGOV');
  assert.equal(get(['UN'], 'ORG')?.id, 'united-nations');
  assert.equal(get(['Syria'], 'GPE')?.code, 'SYR');
  // Places inside a country are not the country.
  assert.equal(get(['Mosul'], 'GPE'), undefined);
  // Several person actors are called Abadi.
  assert.equal(get(['Abadi'], 'PERSON'), undefined);
  assert.equal(get(['Lavrov'], 'PERSON')?.id, 'sergey-lavrov');
});
