import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  extractText,
  findDate,
  findSignOff,
  findStatedDate,
  looksLikeTitle,
  parseBylineLine,
  parseDateString,
  parseNames,
} from './text.js';

// Invented article text.
const P1 =
  'Government forces pushed into the eastern districts of the city on Tuesday, officials said, after a week of heavy shelling.';
const P2 =
  'Aid groups warned that thousands of families were still trapped in the old quarter without water or electricity.';

const reasons = (removed: readonly { reason: string }[]) => removed.map((r) => r.reason);

describe('extractText: head', () => {
  it('takes a first-line URL and the bare-number lines after it', () => {
    const out = extractText(`https://news.example.com/world/city-falls-after-siege-123\n512\n7\n${P1}\n\n${P2}`);
    assert.equal(out.page.url, 'https://news.example.com/world/city-falls-after-siege-123');
    assert.deepEqual(reasons(out.removed), ['header', 'header', 'header']);
    assert.equal(out.body, `${P1}\n\n${P2}`);
    assert.equal(out.page.title, undefined, 'a body paragraph is not a title');
  });
  it('takes a headline first line as the title', () => {
    const out = extractText(`Siege of the old city enters its third month\n\n${P1}\n\n${P2}`);
    assert.equal(out.page.title, 'Siege of the old city enters its third month');
    assert.equal(out.body, `${P1}\n\n${P2}`);
  });
  it('does not take a lone line or a widget label as the title', () => {
    assert.equal(extractText('Siege of the old city enters its third month').page.title, undefined);
    const out = extractText(`Listen Live\n${P1}`);
    assert.equal(out.page.title, undefined);
    assert.ok(out.body.startsWith('Listen Live'), 'furniture is left for the gates');
  });
  it('reads a bare date line as header evidence and a statement as stated evidence', () => {
    const header = extractText(`09:15 GMT03 March 2021\n${P1}`);
    assert.deepEqual(header.page.dates, [
      { value: '2021-03-03T09:15:00Z', evidence: '09:15 GMT03 March 2021', source: 'text-header', trust: 'header' },
    ]);
    assert.deepEqual(reasons(header.removed), ['dateline']);
    const stated = extractText(`Published on 4 May 2015\n\n${P1}`);
    assert.equal(stated.page.dates?.[0]?.trust, 'stated');
    assert.equal(stated.page.dates?.[0]?.value, '2015-05-04');
    assert.equal(stated.body, P1);
  });
  it('keeps a banner line that carries a statement, but records the date', () => {
    const line = 'By Homs - Latest News on Homs | Read Breaking News on PORTAL Updated at 2016-01-02 10:00:00 +0000';
    const out = extractText(`A headline about the city\n\n${line}\n\n${P1}`);
    assert.equal(out.page.dates?.[0]?.value, '2016-01-02T10:00:00Z');
    assert.equal(out.page.dates?.[0]?.trust, 'stated');
    assert.equal(out.page.authors, undefined, 'a banner is not a byline');
    assert.ok(out.body.includes(line));
  });
  it('cuts a dateline glued to the start of the first paragraph', () => {
    const out = extractText(`Date of publication 18 July 2016 ${P1}`);
    assert.equal(out.body, P1);
    assert.equal(out.page.dates?.[0]?.value, '2016-07-18');
    assert.equal(out.page.dates?.[0]?.trust, 'stated');
    const header = extractText(`Sun 12 Mar 2017 ${P1}`);
    assert.equal(header.body, P1);
    assert.equal(header.page.dates?.[0]?.trust, 'header');
    // The number after the date belongs to the sentence.
    const counted = extractText('May 24 2017 16 civilians were killed in strikes near the town, a monitor said on Wednesday.');
    assert.equal(counted.body, '16 civilians were killed in strikes near the town, a monitor said on Wednesday.');
  });
  it('takes byline lines in the head', () => {
    const out = extractText(`A headline about the city\n\nCairo by Jane Q. Roe:\n\n${P1}`);
    assert.deepEqual(out.page.authors, ['Jane Q. Roe']);
    assert.equal(out.body, P1);
  });
});

describe('extractText: tail', () => {
  it('takes agency credit lines and "By:" lines at the end', () => {
    assert.deepEqual(extractText(`${P1}\n\n${P2}\n\nAFP, Reuters`).page.authors, ['AFP', 'Reuters']);
    assert.deepEqual(extractText(`${P1}\n\n${P2}\n\nBy: AP`).page.authors, ['AP']);
  });
  it('cuts an agency sign-off glued to the last paragraph', () => {
    const out = extractText(`${P1} - REUTERS`);
    assert.equal(out.body, P1);
    assert.deepEqual(out.page.authors, ['Reuters']);
  });
  it('leaves a body sentence that starts with "By" alone', () => {
    const sentence = 'By the end of the day, the convoy had reached the outskirts of the town.';
    const out = extractText(`${P1}\n\n${sentence}`);
    assert.equal(out.page.authors, undefined);
    assert.ok(out.body.endsWith(sentence));
  });
  it('does not crash on empty input', () => {
    assert.deepEqual(extractText(''), { body: '', page: {}, removed: [], source: 'text' });
  });
});

describe('bylines', () => {
  it('parses names, agencies and place prefixes', () => {
    assert.deepEqual(parseBylineLine('By Jane Roe and John Doe'), ['Jane Roe', 'John Doe']);
    assert.deepEqual(parseBylineLine('Reuters, AP, dpa'), ['Reuters', 'AP', 'dpa']);
    assert.deepEqual(parseBylineLine('Beirut by Leila al-Hassan:'), ['Leila al-Hassan']);
    assert.deepEqual(parseBylineLine('(Reporting by Jane Roe; Editing by John Doe)'), ['Jane Roe']);
    assert.deepEqual(parseNames('BY THE ASSOCIATED PRESS'), ['AP']);
  });
  it('rejects lines that are not bylines', () => {
    assert.equal(parseBylineLine('By the numbers'), null);
    assert.equal(parseBylineLine('Hundreds Killed by Syrian Airstrikes'), null);
    assert.equal(parseBylineLine('By Raqqa - Latest News on Raqqa | Read Breaking News'), null);
    assert.equal(findSignOff('The troops withdrew - and then returned.'), null);
  });
});

describe('dates', () => {
  it('parses container forms', () => {
    assert.deepEqual(parseDateString('4/5/2017'), { value: '2017-04-05', grain: 'day' });
    assert.deepEqual(parseDateString('25/12/2016'), { value: '2016-12-25', grain: 'day' });
    assert.deepEqual(parseDateString('2017-09-15T00:00:00'), { value: '2017-09-15', grain: 'day' });
    assert.deepEqual(parseDateString('2017-10-14T23:41:42+02:00'), { value: '2017-10-14T21:41:42Z', grain: 'instant' });
    assert.deepEqual(parseDateString('Sat, 14 Oct 2017 21:41:42 GMT'), { value: '2017-10-14T21:41:42Z', grain: 'instant' });
    assert.deepEqual(parseDateString('26-FEB-1987 15:01:01.79'), { value: '1987-02-26', grain: 'day' });
    assert.equal(parseDateString('13/13/2017'), null);
    assert.equal(parseDateString('next week'), null);
    assert.equal(parseDateString(''), null);
  });
  it('needs a full date with a year', () => {
    assert.equal(findDate('on Monday the talks resumed'), null);
    assert.equal(findDate('on 14 October the talks resumed'), null);
    assert.equal(findDate('Last updated at Apr 152017')?.value, '2017-04-15');
  });
  it('finds a statement only when the date follows it', () => {
    assert.equal(findStatedDate('Updated at 2017-10-14 21:41:42 +0000')?.value, '2017-10-14T21:41:42Z');
    assert.equal(findStatedDate('The report was published in a journal last year.'), null);
  });
  it('tells a headline from a sentence', () => {
    assert.ok(looksLikeTitle('Rebels retake the airport'));
    assert.ok(!looksLikeTitle(P1));
    assert.ok(!looksLikeTitle('and then it rained'));
  });
});
