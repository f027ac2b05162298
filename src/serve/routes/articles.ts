/** Articles: list with filters, one article with its annotations, its raw input, full-text search. */
import type { FastifyInstance } from 'fastify';
import { storylineArticles } from '../../stories/placement.js';
import type { Store } from '../../store/store.js';
import { splitSentences } from '../../nlp/sentences.js';
import { tokenize } from '../../nlp/tokens.js';
import { parseSentence } from '../../nlp/syntax/index.js';
import { projectResources } from '../../pipeline/resources.js';
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
  syntaxQuerySchema,
  syntaxResponseSchema,
  type ArticleParams,
  type SyntaxQuerystring,
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

  app.get<{ Params: ArticleParams; Querystring: SyntaxQuerystring }>(
    '/api/articles/:id/syntax',
    {
      schema: {
        tags,
        summary: "One sentence of the article parsed on request: UD words, part-of-speech tags, lemmas, dependency heads and relations (the tagger and parser load with the first such request)",
        params: articleParamsSchema,
        querystring: syntaxQuerySchema,
        response: syntaxResponseSchema,
      },
    },
    async (request, reply) => {
      const stored = await store.get(request.params.id);
      if (!stored) return sendProblem(reply, request, 404, `No article with id "${request.params.id}".`);
      const text = stored.record.text;
      const sentences = splitSentences(text);
      const n = request.query.sentence;
      const sentence = sentences[n];
      if (!sentence) return sendProblem(reply, request, 404, `Article "${request.params.id}" has ${sentences.length} sentences; there is no sentence ${n}.`);
      const tokens = tokenize(text, [sentence]);
      const resources = projectResources();
      const syntax = parseSentence(n, tokens, 0, resources.get('tagger'), resources.get('parser'));
      const words = [...syntax.start].map((start, i) => ({
        form: text.slice(start, syntax.end[i]),
        start,
        end: syntax.end[i]!,
        lemma: syntax.lemma[i] ?? '',
        upos: syntax.tables.upos[syntax.upos[i]!] ?? '',
        xpos: syntax.tables.xpos[syntax.xpos[i]!] ?? '',
        head: syntax.head[i]!,
        deprel: syntax.tables.deprel[syntax.deprel[i]!] ?? '',
      }));
      return { article: stored.record.id, sentences: sentences.length, sentence: n, start: sentence.start, end: sentence.end, text: sentence.text, words };
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
