/** What the analyst changes: ingestion jobs, corrections, and the gazetteer look-up that fixing a place needs. */
import type { FastifyInstance } from 'fastify';
import type { CorrectionInput } from '../../corrections/types.js';
import type { GazetteerRecord } from '../../geo/gazetteer.js';
import { projectResources } from '../../pipeline/resources.js';
import type { Store } from '../../store/store.js';
import type { GazetteerCandidate, IngestRequest } from '../api.js';
import { invalidRequest, type JobRunner } from '../jobs.js';
import { sendProblem } from '../reply.js';
import {
  correctionBodySchema,
  correctionParamsSchema,
  correctionResponseSchema,
  correctionsResponseSchema,
  emptyResponseSchema,
  gazetteerQuerySchema,
  gazetteerResponseSchema,
  ingestBodySchema,
  jobResponseSchema,
  type GazetteerQuerystring,
} from '../schemas.js';

/** A posted feed or page may be big; far above one article, well below memory trouble. */
const INGEST_BODY_LIMIT = 64 * 1024 * 1024;

const candidate = (r: GazetteerRecord): GazetteerCandidate => ({
  gazetteerId: r.gazetteerId,
  name: r.name,
  lat: r.lat,
  lon: r.lon,
  country: r.country,
  admin1: r.admin1,
  kind: r.kind,
  population: r.population,
});

let byId: Map<string, GazetteerRecord> | null = null;
function gazetteerRecord(id: string): GazetteerRecord | undefined {
  byId ??= new Map(projectResources().get('gazetteer').records.map((r) => [r.gazetteerId, r]));
  return byId.get(id);
}

export async function workbenchRoutes(app: FastifyInstance, store: Store, jobs: JobRunner): Promise<void> {
  app.post<{ Body: IngestRequest }>(
    '/api/ingest',
    {
      bodyLimit: INGEST_BODY_LIMIT,
      schema: {
        tags: ['ingest'],
        summary: 'Ingest pasted text, HTML, a feed document, or a page/feed URL; answers 202 with a job to poll',
        body: ingestBodySchema,
        response: jobResponseSchema,
      },
    },
    async (request, reply) => {
      const invalid = invalidRequest(request.body);
      if (invalid) return sendProblem(reply, request, invalid.status, invalid.reason);
      const job = await jobs.submit(request.body);
      return reply.code(202).header('location', `/api/jobs/${job.id}`).send(job);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/jobs/:id',
    {
      schema: {
        tags: ['ingest'],
        summary: "An ingestion job's progress: articles read, stored, failed, and why",
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
        response: jobResponseSchema,
      },
    },
    async (request, reply) => (await jobs.get(request.params.id)) ?? sendProblem(reply, request, 404, `No job with id "${request.params.id}".`),
  );

  app.get(
    '/api/corrections',
    { schema: { tags: ['corrections'], summary: 'Every user correction, oldest first', response: correctionsResponseSchema } },
    async () => ({ items: await store.corrections() }),
  );

  app.post<{ Body: CorrectionInput & { note?: string } }>(
    '/api/corrections',
    {
      schema: {
        tags: ['corrections'],
        summary: 'Record a correction (merge or split entities, fix a place, reject an extracted value); applied on every read',
        body: correctionBodySchema,
        response: correctionResponseSchema,
      },
    },
    async (request, reply) => {
      const { note, ...input } = request.body;
      if (input.kind === 'merge-entities' && input.from === input.into) {
        return sendProblem(reply, request, 400, 'an entity cannot be merged into itself');
      }
      if (input.kind === 'fix-place') {
        const record = gazetteerRecord(input.gazetteerId);
        if (!record) return sendProblem(reply, request, 400, `No gazetteer record with id "${input.gazetteerId}".`);
        const place = { name: record.name, lat: record.lat, lon: record.lon, country: record.country, admin1: record.admin1, kind: record.kind };
        return reply.code(201).send(await store.addCorrection(input, { note: note ?? null, place }));
      }
      return reply.code(201).send(await store.addCorrection(input, { note: note ?? null }));
    },
  );

  app.delete<{ Params: { id: number } }>(
    '/api/corrections/:id',
    {
      schema: { tags: ['corrections'], summary: 'Withdraw a correction', params: correctionParamsSchema, response: emptyResponseSchema },
    },
    async (request, reply) =>
      (await store.deleteCorrection(request.params.id))
        ? reply.code(204).send()
        : sendProblem(reply, request, 404, `No correction with id ${request.params.id}.`),
  );

  app.get<{ Querystring: GazetteerQuerystring }>(
    '/api/gazetteer',
    {
      schema: {
        tags: ['places'],
        summary: 'Gazetteer records matching a name (transliteration-aware), most populous first: candidates for fixing a place',
        querystring: gazetteerQuerySchema,
        response: gazetteerResponseSchema,
      },
    },
    async (request) => {
      const { q, limit } = request.query;
      const gazetteer = projectResources().get('gazetteer');
      const exact = gazetteer.candidates(q);
      const records = exact.length > 0 ? exact : gazetteer.fuzzyCandidates(q).map((c) => c.record);
      return { items: records.slice(0, limit).map(candidate) };
    },
  );
}
