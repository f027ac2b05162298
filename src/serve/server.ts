/**
 * The HTTP edge: a JSON API over a `Store` and the static web page.
 *
 * Every request is validated against a JSON Schema, every response goes
 * through a response schema, and every error — bad query, unknown article,
 * unknown route, store failure — is an RFC 9457 problem document. The server
 * only reads: it never writes to the store.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Store } from '../store/store.js';
import { RAW_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './headers.js';
import { PROBLEM_CONTENT_TYPE, problem, type ProblemError } from './problem.js';
import {
  MAX_PAGE_SIZE,
  articleParamsSchema,
  articleResponseSchema,
  healthResponseSchema,
  listQuerySchema,
  listResponseSchema,
  rawResponseSchema,
  searchQuerySchema,
  searchResponseSchema,
  type ArticleParams,
  type ListQuerystring,
  type SearchQuerystring,
} from './schemas.js';

export interface ServerOptions {
  /** Fastify (pino) logging: `true` for info and up, or a level. Off by default. */
  logger?: boolean | { level: string };
}

export interface StartOptions extends ServerOptions {
  /** 0 picks any free port. Default 8080. */
  port?: number;
  /** Default 127.0.0.1: the store is private unless the user binds elsewhere on purpose. */
  host?: string;
}

export interface RunningServer {
  /** Where the page is, e.g. `http://127.0.0.1:8080/`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The web page lives in src/serve/web and is not compiled, so a build in
 * dist/ finds it through the source tree.
 */
function findWebRoot(): string {
  const candidates = [new URL('./web/', import.meta.url), new URL('../../src/serve/web/', import.meta.url)].map((u) =>
    fileURLToPath(u),
  );
  const found = candidates.find((dir) => existsSync(join(dir, 'index.html')));
  if (!found) throw new Error(`web page not found: no index.html in ${candidates.join(' or ')}`);
  return found;
}

export const clampLimit = (limit: number): number => Math.min(Math.max(1, limit), MAX_PAGE_SIZE);

function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  detail: string,
  errors?: readonly ProblemError[],
): FastifyReply {
  return reply.code(status).type(PROBLEM_CONTENT_TYPE).send(problem(status, detail, request.url, errors));
}

function addSecurityHeaders(reply: FastifyReply): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    // A route may tighten a header (the raw endpoint's sandbox); never loosen it here.
    if (!reply.hasHeader(name)) reply.header(name, value);
  }
}

function validationErrors(error: FastifyError): ProblemError[] {
  const location = error.validationContext ?? 'request';
  return (error.validation ?? []).map((v) => {
    // A missing property has no path of its own: point at where it should be.
    const missing = v.keyword === 'required' ? (v.params as { missingProperty?: unknown }).missingProperty : undefined;
    const pointer = typeof missing === 'string' ? `${v.instancePath}/${missing}` : v.instancePath;
    return { location, pointer, message: v.message ?? v.keyword };
  });
}

export async function buildServer(store: Store, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // Report every failed constraint at once, not only the first.
    ajv: { customOptions: { allErrors: true } },
    // Malformed URLs (bad percent-encoding) never reach a route: answer them in the same shape.
    // These answers skip the hooks, so they get the security headers here.
    frameworkErrors: (error, request, reply) => {
      addSecurityHeaders(reply);
      sendProblem(reply, request, error.statusCode ?? 400, error.message);
    },
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    addSecurityHeaders(reply);
    return payload;
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      return sendProblem(reply, request, 400, error.message, validationErrors(error));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendProblem(reply, request, status, error.message);
    // Internal details (SQL, paths) stay in the log, not in the response.
    request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, request, 500, `The server failed while handling this request (request ${request.id}).`);
  });

  app.setNotFoundHandler((request, reply) => {
    sendProblem(reply, request, 404, `Nothing at ${request.method} ${request.url.split('?')[0]}.`);
  });

  app.get('/api/health', { schema: { response: healthResponseSchema } }, async () => {
    const counts = await store.counts();
    return { status: 'ok', ...counts };
  });

  app.get<{ Querystring: ListQuerystring }>(
    '/api/articles',
    { schema: { querystring: listQuerySchema, response: listResponseSchema } },
    async (request) => {
      const { limit, offset, outlet } = request.query;
      return store.list({ limit: clampLimit(limit), offset, ...(outlet === undefined ? {} : { outlet }) });
    },
  );

  app.get<{ Params: ArticleParams }>(
    '/api/articles/:id',
    { schema: { params: articleParamsSchema, response: articleResponseSchema } },
    async (request, reply) => {
      const stored = await store.get(request.params.id);
      if (!stored) return sendProblem(reply, request, 404, `No article with id "${request.params.id}".`);
      const { raw } = stored;
      return {
        record: stored.record,
        // The content itself is served by /raw, as text, never inside JSON the page might render.
        raw: { input: raw.input, kind: raw.kind, encoding: raw.encoding ?? null, meta: raw.meta },
        duplicates: stored.duplicates,
        storedAt: stored.storedAt,
      };
    },
  );

  app.get<{ Params: ArticleParams }>(
    '/api/articles/:id/raw',
    { schema: { params: articleParamsSchema, response: rawResponseSchema } },
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
    { schema: { querystring: searchQuerySchema, response: searchResponseSchema } },
    async (request, reply) => {
      const { q, limit, offset } = request.query;
      if (q.trim() === '') {
        const message = 'must contain at least one word';
        return sendProblem(reply, request, 400, `querystring/q ${message}`, [
          { location: 'querystring', pointer: '/q', message },
        ]);
      }
      return store.search(q, { limit: clampLimit(limit), offset });
    },
  );

  await app.register(fastifyStatic, {
    root: findWebRoot(),
    prefix: '/',
    index: 'index.html',
    // Serve the files that exist at start-up; every other path gets the problem 404.
    wildcard: false,
    // No build step and no fingerprinted names: make browsers revalidate so an update shows at once.
    cacheControl: true,
    maxAge: 0,
  });

  return app;
}

/** `http://host:port/`, with IPv6 literals bracketed and wildcard binds shown as loopback. */
function serverUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}/`;
}

export async function startServer(store: Store, options: StartOptions = {}): Promise<RunningServer> {
  const { port = 8080, host = '127.0.0.1', logger = { level: 'warn' } } = options;
  const app = await buildServer(store, { logger });
  try {
    await app.listen({ port, host });
  } catch (err) {
    await app.close();
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`cannot listen on ${host}:${port}: ${reason}`, { cause: err });
  }
  const address = app.server.address();
  const boundPort = address !== null && typeof address === 'object' ? address.port : port;
  return { url: serverUrl(host, boundPort), close: () => app.close() };
}
