/**
 * Corpus checks on the BBC News set (2,225 articles, ../shared/data): every
 * sentence, token and mention span is exact over the whole corpus, and the
 * throughput of each layer is reported as a test diagnostic.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { splitSentences } from './sentences.js';
import { tokenize } from './tokens.js';
import { recognize } from './entities.js';
import { timeExpressions } from './time.js';

const BBC = fileURLToPath(new URL('../../../shared/data/bbc-news-2225/bbc_news.jsonl.gz', import.meta.url));

function bbcTexts(): string[] {
  const lines = gunzipSync(readFileSync(BBC)).toString('utf8').split('\n');
  return lines.filter((l) => l.trim()).map((l) => (JSON.parse(l) as { text: string }).text);
}

const perSecond = (n: number, ms: number) => Math.round((n / ms) * 1000).toLocaleString('en-US');

test('BBC corpus: spans are exact in every layer; throughput', { skip: !existsSync(BBC) && `BBC corpus not found at ${BBC}` }, (t) => {
  const texts = bbcTexts();
  assert.equal(texts.length, 2225);
  let sentenceCount = 0;
  let tokenCount = 0;
  let mentionCount = 0;
  let dateCount = 0;
  const ms = { sentences: 0, tokens: 0, ner: 0, dates: 0 };
  for (const text of texts) {
    let t0 = performance.now();
    const sentences = splitSentences(text);
    ms.sentences += performance.now() - t0;
    t0 = performance.now();
    const tokens = tokenize(text, sentences);
    ms.tokens += performance.now() - t0;
    t0 = performance.now();
    const mentions = recognize(text, tokens);
    ms.ner += performance.now() - t0;
    t0 = performance.now();
    const dates = timeExpressions(text, sentences, '2005-01-01');
    ms.dates += performance.now() - t0;
    for (const layer of [sentences, tokens, mentions, dates]) {
      for (const s of layer) if (text.slice(s.start, s.end) !== s.text) assert.fail(`span ${s.start}-${s.end} "${s.text}" is not the text there`);
    }
    for (const tok of tokens) assert.ok(tok.text.trim() === tok.text && tok.text.length > 0, `bad token "${tok.text}"`);
    sentenceCount += sentences.length;
    tokenCount += tokens.length;
    mentionCount += mentions.length;
    dateCount += dates.length;
  }
  t.diagnostic(`${texts.length} articles, ${sentenceCount} sentences, ${tokenCount} tokens, ${mentionCount} mentions, ${dateCount} time expressions`);
  t.diagnostic(`sentences/s ${perSecond(sentenceCount, ms.sentences)} (${ms.sentences.toFixed(0)} ms)`);
  t.diagnostic(`tokens/s ${perSecond(tokenCount, ms.tokens)} (${ms.tokens.toFixed(0)} ms)`);
  t.diagnostic(`ner tokens/s ${perSecond(tokenCount, ms.ner)} (${ms.ner.toFixed(0)} ms)`);
  t.diagnostic(`dates sentences/s ${perSecond(sentenceCount, ms.dates)} (${ms.dates.toFixed(0)} ms)`);
});
