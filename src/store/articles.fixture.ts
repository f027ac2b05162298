/**
 * Invented articles, written for the storage tests, and the documents the
 * pipeline would make of them: what the storage suite and the store-copy test
 * store and read back.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Place } from '../core/contract.js';
import { newDoc, type Doc, type RawInput } from '../core/doc.js';
import { fingerprintStage } from '../clean/dedup.js';
import type { Store } from './store.js';

export const FERRY = `The ferry service between Lindholm and the island of Sark Minor resumed on Friday after a three-day suspension caused by gale-force winds, the operator said. Crossings will run every two hours until the weekend, when the normal timetable returns. Around four hundred passengers who had been stranded on the island were given priority on the first sailings, and the operator said it would refund tickets for cancelled crossings in full. Harbour staff worked through the night to repair a damaged ramp at the island terminal. Local shops on the island had begun to run short of fresh milk and bread by Thursday, residents said.`;

export const FERRY_UPDATED = `${FERRY} The operator added on Saturday that a second vessel would be chartered for the summer.`;

export const BUDGET = `The city council of Lindholm approved a budget on Tuesday that raises spending on public transport by twelve percent while freezing most other departments. Councillors voted twenty-one to fourteen after a debate that lasted until midnight. The budget funds two new tram lines and extends night bus services to the eastern districts. Opposition members said the plan relied on optimistic forecasts of parking revenue. The mayor said the investment would cut congestion and help the city meet its emissions targets.`;

export const FESTIVAL = `More than thirty thousand visitors attended the Lindholm harbour festival over the weekend, organisers said, a record for the event. Musicians performed on floating stages moored along the old quay, and fishing boats were opened to the public. The festival budget was covered mostly by sponsors. Organisers thanked volunteers and the ferry crews who carried extra passengers from the islands.`;

export const TRAMS = `Construction of the new tram line in eastern Lindholm will begin in the spring, the transport authority announced. The route will link the central station with the university campus and the hospital. Engineers expect the works to close parts of Harbour Road for several months. The authority said a detailed timetable of road closures would be published in February.`;

export const WEATHER = `Forecasters issued a yellow warning for strong winds across the northern coast on Monday. Gusts of up to ninety kilometres an hour are expected on exposed headlands, and ferry operators have warned of cancellations. Residents were advised to secure garden furniture and avoid coastal paths.`;

export interface ArticleSpec {
  readonly input: string;
  readonly text: string;
  readonly title?: string | null;
  readonly outlet?: string | null;
  readonly domain?: string | null;
  readonly publishedAt?: string | null;
  readonly id?: string;
  readonly kind?: RawInput['kind'];
}

/** A document as the pipeline would hand it over: raw input, text, metadata, id and fingerprint. */
export function makeDoc(spec: ArticleSpec): Doc {
  const raw: RawInput = {
    input: spec.input,
    kind: spec.kind ?? 'text',
    content: `${spec.title ?? ''}\n\n${spec.text}`,
    encoding: 'utf-8 (declared)',
    meta: { container: 'file', ...(spec.outlet ? { outlet: spec.outlet } : {}), extra: { section: 'local' } },
  };
  const doc: Doc = {
    ...newDoc(raw),
    id: spec.id ?? createHash('sha256').update(spec.text).digest('hex').slice(0, 8),
    text: spec.text,
    meta: {
      url: spec.domain ? `https://www.${spec.domain}/${spec.input}` : null,
      outlet: spec.outlet ?? null,
      domain: spec.domain ?? null,
      title: spec.title ?? null,
      titleSource: spec.title ? 'text' : null,
      byline: [],
      publishedAt: spec.publishedAt ?? null,
      publishedEvidence: null,
      language: 'en',
    },
  };
  return fingerprintStage.run(doc, { resources: {} });
}

/** An invented gazetteer record, with coordinates that a 4-byte float would not keep. */
export const SARK_MINOR: Place = {
  entity: 'sark-minor',
  name: 'Sark Minor',
  gazetteerId: 'test:1001',
  gazetteerName: 'Sark Minor Island',
  lat: 49.432187654321,
  lon: -2.361912345678,
  country: 'GB',
  admin1: '',
  kind: 'region',
  runnerUp: null,
  evidence: ['name'],
  source: 'test',
  confidence: 0.8,
};

/** A document with entity, date and quote layers, to check that the record round-trips in full. */
export function annotatedFerryDoc(): Doc {
  const doc = makeDoc({
    input: 'coast/ferry.txt',
    text: FERRY,
    title: 'Ferry to Sark Minor resumes after gales',
    outlet: 'Coast Courier',
    domain: 'coastcourier.example',
    publishedAt: '2024-02-09',
  });
  const at = (word: string) => {
    const start = FERRY.indexOf(word);
    return { start, end: start + word.length, text: word };
  };
  return {
    ...doc,
    entities: [
      { id: 'lindholm', name: 'Lindholm', type: 'GPE', aliases: ['Lindholm'], mentions: [at('Lindholm')], roles: [], source: 'test', confidence: 0.9 },
      { id: 'sark-minor', name: 'Sark Minor', type: 'GPE', aliases: ['Sark Minor'], mentions: [at('Sark Minor')], roles: [], source: 'test', confidence: 0.8 },
    ],
    places: [SARK_MINOR],
    dates: [{ ...at('Friday'), value: '2024-02-09', grain: 'day', source: 'test', confidence: 0.8 }],
    removed: [{ text: 'Share this article', reason: 'share', gate: 'share-widgets' }],
  };
}

export const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Five stored articles with known dates and outlets. */
export async function seed(store: Store): Promise<Record<string, Doc>> {
  const docs = {
    ferry: annotatedFerryDoc(),
    budget: makeDoc({ input: 'city/budget.txt', text: BUDGET, title: 'Council backs transport-heavy budget', outlet: 'Lindholm Post', domain: 'lindholmpost.example', publishedAt: '2024-01-16T22:10:00Z' }),
    festival: makeDoc({ input: 'city/festival.txt', text: FESTIVAL, title: 'Harbour festival draws record crowds', outlet: 'Lindholm Post', domain: 'lindholmpost.example', publishedAt: '2024-06-24' }),
    trams: makeDoc({ input: 'city/trams.txt', text: TRAMS, title: 'Work on eastern tram line to start in spring', outlet: 'Coast Courier', domain: 'coastcourier.example', publishedAt: null }),
    weather: makeDoc({ input: 'coast/weather.txt', text: WEATHER, title: 'Wind warning for the north coast', outlet: null, domain: null, publishedAt: '2024-02-05' }),
  };
  for (const doc of Object.values(docs)) assert.equal((await store.put(doc)).status, 'new');
  return docs;
}

