/**
 * One dataset row (CSV row, JSON object) to a `RawInput`: the recognised
 * columns become `SourceMeta`, the body column becomes the content, and every
 * other column is kept verbatim in `meta.extra`.
 */
import type { RawInput, SourceMeta } from '../core/doc.js';
import { looksLikeHtml } from './detect.js';
import fields from './fields.json' with { type: 'json' };

type MetaField = 'id' | 'url' | 'title' | 'text' | 'date' | 'outlet' | 'authors' | 'description' | 'language';

const COLUMN_ALIASES: Readonly<Record<MetaField, readonly string[]>> = {
  id: fields.id,
  url: fields.url,
  title: fields.title,
  text: fields.text,
  date: fields.date,
  outlet: fields.outlet,
  authors: fields.authors,
  description: fields.description,
  language: fields.language,
};

/** Field names under which a JSON document keeps its array of records. */
export const RECORD_ARRAY_FIELDS: readonly string[] = fields.recordArrays;

export const NO_TEXT_REASON = 'row has no text column/value';

/** Null when some column can hold the body; else the reason, naming the accepted column names. */
export function missingTextColumn(columns: readonly string[]): string | null {
  const lower = new Set(columns.map((name) => name.trim().toLowerCase()));
  if (COLUMN_ALIASES.text.some((alias) => lower.has(alias))) return null;
  return `no text column (expected one of: ${COLUMN_ALIASES.text.join(', ')})`;
}

/** A scalar as a trimmed string; null for empty values, objects and arrays. */
function scalarText(value: unknown): string | null {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return null;
}

function authorList(value: unknown): string[] | null {
  const names = Array.isArray(value)
    ? value.map(scalarText)
    : typeof value === 'string'
      ? value.split(/[,;]/).map(scalarText)
      : [];
  const kept = names.filter((name): name is string => name !== null);
  return kept.length > 0 ? kept : null;
}

/**
 * Map one record to a raw input. `input` names the row (`data.csv#row=3`).
 * Column names match case-insensitively; for each field the first alias with
 * a non-empty value wins, so `text: ""` next to `maintext: "…"` still finds
 * the body. The body keeps its text exactly (no trimming), since later offsets
 * point into what cleaning derives from it.
 */
export function mapRecord(
  record: Readonly<Record<string, unknown>>,
  input: string,
  container = 'json',
): RawInput | { readonly error: string } {
  const keyByLowerName = new Map<string, string>();
  for (const key of Object.keys(record)) {
    const lower = key.trim().toLowerCase();
    if (!keyByLowerName.has(lower)) keyByLowerName.set(lower, key);
  }
  const used = new Set<string>();

  /** The first alias whose value passes `accept`, marking its column as used. */
  function pick<T>(field: MetaField, accept: (value: unknown) => T | null): T | null {
    for (const alias of COLUMN_ALIASES[field]) {
      const key = keyByLowerName.get(alias);
      if (key === undefined) continue;
      const value = accept(record[key]);
      if (value !== null) {
        used.add(key);
        return value;
      }
    }
    return null;
  }

  const content = pick('text', (value) => (typeof value === 'string' && value.trim() !== '' ? value : null));
  if (content === null) return { error: NO_TEXT_REASON };

  const meta: { -readonly [K in keyof SourceMeta]: SourceMeta[K] } = { container };
  const id = pick('id', scalarText);
  if (id !== null) meta.id = id;
  const url = pick('url', scalarText);
  if (url !== null) meta.url = url;
  const title = pick('title', scalarText);
  if (title !== null) meta.title = title;
  const date = pick('date', scalarText);
  if (date !== null) meta.date = date;
  const outlet = pick('outlet', scalarText);
  if (outlet !== null) meta.outlet = outlet;
  const authors = pick('authors', authorList);
  if (authors !== null) meta.authors = authors;
  const description = pick('description', scalarText);
  if (description !== null) meta.description = description;
  const language = pick('language', scalarText);
  if (language !== null) meta.language = language;

  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (!used.has(key)) extra[key] = value;
  }
  if (Object.keys(extra).length > 0) meta.extra = extra;

  return { input, kind: looksLikeHtml(content) ? 'html' : 'record', content, meta };
}
