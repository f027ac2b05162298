/** Articles: list with filters, one article with its annotations, its raw input, full-text search. */
import type { FastifyInstance } from 'fastify';
import { storylineArticles } from '../../stories/placement.js';
import type { Store } from '../../store/store.js';
import { RAW_CONTENT_SECURITY_POLICY } from '../headers.js';
import { clampLimit, sendProblem } from '../reply.js';
import {
  articleParamsSchema,
  articleResponseSchema,
  listQuerySchema,
  listResponseSchema,
  rawResponseSchema,
  searchQuerySchema,
  searchResponseSchema,
  type ArticleParams,
  type ListQuerystring,
  type SearchQuerystring,
} from '../schemas.js';
import type { ArticleDetail } from '../api.js';

const tags = ['articles'];

export async function articleRoutes(app: FastifyInstance, store: Store): Promise<void> {
  app.get<{ Querystring: ListQuerystring }>(
    '/api/articles',
    {
      schema: {
        tags,
        summary: 'List articles, newest first, filtered by outlet, publication day, entity, place or storyline',
        querystring: listQuerySchema,
        response: listResponseSchema,
      },
    },
    async (request) => {
      const { limit, offset, story, ...filters } = request.query;
      const ids = story === undefined ? undefined : await storylineArticles(store, story);
      return store.list({ limit: clampLimit(limit), offset, ...filters, ...(ids === undefined ? {} : { ids }) });
    },
  );

  app.get<{ Params: ArticleParams }>(
    '/api/articles/:id',
    {
      schema: {
        tags,
        summary: 'One article: the record with every annotation and its spans, corrections applied',
        params: articleParamsSchema,
        response: articleResponseSchema,
      },
    },
    async (request, reply) => {
      const stored = await store.get(request.params.id);
      if (!stored) return sendProblem(reply, request, 404, `No article with id "${request.params.id}".`);
      const { raw } = stored;
      const member = await store.storyOf(stored.record.id);
      const detail: ArticleDetail = {
        record: stored.record,
        // The content itself is served by /raw, as text, never inside JSON the page might render.
        raw: { input: raw.input, kind: raw.kind, encoding: raw.encoding ?? null, meta: raw.meta as Record<string, unknown> },
        duplicates: stored.duplicates,
        storedAt: stored.storedAt,
        story: member ? { storyline: member.storyline, event: member.event } : null,
        corrections: stored.corrections,
      };
      return detail;
    },
  );

  app.get<{ Params: ArticleParams }>(
    '/api/articles/:id/raw',
    {
      schema: {
        tags,
        summary: 'The raw input as it was read (HTML source or text), as text/plain',
        params: articleParamsSchema,
        response: rawResponseSchema,
      },
    },
    async (request, reply) => {
      const stored = await store.get(request.params.id);
      if (!stored) return sendProblem(reply, request, 404, `No article with id "${request.params.id}".`);
      // Raw inputs are often HTML from the open web: shown as text, never rendered, never sniffed.
      return reply
        .type('text/plain; charset=utf-8')
        .header('content-disposition', 'inline')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', RAW_CONTENT_SECURITY_POLICY)
        .send(stored.raw.content);
    },
  );

  app.get<{ Querystring: SearchQuerystring }>(
    '/api/search',
    {
      schema: {
        tags,
        summary: 'Ranked full-text search; snippets as plain text with highlight ranges',
        querystring: searchQuerySchema,
        response: searchResponseSchema,
      },
    },
    async (request, reply) => {
      const { q, limit, offset } = request.query;
      if (q.trim() === '') {
        const message = 'must contain at least one word';
        return sendProblem(reply, request, 400, `querystring/q ${message}`, [{ location: 'querystring', pointer: '/q', message }]);
      }
      return store.search(q, { limit: clampLimit(limit), offset });
    },
  );
}
