import { test } from 'node:test';
import assert from 'node:assert/strict';
import { charsetFromContentType, declaredCharset, decodeBytes, looksBinary } from './decode.js';

const ascii = (text: string): Buffer => Buffer.from(text, 'latin1');

function decoded(bytes: Uint8Array, contentType?: string): { text: string; encoding: string } {
  const result = decodeBytes(bytes, { contentType });
  assert.ok(!('error' in result), `expected text, got ${JSON.stringify(result)}`);
  return result;
}

test('valid UTF-8 without a declaration is sniffed as UTF-8', () => {
  const result = decoded(Buffer.from('Café in Zürich — “quoted”', 'utf8'));
  assert.equal(result.text, 'Café in Zürich — “quoted”');
  assert.equal(result.encoding, 'utf-8 (sniffed)');
});

test('invalid UTF-8 falls back to windows-1252: curly quotes 0x93/0x94 and the euro sign 0x80', () => {
  const bytes = Buffer.concat([ascii('He said '), Buffer.from([0x93]), ascii('yes'), Buffer.from([0x94]), ascii(' for 5'), Buffer.from([0x80])]);
  const result = decoded(bytes);
  assert.equal(result.text, 'He said \u201Cyes\u201D for 5\u20AC');
  assert.equal(result.encoding, 'windows-1252 (sniffed)');
});

test('a byte order mark wins and is not part of the text', () => {
  assert.deepEqual(decoded(Buffer.from('\uFEFFhello', 'utf8')), { text: 'hello', encoding: 'utf-8 (bom)' });
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Aleppo – Raqqa', 'utf16le')]);
  assert.deepEqual(decoded(utf16), { text: 'Aleppo – Raqqa', encoding: 'utf-16le (bom)' });
});

test('HTML meta charset and http-equiv declarations are honoured', () => {
  const latin = Buffer.concat([ascii('<html><head><meta charset="iso-8859-1"></head><body>caf'), Buffer.from([0xe9]), ascii('</body></html>')]);
  const result = decoded(latin);
  assert.match(result.text, /café/);
  assert.equal(result.encoding, 'windows-1252 (declared)');
  const httpEquiv = ascii('<meta http-equiv="Content-Type" content="text/html; charset=utf-8"><p>x</p>');
  assert.equal(decoded(httpEquiv).encoding, 'utf-8 (declared)');
  assert.equal(declaredCharset(ascii('<meta content="text/html; charset=koi8-r" http-equiv="content-type">')), 'koi8-r');
});

test('the XML encoding declaration is honoured', () => {
  const xml = Buffer.concat([ascii('<?xml version="1.0" encoding="windows-1252"?><rss><title>'), Buffer.from([0x96]), ascii('</title></rss>')]);
  const result = decoded(xml);
  assert.match(result.text, /<title>\u2013<\/title>/);
  assert.equal(result.encoding, 'windows-1252 (declared)');
});

test('an HTTP Content-Type charset counts as a declaration and beats the document', () => {
  assert.equal(charsetFromContentType('text/html; charset="Shift_JIS"'), 'Shift_JIS');
  assert.equal(charsetFromContentType('text/html'), null);
  const result = decoded(Buffer.concat([ascii('<meta charset="utf-8">na'), Buffer.from([0xef]), ascii('ve')]), 'text/html; charset=ISO-8859-1');
  assert.match(result.text, /naïve/);
  assert.equal(result.encoding, 'windows-1252 (declared)');
});

test('a declaration that the bytes contradict is overridden, and says so', () => {
  const result = decoded(Buffer.concat([ascii('<meta charset="utf-8"><p>'), Buffer.from([0x93]), ascii('hi'), Buffer.from([0x94])]));
  assert.match(result.text, /\u201Chi\u201D/);
  assert.equal(result.encoding, 'windows-1252 (sniffed; declared utf-8 did not decode)');
});

test('an unknown charset label is ignored', () => {
  assert.equal(decoded(ascii('<meta charset="x-no-such-thing"><p>plain</p>')).encoding, 'utf-8 (sniffed)');
});

test('NUL bytes or many control characters mean binary content', () => {
  assert.equal(looksBinary(Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01])), true);
  assert.deepEqual(decodeBytes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00])), { error: 'binary content' });
  const controls = Buffer.alloc(100, 0x41);
  for (let i = 0; i < 20; i++) controls[i * 5] = 0x01;
  assert.equal(looksBinary(controls), true);
  assert.equal(looksBinary(ascii('line one\r\nline two\tcolumn\f\n')), false);
  // UTF-16 text is full of NUL bytes but is text when it carries a BOM.
  assert.equal(looksBinary(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('text', 'utf16le')])), false);
});
