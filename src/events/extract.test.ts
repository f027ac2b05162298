import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPipeline } from '../pipeline/index.js';
import type { NewsEvent } from '../core/doc.js';
import { extractEvents } from './extract.js';

/** Events of a short article, analysed by the real pipeline up to the places and dates. */
function eventsOf(text: string, date = '2017-10-15'): { events: NewsEvent[]; ids: Map<string, string> } {
  const doc = loadPipeline().analyze({ input: 'test', kind: 'text', content: text, meta: { date, container: 'jsonl' } });
  return { events: extractEvents(doc), ids: new Map(doc.entities.map((e) => [e.name, e.id])) };
}

const types = (text: string) => eventsOf(text).events.map((e) => e.type);

test('a capture: actor before, target after "from", place after "of", date of the sentence', () => {
  const { events } = eventsOf('The Syrian army seized the town of Mayadeen from Islamic State on Saturday, the military said.');
  const e = events.find((x) => x.type === 'territory-captured');
  assert.ok(e, JSON.stringify(events));
  assert.deepEqual(e.actors, ['syrian-arab-army']);
  assert.deepEqual(e.targets, ['islamic-state']);
  assert.equal(e.place, 'mayadin');
  assert.equal(e.date, '2017-10-14');
  assert.match(e.source, /date=day/);
});

test('passive voice swaps actor and target', () => {
  const { events } = eventsOf('Raqqa was captured by the Syrian Democratic Forces in October.');
  const e = events.find((x) => x.type === 'territory-captured');
  assert.ok(e, JSON.stringify(events));
  assert.deepEqual(e.actors, ['syrian-democratic-forces']);
  assert.equal(e.place, 'raqqa');
});

test('without a date in the sentence the publication day stands in, and says so', () => {
  const { events } = eventsOf('Russian airstrikes hit Idlib, killing at least 12 civilians.');
  assert.equal(events.length, 1, JSON.stringify(events));
  const e = events[0]!;
  assert.equal(e.type, 'airstrike');
  assert.deepEqual(e.actors, ['russian']);
  assert.equal(e.date, '2017-10-15');
  assert.match(e.source, /date=article/);
  assert.deepEqual(e.casualties, { killed: { min: 12, max: null } });
});

test('generic killing names civilians: harm to civilians, not a clash', () => {
  assert.deepEqual(types('Gunmen killed 16 civilians in a village near Kirkuk.'), ['civilian-harm']);
  assert.deepEqual(types('Gunmen killed 16 soldiers near Kirkuk.'), ['armed-clash']);
});

test('negated, denied, modal, planned, feared, conditional and questioned triggers are not events', () => {
  const none = [
    'The army did not attack the town.',
    'The ministry denied that its jets struck the hospital.',
    'Mosul could be liberated within days.',
    'Turkey would attack the Kurdish militia.',
    'The city may be liberated tomorrow.',
    'The coalition plans to launch an offensive on Raqqa.',
    'The Iraqi army is expected to recapture Tal Afar.',
    'Islamic State threatened to attack Baghdad.',
    'The rebels vowed to retake Aleppo.',
    'If the talks fail, the army will storm the city.',
    'Did the army shell the village?',
    'Fighters refused to surrender.',
  ];
  for (const s of none) assert.deepEqual(types(s), [], s);
});

test('the same triggers in plain reports are events', () => {
  assert.deepEqual(types('The army attacked the town.'), ['armed-clash']);
  // A strike is an air strike where the text speaks of aircraft, else an armed attack.
  assert.deepEqual(types('Israeli jets struck the hospital.'), ['airstrike']);
  assert.deepEqual(types('Gunmen struck a checkpoint near the border.'), ['armed-clash']);
  assert.deepEqual(types('The Iraqi army recaptured Tal Afar.'), ['territory-captured']);
  assert.deepEqual(types('Government forces shelled the village.'), ['shelling']);
});

test('one happening told with its means is one event: the capture, not the fighting and the airstrikes', () => {
  const events = types('Government troops captured the town of Qaryatain from the militants after intense fighting and heavy airstrikes on Saturday.');
  assert.deepEqual(events, ['territory-captured']);
});

test('two coordinated happenings stay two events', () => {
  const events = types('Rebels shelled the airport on Friday and government jets bombed the market on Saturday.');
  assert.equal(events.length, 2, JSON.stringify(events));
});

test('a happening told again later in the article is one event', () => {
  const { events } = eventsOf('An air strike hit the market of Atareb on Thursday, killing nine people. Rescuers said the air strike on Thursday had destroyed several shops.');
  assert.equal(events.filter((e) => e.type === 'airstrike').length, 1, JSON.stringify(events));
});

test('what a statement reports is an event of its own', () => {
  const events = types('The army announced on Saturday that its troops had captured the village of Khirbet Ghazaleh from the rebels.');
  assert.ok(events.includes('territory-captured'), JSON.stringify(events));
});

test("the war's running toll and a count of happenings are background, not events", () => {
  assert.deepEqual(types('More than 280,000 people have been killed since the conflict erupted in 2011.'), []);
  assert.deepEqual(types("More than 150,000 people have been killed in Syria's three-year war."), []);
  assert.deepEqual(types('The agency counted 135 attacks on health facilities in 2015.'), []);
  // The same killing told as news is an event.
  assert.deepEqual(types('At least 20 people were killed in the shelling on Sunday.'), ['shelling']);
});

test('a trigger that describes a participant is no event: the besieged town, the forces fighting the group', () => {
  assert.deepEqual(types('An aid convoy reached the besieged town of Madaya on Monday.'), ['humanitarian']);
  assert.deepEqual(types('The coalition fighting Islamic State released a report on Monday.'), []);
});

test('how a statement was made is no statement event; an idiom that holds a trigger word is no event', () => {
  assert.deepEqual(types('The army said in a statement that the talks would resume.'), []);
  assert.deepEqual(types('The defeat dealt a blow to the militants.'), []);
  assert.deepEqual(types('The two sides struck a deal on Monday.'), ['agreement']);
});

test('a generic telling of a happening told precisely elsewhere is that happening', () => {
  const { events } = eventsOf('A car bomb attack killed 12 people in Qamishli on Wednesday. The attack was claimed by Islamic State. Hospitals received the bodies of the victims, who were killed near a market.');
  assert.deepEqual(events.map((e) => e.type), ['bombing'], JSON.stringify(events));
  // In an article that speaks of aircraft, "the raids" are the air strikes told before.
  const air = eventsOf('Russian warplanes carried out air strikes on Idlib on Saturday. The monitor said the raids targeted the town of Maaret al-Numan.').events;
  assert.deepEqual(air.map((e) => e.type), ['airstrike'], JSON.stringify(air));
});

test('roles from the parse: a passive agent far from its verb, the subject of a light verb, a coordinated subject', () => {
  const passive = eventsOf('The village of Kafr Nabl was shelled heavily for hours on Monday by the Syrian army.').events.find((e) => e.type === 'shelling');
  assert.deepEqual(passive?.actors, ['syrian-arab-army'], JSON.stringify(passive));
  const light = eventsOf('Islamic State fighters carried out an attack on an army post near Deir ez-Zor on Friday.').events[0];
  assert.deepEqual(light?.actors, ['islamic-state'], JSON.stringify(light));
  assert.equal(light?.place, 'deir-ez-zor');
  const both = eventsOf('The Syrian army and Iranian militias captured the town of Qaryatain from Islamic State on Sunday.').events.find((e) => e.type === 'territory-captured');
  assert.ok(both?.actors.includes('syrian-arab-army') && both.actors.length === 2, JSON.stringify(both));
  assert.deepEqual(both?.targets, ['islamic-state']);
  // A town acted on is where it happened, not a party.
  assert.deepEqual(eventsOf('Rebels shelled Aleppo on Monday.').events[0]?.targets, []);
});

test('a background clause is not news: since it fell, when they seized it years ago', () => {
  assert.deepEqual(types('The group has controlled the town since government forces withdrew from it in 2013.'), []);
  assert.deepEqual(types('When the militants seized the city in 2014, the army was absent.'), []);
  // A recent happening told in the same kind of clause is news.
  assert.deepEqual(types('When the militants seized the city on Saturday, the army was absent.'), ['territory-captured']);
});

test('negation, denial and plans read from the parse', () => {
  assert.deepEqual(types('The army denied that its soldiers, backed by tanks and heavy artillery, had shelled the market.'), []);
  assert.deepEqual(types('Turkey plans a new offensive against the Kurdish militia.'), []);
  assert.deepEqual(types('No airstrikes hit the city on Sunday.'), []);
});

test('a habit, a noun that only modifies another, and a sentence the page prints twice are no events of their own', () => {
  assert.deepEqual(types('The town is regularly targeted in air strikes by government warplanes.'), []);
  assert.deepEqual(types('Members of the White Helmets rescue group were seen at the scene.'), []);
  assert.deepEqual(types('Two mortar rounds hit the square in Damascus on Saturday, wounding four people.'), ['shelling']);
  const twice = eventsOf('Timeline of the war. March 1 2012 Regime forces seize rebel-held Baba Amr in Homs city after 27 days of heavy shelling. Regime forces seize rebel-held Baba Amr in Homs city after 27 days of heavy shelling.').events;
  assert.deepEqual(twice.map((e) => [e.type, e.date]), [['territory-captured', '2012-03-01']], JSON.stringify(twice));
});

test('a sentence with no date of its own goes on in the recent day the lead told of; an old date is not inherited', () => {
  const { events } = eventsOf('Militants shelled the town of Mayadeen on Thursday. Later, mortar shells hit a hospital in Deir ez-Zor.');
  assert.deepEqual(events.map((e) => [e.type, e.date]), [['shelling', '2017-10-12'], ['shelling', '2017-10-12']], JSON.stringify(events));
  assert.match(events[1]!.source, /date=lead/);
  const old = eventsOf('Militants shelled the town of Mayadeen on 3 May 2012. Mortar shells hit a hospital in Deir ez-Zor.').events;
  assert.deepEqual(old.map((e) => [e.type, e.date]), [['shelling', '2012-05-03'], ['shelling', '2017-10-15']], JSON.stringify(old));
});
