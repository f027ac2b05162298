/**
 * The development set's rows as `newsgraph analyze FILE` gets them: each
 * dataset file is read by the ingest code itself (readInputs: per-row
 * decoding, column mapping by mapRecord, kind 'record' or 'html', input
 * `FILE#row=N`), and the rows named by the manifest are kept. So a FA-KES row
 * arrives with the csv's own date ("8/6/2016", not the ISO day corpus.ts
 * derives) and a Giveme5W1H row with its date_publish column, exactly as a
 * user's run would see them.
 */
import type { RawInput } from '../../src/core/doc.js';
import { readInputs } from '../../src/ingest/index.js';
import { SHARED_DATA, sha1 } from './corpus.js';
import type { Manifest } from './schema.js';

/** The dataset row id of a raw input: its id column (unit_id, id), else Giveme5W1H's dId column. */
function rowId(raw: RawInput): string | null {
  const dId = raw.meta.extra?.['dId'];
  return raw.meta.id ?? (typeof dId === 'string' ? dId : null);
}

/**
 * The raw input of every manifest article, by manifest index. Throws when a
 * row is missing or its body is not the annotated one (the offsets would be
 * meaningless).
 */
export async function manifestInputs(manifest: Manifest): Promise<RawInput[]> {
  const wanted = new Map(manifest.articles.map((a, i) => [`${a.source}#${a.row}`, i]));
  const found: (RawInput | undefined)[] = new Array(manifest.articles.length);
  for (const source of [...new Set(manifest.articles.map((a) => a.source))]) {
    for await (const item of readInputs([SHARED_DATA + source])) {
      if (!item.ok) continue;
      const i = wanted.get(`${source}#${rowId(item.raw)}`);
      if (i !== undefined && found[i] === undefined) found[i] = item.raw;
    }
  }
  return manifest.articles.map((a, i) => {
    const raw = found[i];
    if (!raw) throw new Error(`manifest ${i}: row ${a.row} of ${a.source} not read by ingest`);
    if (sha1(raw.content) !== a.bodySha1) throw new Error(`manifest ${i}: the body ingest reads for row ${a.row} is not the annotated one`);
    return raw;
  });
}
