/**
 * The reject corrections for "✕ wrong" in the reader. A reject names one value
 * of one article by target, text and start offset; an entity is rejected
 * mention by mention, so all its mentions go.
 */
import type { ArticleRecord, CorrectionInput } from '../../src/serve/api.js';

type Reject = Extract<CorrectionInput, { kind: 'reject' }>;

/** The server takes reject texts up to this length; event sentences can be longer. */
const MAX_TEXT = 5000;

const reject = (article: string, target: Reject['target'], text: string, start: number): Reject => ({ kind: 'reject', article, target, text: text.slice(0, MAX_TEXT), start });

export function rejectEntity(record: ArticleRecord, entity: ArticleRecord['entities'][number]): Reject[] {
  return entity.mentions.map((m) => reject(record.id, 'entity', m.text, m.start));
}

/** A place is named by its entity's first mention, or by its name when the text never names it. */
export function rejectPlace(record: ArticleRecord, place: ArticleRecord['places'][number]): Reject {
  const first = record.entities.find((e) => e.id === place.entity)?.mentions[0];
  return first ? reject(record.id, 'place', first.text, first.start) : reject(record.id, 'place', place.name, 0);
}

export const rejectDate = (record: ArticleRecord, d: ArticleRecord['dates'][number]) => reject(record.id, 'date', d.text, d.start);

export const rejectQuote = (record: ArticleRecord, q: ArticleRecord['quotes'][number]) => reject(record.id, 'quote', q.text, q.start);

/** Claims have no offsets: the server matches them by text alone. */
export const rejectClaim = (record: ArticleRecord, c: ArticleRecord['claims'][number]) => reject(record.id, 'claim', c.text, 0);

/** An event is named by its trigger words when it has them, else by its sentence. */
export function rejectEvent(record: ArticleRecord, e: ArticleRecord['events'][number]): Reject {
  return e.trigger
    ? reject(record.id, 'event', e.trigger.text, e.trigger.start)
    : reject(record.id, 'event', record.text.slice(e.sentence.start, e.sentence.end), e.sentence.start);
}
