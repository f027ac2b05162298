/** Exports of the whole store: articles as JSON Lines, events as ACLED-like CSV, places as GeoJSON. */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ArticleRecord } from '../../core/record.js';
import type { Store } from '../../store/store.js';
import { articlesJsonl, eventsCsv } from '../export.js';
import { articlesExportResponseSchema, eventsExportResponseSchema, placesExportResponseSchema } from '../schemas.js';
import { placeFeatures } from './entities.js';

/** Articles per read: exports stream, they never hold the store in memory. */
const BATCH = 500;

/** Every stored record (corrections applied), newest first, a batch at a time. */
async function* allRecordBatches(store: Store): AsyncGenerator<ArticleRecord[]> {
  for (let offset = 0; ; offset += BATCH) {
    const page = await store.list({ limit: BATCH, offset });
    if (page.items.length > 0) yield await store.records(page.items.map((a) => a.id));
    if (page.items.length < BATCH) return;
  }
}

async function* jsonLines(store: Store): AsyncGenerator<string> {
  for await (const batch of allRecordBatches(store)) yield* articlesJsonl(batch);
}

/** One CSV: the header once, then each batch's rows. */
async function* csvRows(store: Store): AsyncGenerator<string> {
  let first = true;
  for await (const batch of allRecordBatches(store)) {
    const csv = eventsCsv(batch);
    yield first ? csv : csv.slice(csv.indexOf('\r\n') + 2);
    first = false;
  }
  if (first) yield eventsCsv([]);
}

const attachment = (name: string) => `attachment; filename="${name}"`;

export async function exportRoutes(app: FastifyInstance, store: Store): Promise<void> {
  const tags = ['exports'];
  app.get(
    '/api/export/articles.jsonl',
    { schema: { tags, summary: 'Every article record (CONTRACT.md), one JSON object per line', response: articlesExportResponseSchema } },
    async (_request, reply) =>
      reply.type('application/jsonl; charset=utf-8').header('content-disposition', attachment('articles.jsonl')).send(Readable.from(jsonLines(store))),
  );
  app.get(
    '/api/export/events.csv',
    {
      schema: {
        tags,
        summary: 'Every extracted event as CSV with ACLED-like columns (date, type, actors, location, coordinates, source, notes)',
        response: eventsExportResponseSchema,
      },
    },
    async (_request, reply) =>
      reply.type('text/csv; charset=utf-8').header('content-disposition', attachment('events.csv')).send(Readable.from(csvRows(store))),
  );
  app.get(
    '/api/export/places.geojson',
    { schema: { tags, summary: 'Every place named in the articles as a GeoJSON FeatureCollection', response: placesExportResponseSchema } },
    async (_request, reply) =>
      reply
        .type('application/geo+json; charset=utf-8')
        .header('content-disposition', attachment('places.geojson'))
        .send(JSON.stringify(placeFeatures(await store.places()))),
  );
}
