/**
 * Bytes to text, without I/O.
 *
 * The order follows the HTML encoding-sniffing algorithm in spirit: a byte
 * order mark wins, then a charset that the transport (HTTP Content-Type) or
 * the document itself (`<meta charset>`, XML declaration) declares, then
 * strict UTF-8, and finally windows-1252, which decodes every byte and is
 * what mislabelled "latin-1" news text almost always is. The result says
 * which rule decided, so a wrong guess can be traced.
 */

export interface Decoded {
  readonly text: string;
  /** Encoding name and how it was chosen, e.g. 'utf-8 (declared)', 'windows-1252 (sniffed)'. */
  readonly encoding: string;
}

export type DecodeResult = Decoded | { readonly error: string };

export interface DecodeHints {
  /** An HTTP Content-Type header; its charset parameter counts as a declaration. */
  readonly contentType?: string | null;
}

/** How many leading bytes are examined for a declaration or for binary content. */
const SNIFF_BYTES = 8192;
/** Share of control characters above which content is taken as binary, not text. */
const BINARY_CONTROL_SHARE = 0.1;

interface Bom {
  readonly encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  readonly length: number;
}

export function sniffBom(bytes: Uint8Array): Bom | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * True for content that is not text: any NUL byte, or many control
 * characters other than tab, line feed, form feed, carriage return and escape.
 * Only the first bytes are examined; text with a UTF-16 BOM is not binary.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const bom = sniffBom(bytes);
  if (bom && bom.encoding !== 'utf-8') return false;
  const sample = bytes.subarray(0, SNIFF_BYTES);
  if (sample.length === 0) return false;
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) controls++;
  }
  return controls / sample.length > BINARY_CONTROL_SHARE;
}

/** The canonical WHATWG name for an encoding label, or null when no decoder knows it. */
export function canonicalEncoding(label: string): string | null {
  try {
    return new TextDecoder(label.trim().toLowerCase()).encoding;
  } catch {
    return null;
  }
}

/** The charset parameter of a Content-Type header, as written. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match?.[1] ?? null;
}

/**
 * A charset declared inside the document: an XML declaration at the start, or
 * an HTML `<meta charset>` / `<meta http-equiv="Content-Type">` near the top.
 */
export function declaredCharset(bytes: Uint8Array): string | null {
  // latin1 maps each byte to one character, so ASCII markup reads the same
  // whatever the real encoding is.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, SNIFF_BYTES)).toString('latin1');
  const xml = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml?.[1]) return xml[1];
  const metaCharset = /<meta\s[^>]*?\bcharset\s*=\s*["']?([^"'\s/>;]+)/i.exec(head);
  return metaCharset?.[1] ?? null;
}

/**
 * windows-1252 bytes 0x80..0x9F (the rest equals latin-1). Decoded here
 * because Node 20's TextDecoder('windows-1252') takes a latin-1 fast path and
 * turns curly quotes (0x93/0x94) into C1 control characters.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (char) => String.fromCharCode(CP1252_HIGH[char.charCodeAt(0) - 0x80] ?? char.charCodeAt(0)));
}

function decodeWith(encoding: string, bytes: Uint8Array, fatal: boolean): string | null {
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  try {
    // ignoreBOM: a BOM is stripped by the caller, never decoded as U+FEFF.
    return new TextDecoder(encoding, { fatal, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Strict UTF-8, else windows-1252: the fallback used for every undeclared byte run. */
export function decodeSniffed(bytes: Uint8Array): Decoded {
  const utf8 = decodeWith('utf-8', bytes, true);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8 (sniffed)' };
  return { text: decodeWindows1252(bytes), encoding: 'windows-1252 (sniffed)' };
}

/** Decode a whole document (an article file, a fetched page or feed). */
export function decodeBytes(bytes: Uint8Array, hints: DecodeHints = {}): DecodeResult {
  if (looksBinary(bytes)) return { error: 'binary content' };
  const bom = sniffBom(bytes);
  if (bom) {
    const text = decodeWith(bom.encoding, bytes.subarray(bom.length), false) ?? '';
    return { text, encoding: `${bom.encoding} (bom)` };
  }
  const declaredLabel = charsetFromContentType(hints.contentType) ?? declaredCharset(bytes);
  const declared = declaredLabel ? canonicalEncoding(declaredLabel) : null;
  // A UTF-16 declaration without a BOM is a known mislabel (the HTML standard
  // reads such pages as UTF-8), so it is not trusted.
  if (declared && !declared.startsWith('utf-16')) {
    const text = decodeWith(declared, bytes, true);
    if (text !== null) return { text, encoding: `${declared} (declared)` };
    const sniffed = decodeSniffed(bytes);
    return { text: sniffed.text, encoding: `${sniffed.encoding.replace(/ \(sniffed\)$/, '')} (sniffed; declared ${declared} did not decode)` };
  }
  return decodeSniffed(bytes);
}
