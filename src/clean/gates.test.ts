import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanBody, GATES, isProse, isTopicList, toLines, toText } from './gates.js';
import bannerPatterns from './patterns/banner.json' with { type: 'json' };
import captionPatterns from './patterns/caption.json' with { type: 'json' };
import chromePatterns from './patterns/chrome.json' with { type: 'json' };
import creditPatterns from './patterns/credit.json' with { type: 'json' };
import debrisPatterns from './patterns/debris.json' with { type: 'json' };
import relatedPatterns from './patterns/related.json' with { type: 'json' };
import tagsPatterns from './patterns/tags.json' with { type: 'json' };

// Invented article paragraphs: long enough to read as prose in every test.
const P1 =
  'Government forces pushed into the eastern districts of the city on Tuesday, officials said, after a week of heavy shelling.';
const P2 =
  'Aid groups warned that thousands of families were still trapped in the old quarter without water or electricity.';
const P3 = 'The ministry said it expected the operation to last several more weeks before the city was secured.';

const body = (...paragraphs: string[]) => paragraphs.join('\n\n');

/** Cleans, and on failure prints what each gate removed. */
function clean(text: string) {
  const result = cleanBody(text);
  return {
    ...result,
    reasons: result.removed.map((r) => r.reason),
    trace: () => result.removed.map((r) => `${r.gate}/${r.reason}: ${r.text}`).join('\n'),
  };
}

describe('gate order', () => {
  it('runs debris first and related last, with unique names', () => {
    const names = GATES.map((g) => g.name);
    assert.equal(names[0], 'debris');
    assert.equal(names.at(-1), 'related');
    assert.equal(new Set(names).size, names.length);
    assert.ok(names.indexOf('tags') < names.indexOf('related'));
  });
});

describe('pattern files: every example behaves as documented', () => {
  const files = [
    ['chrome', chromePatterns],
    ['banner', bannerPatterns],
    ['credit', creditPatterns],
    ['caption', captionPatterns],
    ['tags', tagsPatterns],
    ['related', relatedPatterns],
  ] as const;
  for (const [reason, file] of files) {
    it(`${reason}: examples that must go are removed with reason ${reason}`, () => {
      for (const line of file.examples.match) {
        const { text, reasons, trace } = clean(body(P1, line, P2));
        // A trailing-list example needs to be in the tail to count.
        if (reason === 'tags' && !/:/u.test(line)) {
          const tail = clean(body(P1, P2, line));
          assert.deepEqual(tail.reasons, ['tags'], `${line}\n${tail.trace()}`);
          continue;
        }
        assert.ok(!text.includes(line.replace(/\s+/gu, ' ').trim()), `${line} stayed`);
        assert.ok(reasons.includes(reason) || (reason === 'chrome' && reasons.length === 1), `${line}\n${trace()}`);
      }
    });
    it(`${reason}: examples that must stay are kept`, () => {
      for (const line of file.examples.keep) {
        const { text, removed } = clean(body(P1, line, P2));
        assert.ok(text.includes(line), `${line} was removed: ${JSON.stringify(removed)}`);
        const tail = clean(body(P1, P2, line));
        assert.ok(tail.text.includes(line), `${line} was removed from the tail: ${JSON.stringify(tail.removed)}`);
      }
    });
  }
  it('debris: only the glued part is cut', () => {
    for (const [input, expected] of debrisPatterns.examples.cut) {
      const { text } = clean(body(P1, input!, P2));
      assert.equal(text, body(P1, expected!, P2));
    }
    for (const line of debrisPatterns.examples.keep) {
      assert.equal(clean(body(P1, line, P2)).text, body(P1, line, P2));
    }
  });
});

describe('chrome gate', () => {
  it('removes player and share widgets but keeps sentences that mention them', () => {
    const input = body('Listen Live', 'Share this article', P1, 'Readers can listen live to the broadcast on the station website every evening.', P2);
    const { text, removed } = clean(input);
    assert.equal(text, body(P1, 'Readers can listen live to the broadcast on the station website every evening.', P2));
    assert.deepEqual(
      removed.map((r) => [r.reason, r.gate]),
      [
        ['chrome', 'chrome'],
        ['chrome', 'chrome'],
      ],
    );
  });
  it('keeps a comment-mentioning paragraph', () => {
    const sentence = 'Comments by the envoy drew a sharp response from Ankara, which called them "unacceptable".';
    assert.ok(clean(body(P1, sentence, P2)).text.includes(sentence));
  });
});

describe('caption and credit gates', () => {
  it('removes a caption glued above a credit line, keeps the paragraph below', () => {
    const input = body(P1, 'Residents queue for bread near a damaged bakery\n© Some Agency / Jane Roe\n' + P2, P3);
    const { text, removed } = clean(input);
    assert.equal(text, body(P1, P2, P3));
    assert.deepEqual(
      removed.map((r) => r.reason),
      ['caption', 'credit'],
    );
  });
  it('keeps a prose paragraph that happens to stand before a separate credit block', () => {
    const { text, reasons } = clean(body(P1, 'Photo: Reuters', P2));
    assert.equal(text, body(P1, P2));
    assert.deepEqual(reasons, ['credit']);
  });
  it('keeps prose that talks about photos', () => {
    const line = 'The photo, taken by a local resident, was widely shared before the account was suspended.';
    assert.equal(clean(body(P1, line, P2)).text, body(P1, line, P2));
  });
  it('removes an "In this file photo" caption on its own', () => {
    const caption = 'In this file photo taken last year, a convoy crosses the river near the dam';
    const { text, reasons } = clean(body(P1, caption, P2));
    assert.equal(text, body(P1, P2));
    assert.deepEqual(reasons, ['caption']);
  });
});

describe('tags gate', () => {
  it('removes a trailing topic list but not an enumeration inside the body', () => {
    const inBody = 'Ministers from France, Germany, Italy, Spain and Poland met in Brussels on Monday to discuss it.';
    const { text, reasons } = clean(body(P1, inBody, P2, 'ceasefire, Aleppo, United Nations, Russia, Turkey'));
    assert.equal(text, body(P1, inBody, P2));
    assert.deepEqual(reasons, ['tags']);
  });
  it('keeps a short comma phrase in the tail', () => {
    assert.ok(!isTopicList('Paris, Texas'));
    assert.ok(isTopicList('Syria, Iraq, Daesh, Mosul'));
  });
});

describe('related gate', () => {
  it('removes "Read <headline>" teasers and keeps "Read the ..." sentences', () => {
    const keep = 'Read the full text of the agreement, the spokesman told reporters on Friday.';
    const { text, reasons } = clean(body(P1, 'Read  Convoy attacked near border, officials say', keep, P2));
    assert.equal(text, body(P1, keep, P2));
    assert.deepEqual(reasons, ['related']);
  });
  it('removes a trailing block of headlines', () => {
    const { text, reasons } = clean(body(P1, P2, 'Rebels Regroup in the North\nWhat Next for the Peace Talks?\nThe Long Road Home'));
    assert.equal(text, P1 + '\n\n' + P2);
    assert.deepEqual(reasons, ['related', 'related', 'related']);
  });
  it('keeps in-body subheadings and a single closing subheading-like line', () => {
    const input = body(P1, 'Fighting in the old city', P2, 'A long road ahead', P3);
    assert.equal(clean(input).text, input);
    const single = body(P1, P2, 'More talks are planned');
    assert.equal(clean(single).text, single);
  });
});

describe('banner gate', () => {
  it('removes a site banner line', () => {
    const banner = 'By Homs - Latest News on Homs | Read Breaking News on SOME PORTAL Updated at 2016-01-02 10:00:00 +0000';
    const { text, reasons } = clean(body(banner, P1, P2));
    assert.equal(text, body(P1, P2));
    assert.deepEqual(reasons, ['banner']);
  });
});

describe('text layout', () => {
  it('trims, collapses inner whitespace and joins paragraphs with a blank line', () => {
    const { text, removed } = clean('   First  paragraph\u00a0here is fine and long enough to read.  \n\n\n\t Second one\tstays as it is.');
    assert.equal(text, 'First paragraph here is fine and long enough to read.\n\nSecond one stays as it is.');
    assert.deepEqual(removed, []);
  });
  it('unwraps hard-wrapped newswire paragraphs and keeps line-per-paragraph text apart', () => {
    const wrapped = [
      'The central bank raised its main lending rate by half a point',
      'on Thursday, citing inflation that has run above its target for',
      'most of the year.',
    ];
    assert.equal(toText(toLines(wrapped.join('\n'))), wrapped.join(' '));
    assert.equal(toText(toLines(`${P1}\n${P2}`)), `${P1}\n\n${P2}`);
  });
  it('classifies prose', () => {
    assert.ok(isProse(P1));
    assert.ok(!isProse('Fighting in the old city'));
    assert.ok(!isProse('Comments are closed.'));
  });
  it('never crashes on empty or whitespace-only bodies', () => {
    assert.equal(cleanBody('').text, '');
    assert.equal(cleanBody(' \n\u00a0\n\t').text, '');
  });
});
