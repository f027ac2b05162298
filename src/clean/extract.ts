/**
 * The extraction stage: turns a raw input into a body candidate plus the
 * page metadata found while doing so. HTML goes through the HTML extractor;
 * plain text and dataset records through the text header parser, so that a
 * record whose body field starts with its own header lines is treated like
 * a scraped text file.
 */
import type { Doc, Extracted, RawInput } from '../core/doc.js';
import type { Stage } from '../core/stage.js';
import { extractHtml } from './html.js';
import { extractText } from './text.js';

export class ExtractionError extends Error {}

/** Extracts one raw input; throws `ExtractionError` naming the input when its kind is unknown. */
export function extract(raw: RawInput): Extracted {
  const content = typeof raw.content === 'string' ? raw.content : '';
  switch (raw.kind) {
    case 'html':
      return extractHtml(content, raw.meta.url);
    case 'text':
      return extractText(content, { source: 'text' });
    case 'record':
      // The container's title is authoritative for a record: a first line is
      // only taken as the title when it repeats it.
      return extractText(content, {
        source: 'record',
        ...(raw.meta.title !== undefined && raw.meta.title.trim() !== '' ? { knownTitle: raw.meta.title } : {}),
      });
    default:
      throw new ExtractionError(`${raw.input}: unknown input kind "${String(raw.kind)}"`);
  }
}

export const extractStage: Stage = {
  name: 'extract',
  requires: [],
  assigns: ['extracted'],
  uses: [],
  run(doc: Doc): Doc {
    return { ...doc, extracted: extract(doc.raw) };
  },
};
