import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toRecord } from '../core/record.js';
import type { ArticleRecord } from '../core/record.js';
import { analysedSeeds, HAVE_SEEDS } from '../pipeline/seeds.fixture.js';
import { contentWords } from './cluster.js';
import { storyTitle, summarize } from './summary.js';
import type { SummaryArticle, SummarySentence } from './summary.js';

const seeds = (): ArticleRecord[] => analysedSeeds().map(toRecord);

/** Share of content words two sentences have in common (Jaccard): an independent near-duplicate measure. */
function overlap(a: string, b: string): number {
  const x = new Set(contentWords(a));
  const y = new Set(contentWords(b));
  let both = 0;
  for (const w of x) if (y.has(w)) both++;
  const union = x.size + y.size - both;
  return union === 0 ? 1 : both / union;
}

function assertSlices(articles: readonly SummaryArticle[], summary: readonly SummarySentence[]): void {
  const byId = new Map(articles.map((a) => [a.id, a]));
  for (const s of summary) {
    const article = byId.get(s.article);
    assert.ok(article, `unknown article ${s.article}`);
    assert.equal(article.text.slice(s.start, s.end), s.text);
  }
}

const article = (id: string, text: string, extra: Partial<SummaryArticle> = {}): SummaryArticle => ({ id, title: null, text, publishedAt: null, outlet: null, ...extra });

test('every summary sentence of the seeds slices exactly from its article, with no near-duplicates', { skip: !HAVE_SEEDS }, () => {
  const all = seeds();
  for (const group of [all, ...all.map((a) => [a])]) {
    const summary = summarize(group, { maxSentences: 8 });
    assert.ok(summary.length > 0, `no summary for ${group.map((a) => a.id).join(',')}`);
    assert.ok(summary.length <= 8);
    assertSlices(group, summary);
    for (let i = 0; i < summary.length; i++) {
      for (let j = i + 1; j < summary.length; j++) {
        assert.notEqual(summary[i]!.text, summary[j]!.text);
        assert.ok(overlap(summary[i]!.text, summary[j]!.text) < 0.5, `${summary[i]!.text}\n${summary[j]!.text}`);
      }
    }
  }
});

test('summary sentences are readable report sentences: 8..60 words, no questions, no captions', { skip: !HAVE_SEEDS }, () => {
  for (const s of summarize(seeds(), { maxSentences: 10 })) {
    const words = s.text.split(/\s+/).length;
    assert.ok(words >= 8 && words <= 60, s.text);
    assert.ok(!/\?["'”’)]*$/.test(s.text), s.text);
    assert.ok(!/©|\bPhoto\b/.test(s.text), s.text);
  }
});

test('seeds 003 and 004 (the fall of Raqqa) summarise to sentences about Raqqa, the dated article first', { skip: !HAVE_SEEDS }, () => {
  const all = seeds();
  const story = [all[4]!, all[3]!];
  const summary = summarize(story);
  assert.ok(summary.length >= 3 && summary.length <= 5, String(summary.length));
  assert.ok(summary.some((s) => /Raqqa/.test(s.text)), summary.map((s) => s.text).join('\n'));
  // 003 has a publication date and 004 none: 003's sentences come first, each article's in text order.
  const dated = all[3]!.id;
  const firstUndated = summary.findIndex((s) => s.article !== dated);
  if (firstUndated >= 0) assert.ok(summary.slice(firstUndated).every((s) => s.article !== dated));
  for (let i = 1; i < summary.length; i++) if (summary[i]!.article === summary[i - 1]!.article) assert.ok(summary[i]!.start > summary[i - 1]!.start);
  // The same story in the other order gives the same summary.
  assert.deepEqual(summarize([all[3]!, all[4]!]), summary);
});

test('the title of seed 000 alone comes from its title or from one of its sentences', { skip: !HAVE_SEEDS }, () => {
  const seed = seeds()[0]!;
  const summary = summarize([seed]);
  const title = storyTitle([seed], summary);
  assert.notEqual(title, 'Untitled story');
  assert.ok(title.length > 0 && title.length <= 90, title);
  const fromTitle = seed.title !== null && seed.title.includes(title);
  const fromText = seed.text.includes(title) || seed.text.includes(title.charAt(0).toLowerCase() + title.slice(1));
  assert.ok(fromTitle || fromText, title);

  // Without a title, a headline is cut from a summary sentence: a prefix of it, whole words, no closing punctuation.
  const untitled = { ...seed, title: null };
  const made = storyTitle([untitled], summary);
  assert.ok(made.length > 0 && made.length <= 90, made);
  assert.ok(made.split(' ').length >= 3, made);
  assert.ok(!/[.,;:!—–-]$/.test(made), made);
  assert.ok(summary.some((s) => s.text.startsWith(made) || s.text.includes(made)), made);
});

test('a lead repeated by two outlets is picked once', () => {
  const lead = 'Troops captured the river town of Arden on Saturday after a week of heavy fighting with the rebels.';
  const a = article('a', `${lead} Engineers began clearing mines from the main road into Arden on Sunday morning. The bridge over the river was badly damaged during the fighting last week.`);
  const b = article('b', `${lead} Aid groups said thousands of families who fled Arden were still sheltering in camps to the south. Officials expect the rebels to regroup in the hills east of the river.`);
  const summary = summarize([a, b], { maxSentences: 4 });
  assertSlices([a, b], summary);
  assert.equal(summary.filter((s) => s.text === lead).length, 1, summary.map((s) => s.text).join('\n'));
  assert.equal(summary.length, 4);
});

test('a partly repetitive sentence gives way to a novel one of somewhat lower relevance', () => {
  const text = [
    'Troops captured the river town of Arden on Saturday after heavy fighting with rebels in the hills.',
    'Troops captured the old bridge at Arden on Saturday after heavy shelling of rebel positions nearby.',
    'Aid convoys reached the town of Arden as the rebels fled toward the eastern hills on Saturday night.',
    'Officials in the capital said the town of Arden would be handed to a civilian council next month.',
  ].join(' ');
  const summary = summarize([article('a', text)], { maxSentences: 2 });
  assert.deepEqual(
    summary.map((s) => s.text.split(' ').slice(0, 2).join(' ')),
    ['Troops captured', 'Aid convoys'],
  );
  // The bridge sentence is more central than the convoy sentence: only its overlap with the lead keeps it out.
  const all = summarize([article('a', text)], { maxSentences: 4 });
  const score = (prefix: string) => all.find((s) => s.text.startsWith(prefix))!.score;
  assert.ok(score('Troops captured the old') > score('Aid convoys'));
});

test('questions, quotes, short lines and captions are not picked; sentences are ordered by publication', () => {
  const early = article(
    'z-early',
    'Rebels withdrew from the northern district of Arden late on Friday after days of shelling by the army.\n\n' +
      '© Arden Press Photo / Staff: smoke rising over the northern district of Arden on Friday evening.\n\n' +
      'Will the ceasefire in the northern district of Arden hold through the coming winter months?\n\n' +
      '"We have left the district of Arden to spare the lives of civilians still living there," a rebel commander said.\n\n' +
      'The army said.',
    { publishedAt: '2024-03-01' },
  );
  const late = article('a-late', 'The army moved into the northern district of Arden on Saturday and raised its flag over the town hall.', { publishedAt: '2024-03-02T10:00:00Z' });
  const undated = article('0-undated', 'Residents of the northern district of Arden began returning on Sunday to find their homes looted.');
  const summary = summarize([undated, late, early], { maxSentences: 10 });
  assertSlices([undated, late, early], summary);
  assert.deepEqual(
    summary.map((s) => s.article),
    ['z-early', 'a-late', '0-undated'],
  );
  assert.ok(summary[0]!.text.startsWith('Rebels withdrew'));
});

test('datelines are stripped and a long sentence is cut at a clause boundary when no title is usable', () => {
  const text = 'BEIRUT (Reuters) - Fighters left the city of Raqqa on Saturday, taking hundreds of civilians with them as human shields towards the eastern desert.';
  const story = [article('a', text, { title: 'BREAKING NEWS' })];
  const summary = summarize(story);
  assert.equal(summary.length, 1);
  assert.equal(storyTitle(story, summary), 'Fighters left the city of Raqqa on Saturday');
});

test('the article title closest to the summary is preferred', () => {
  const story = [
    article('a', 'Troops captured the river town of Arden on Saturday after a week of heavy fighting with the rebels.', { title: 'Troops capture Arden after week of fighting' }),
    article('b', 'Troops captured the river town of Arden on Saturday, officials in the capital said late in the evening.', { title: 'Arden officials speak late in the evening' }),
  ];
  assert.equal(storyTitle(story, summarize(story)), 'Troops capture Arden after week of fighting');
});

test('an empty story has no summary and the fallback title', () => {
  assert.deepEqual(summarize([]), []);
  assert.equal(storyTitle([], []), 'Untitled story');
  assert.deepEqual(summarize([article('a', 'Too short.')]), []);
  assert.equal(storyTitle([article('a', 'Too short.')], []), 'Untitled story');
});
