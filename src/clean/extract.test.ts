import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newDoc, type RawInput } from '../core/doc.js';
import { extract, extractStage, ExtractionError } from './extract.js';

const P1 =
  'Government forces pushed into the eastern districts of the city on Tuesday, officials said, after a week of heavy shelling.';

describe('extract', () => {
  it('reads plain text through the text header parser', () => {
    const out = extract({ input: 'a.txt', kind: 'text', content: `Rebels retake the airport\n\n${P1}`, meta: {} });
    assert.equal(out.source, 'text');
    assert.equal(out.page.title, 'Rebels retake the airport');
    assert.equal(out.body, P1);
  });
  it('treats a record body like text, but takes a title line only when it repeats the container title', () => {
    const repeated = extract({
      input: 'd.csv#row=1',
      kind: 'record',
      content: `Rebels retake the airport\n\n${P1}`,
      meta: { title: 'Rebels Retake the Airport' },
    });
    assert.equal(repeated.source, 'record');
    assert.equal(repeated.body, P1);
    const different = extract({
      input: 'd.csv#row=2',
      kind: 'record',
      content: `A deck line about the airport\n\n${P1}`,
      meta: { title: 'Rebels retake the airport' },
    });
    assert.equal(different.page.title, undefined);
    assert.ok(different.body.startsWith('A deck line about the airport'));
  });
  it('hands HTML to the HTML extractor', () => {
    const html = `<html><head><title>Rebels retake the airport</title></head><body><article><p>${P1}</p></article></body></html>`;
    const out = extract({ input: 'a.html', kind: 'html', content: html, meta: { url: 'https://example.com/a' } });
    assert.ok(out.body.includes('Government forces pushed'));
  });
  it('names the input when its kind is unknown', () => {
    const raw = { input: 'weird.bin', kind: 'binary', content: '', meta: {} } as unknown as RawInput;
    assert.throws(() => extract(raw), (e: unknown) => e instanceof ExtractionError && /weird\.bin/u.test(e.message));
  });
  it('is a stage that assigns the extracted layer', () => {
    const doc = extractStage.run(newDoc({ input: 'a.txt', kind: 'text', content: P1, meta: {} }), { resources: {} });
    assert.equal(doc.extracted?.body, P1);
    assert.deepEqual(extractStage.assigns, ['extracted']);
  });
});
