import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { codePointToUtf16, emptyCounts, parseBrat, readPolnear, readTar, scoreText, scores, tarChecksum, trimmedExtent } from './polnear.js';
import type { GoldAttribution, PredictedAttribution } from './polnear.js';

// ---------------------------------------------------------------------------
// A tiny tar writer, enough to build archives in the shapes the reader meets.

type Style = 'posix' | 'gnu';

function header(name: string, size: number, type: string, style: Style, prefix = ''): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100, 'latin1');
  h.write('0000000\0', 108, 'latin1');
  h.write('0000000\0', 116, 'latin1');
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  h.write('00000000000\0', 136, 'latin1');
  h.write(type, 156, 'latin1');
  h.write(style === 'posix' ? 'ustar\u000000' : 'ustar  \0', 257, 'latin1');
  if (prefix) h.write(prefix, 345, 155, 'utf8');
  h.write(`${tarChecksum(h).toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return h;
}

const padded = (data: Buffer) => Buffer.concat([data, Buffer.alloc((512 - (data.length % 512)) % 512)]);

function entry(name: string, body: string, options: { type?: string; style?: Style; prefix?: string } = {}): Buffer {
  const data = Buffer.from(body, 'utf8');
  return Buffer.concat([header(name, data.length, options.type ?? '0', options.style ?? 'posix', options.prefix), padded(data)]);
}

/** A GNU long-name entry followed by the file it names, under a truncated short name. */
function gnuLong(name: string, body: string): Buffer {
  return Buffer.concat([entry('././@LongLink', `${name}\0`, { type: 'L', style: 'gnu' }), entry(name.slice(0, 99), body, { style: 'gnu' })]);
}

/** A pax header giving the path of the file after it. */
function paxPath(name: string, body: string): Buffer {
  const record = (key: string, value: string) => {
    const rest = ` ${key}=${value}\n`;
    let length = rest.length + 2;
    while (`${length}${rest}`.length !== length) length = `${length}${rest}`.length;
    return `${length}${rest}`;
  };
  return Buffer.concat([entry('PaxHeader/x', record('path', name), { type: 'x' }), entry('short-name', body)]);
}

const tarOf = (...parts: Buffer[]) => Buffer.concat([...parts, Buffer.alloc(1024)]);

test('tar reader: plain, ustar prefix, GNU long name and pax path entries; directories skipped', () => {
  const long = `PolNeAR/data/train/attributions/${'x'.repeat(120)}_ab12.ann`;
  const archive = tarOf(
    entry('PolNeAR/', '', { type: '5' }),
    entry('a.txt', 'first'),
    entry('b.txt', 'in a folder', { prefix: 'deep/folder' }),
    gnuLong(long, 'long one'),
    paxPath('pax/named/file.txt', 'named by pax'),
    entry('after.txt', 'names do not leak'),
  );
  const entries = readTar(archive).map((e) => [e.name, e.data.toString('utf8')]);
  assert.deepEqual(entries, [
    ['a.txt', 'first'],
    ['deep/folder/b.txt', 'in a folder'],
    [long, 'long one'],
    ['pax/named/file.txt', 'named by pax'],
    ['after.txt', 'names do not leak'],
  ]);
});

test('tar reader: a corrupted header is an error, not a shorter archive', () => {
  const archive = tarOf(entry('a.txt', 'first'), entry('b.txt', 'second'));
  archive[512 * 2 + 3] = 0x41; // inside the second header's name
  assert.throws(() => readTar(archive), /checksum/);
});

// ---------------------------------------------------------------------------
// BRAT

const TEXT = 'The mayor said the bridge would reopen. "It is safe," officials added.\nTraffic resumed, police reported.';
const span = (text: string, at: string, from = 0) => {
  const start = text.indexOf(at, from);
  return { start, end: start + at.length, text: at };
};

test('BRAT: events tie content, cue and source; discontinuous and second content parts; no-source events; notes ignored', () => {
  const mayor = span(TEXT, 'The mayor');
  const said = span(TEXT, 'said');
  const bridge = span(TEXT, 'the bridge would reopen');
  const it = span(TEXT, 'It is safe,');
  const officials = span(TEXT, 'officials');
  const added = span(TEXT, 'added');
  const traffic = span(TEXT, 'Traffic resumed');
  const reported = span(TEXT, 'reported');
  const police = span(TEXT, 'police');
  const ann = [
    `T1\tSource ${mayor.start} ${mayor.end}\tThe mayor`,
    `T2\tCue ${said.start} ${said.end}\tsaid`,
    `T3\tContent ${bridge.start} ${bridge.end}\tthe bridge would reopen`,
    `T4\tAttribution ${said.start} ${said.end}\tsaid`,
    'E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1',
    // Discontinuous content, with a span text broken over two lines as BRAT writes it.
    `T5\tContent ${it.start} ${it.end};${traffic.start} ${traffic.end}\tIt is safe, officials added.`,
    'Traffic resumed',
    `T6\tSource ${officials.start} ${officials.end}\tofficials`,
    `T7\tCue ${added.start} ${added.end}\tadded`,
    `T8\tAttribution ${added.start} ${added.end}\tadded`,
    'E2\tAttribution:T8 Cue:T7 Source:T6 Content:T5 Content2:T3',
    `T9\tCue ${reported.start} ${reported.end}\treported`,
    `T10\tAttribution-no-source ${reported.start} ${reported.end}\treported`,
    `T11\tContent ${traffic.start} ${traffic.end}\tTraffic resumed`,
    'E3\tAttribution-no-source:T10 Content:T11 Cue:T9',
    `T12\tDiscuss ${police.start} ${police.end}\tpolice`,
    'E4\tAttribution:T12',
    '#1\tAnnotatorNotes T3\tnot a span',
    '',
  ].join('\n');
  const gold = parseBrat(ann, TEXT);
  assert.equal(gold.length, 3, 'the event without content is left out');
  assert.deepEqual(gold[0], { content: [bridge], cue: [said], source: [mayor] });
  assert.deepEqual(gold[1], { content: [bridge, it, traffic], cue: [added], source: [officials] }, 'Content2 joins the content, fragments in text order');
  assert.deepEqual(gold[2], { content: [traffic], cue: [reported], source: [] });
});

test('BRAT offsets count code points; they become UTF-16 offsets', () => {
  const text = 'Fans 🎉 cheered, he said.';
  const toUtf16 = codePointToUtf16(text);
  assert.equal(toUtf16(4), 4);
  assert.equal(toUtf16(7), 8, 'after the emoji, one code point is two units');
  const gold = parseBrat('T1\tContent 7 15\tcheered\nT2\tCue 19 23\tsaid\nT3\tAttribution 19 23\tsaid\nE1\tAttribution:T3 Content:T1 Cue:T2', text);
  assert.equal(gold[0]!.content[0]!.text, 'cheered,');
  assert.equal(gold[0]!.cue[0]!.text, 'said');
});

test('corpus: compartments, gold from the alphabetically first annotator, texts without annotations left out', () => {
  const ann = (content: string) => {
    const c = span(TEXT, content);
    return `T1\tContent ${c.start} ${c.end}\t${content}\nT2\tCue 10 14\tsaid\nT3\tAttribution 10 14\tsaid\nE1\tAttribution:T3 Content:T1 Cue:T2\n`;
  };
  const archive = gzipSync(
    tarOf(
      entry('PolNeAR/data/dev/text/b-story.txt', TEXT),
      entry('PolNeAR/data/dev/attributions/b-story_zz99.ann', ann('It is safe,')),
      entry('PolNeAR/data/dev/attributions/b-story_ab12.ann', ann('the bridge would reopen')),
      entry('PolNeAR/data/dev/text/a-story.txt', TEXT),
      entry('PolNeAR/data/dev/text/unannotated.txt', TEXT),
      entry('PolNeAR/data/dev/attributions/a-story_zz99.ann', ann('Traffic resumed')),
      entry('PolNeAR/data/test/text/c-story.txt', TEXT),
      entry('PolNeAR/data/test/attributions/c-story_ab12.ann', ann('Traffic resumed')),
      entry('PolNeAR/data/metadata.tsv', 'compartment\tfilename\n'),
    ),
  );
  const corpus = readPolnear(archive, ['dev']);
  assert.deepEqual([...corpus.keys()], ['dev']);
  const dev = corpus.get('dev')!;
  assert.deepEqual(
    dev.map((t) => [t.name, t.annotator, t.attributions[0]!.content[0]!.text]),
    [
      ['a-story', 'zz99', 'Traffic resumed'],
      ['b-story', 'ab12', 'the bridge would reopen'],
    ],
  );
  assert.equal(readPolnear(archive).get('test')!.length, 1);
});

// ---------------------------------------------------------------------------
// Scoring

const gold = (content: string, cue: string | null, source: string | null): GoldAttribution => ({
  content: [span(TEXT, content)],
  cue: cue ? [span(TEXT, cue)] : [],
  source: source ? [span(TEXT, source)] : [],
});

const predicted = (content: string, cue: string | null, source: string | null): PredictedAttribution => {
  const c = span(TEXT, content);
  return { start: c.start, end: c.end, cueSpan: cue ? span(TEXT, cue) : null, speakerMention: source ? span(TEXT, source) : null };
};

test('trimming for exact match drops whitespace, punctuation and quote marks at both ends', () => {
  const quoted = span(TEXT, '"It is safe," ');
  assert.deepEqual(trimmedExtent(TEXT, [quoted]), { start: quoted.start + 1, end: quoted.start + 'It is safe'.length + 1 });
  assert.deepEqual(trimmedExtent(TEXT, [span(TEXT, 'It is safe')]), trimmedExtent(TEXT, [quoted]));
});

test('scoring: exact match with source and cue right', () => {
  const counts = scoreText(TEXT, [gold('It is safe,', 'added', 'officials')], [predicted('"It is safe," ', 'added', 'officials')]);
  const s = scores(counts);
  assert.equal(counts.exact, 1);
  assert.equal(counts.matched, 1);
  assert.equal(s.contentExact.f1, 1);
  assert.equal(s.source.f1, 1);
  assert.equal(s.cue.f1, 1);
  assert.equal(s.speakerAccuracy, 1);
});

test('scoring: partial match needs half the tokens of the shorter span', () => {
  // Gold "the bridge would reopen" (4 tokens); "said the bridge" shares 2 of its 3 tokens: a partial match, not exact.
  const partial = scoreText(TEXT, [gold('the bridge would reopen', 'said', 'The mayor')], [predicted('said the bridge', 'said', 'mayor')]);
  assert.equal(partial.exact, 0);
  assert.equal(partial.matched, 1);
  assert.equal(partial.sourceTp, 1, 'a source that overlaps the gold one is a hit');
  // "reopen. \"It is safe" shares 1 of the 4 gold tokens and 1 of its own 3: no match.
  const none = scoreText(TEXT, [gold('the bridge would reopen', 'said', 'The mayor')], [predicted('reopen. "It is', 'said', 'The mayor')]);
  assert.equal(none.matched, 0);
  assert.equal(none.speakerGold, 0, 'speakers are scored only over matched contents');
  const s = scores(none);
  assert.equal(s.contentPartial.precision, 0);
  assert.equal(s.contentPartial.recall, 0);
});

test('scoring: missing and spurious sources', () => {
  const counts = scoreText(
    TEXT,
    [gold('the bridge would reopen', 'said', 'The mayor'), gold('Traffic resumed', 'reported', null), gold('It is safe,', 'added', 'officials')],
    [predicted('It is safe,', 'added', 'The mayor'), predicted('the bridge would reopen', 'said', null), predicted('Traffic resumed', 'reported', 'police')],
  );
  assert.equal(counts.matched, 3);
  // Bridge: gold source, none predicted (miss). Traffic: no gold source, one predicted (false). Safe: wrong source (false and miss).
  assert.deepEqual([counts.sourceTp, counts.sourceFp, counts.sourceFn], [0, 2, 2]);
  assert.deepEqual([counts.speakerRight, counts.speakerGold], [0, 2]);
  assert.deepEqual([counts.cueTp, counts.cueFp, counts.cueFn], [3, 0, 0]);
});

test('scoring: one-to-one, the closer of two overlapping predictions wins, the other is a false positive', () => {
  const counts = scoreText(TEXT, [gold('the bridge would reopen', 'said', 'The mayor')], [predicted('The mayor said the bridge would reopen', null, null), predicted('the bridge would reopen', 'said', 'The mayor')], emptyCounts());
  assert.equal(counts.matched, 1);
  assert.equal(counts.sourceTp, 1, 'the match is the prediction with the same span');
  const s = scores(counts);
  assert.equal(s.contentPartial.precision, 0.5);
  assert.equal(s.contentPartial.recall, 1);
});
