/**
 * The HTTP edge: a JSON API over a `Store`, its OpenAPI document (/openapi.json,
 * browsable at /docs), and the web UI.
 *
 * Every request is validated against a JSON Schema, every response goes
 * through a response schema, and every error — bad query, unknown article,
 * unknown route, store failure — is an RFC 9457 problem document. The server
 * writes to the store only for ingestion jobs and corrections.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { Store } from '../store/store.js';
import { DOCS_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './headers.js';
import type { ProblemError } from './problem.js';
import { sendProblem } from './reply.js';
import { articleRoutes } from './routes/articles.js';
import { entityRoutes } from './routes/entities.js';
import { exportRoutes } from './routes/exports.js';
import { storyRoutes } from './routes/stories.js';
import { workbenchRoutes } from './routes/workbench.js';
import { IngestJobs, type JobRunner } from './jobs.js';
import { ArticleRecordSchema, ARTICLE_RECORD_ID } from '../core/contract.js';
import { healthResponseSchema } from './schemas.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface ServerOptions {
  /** Fastify (pino) logging: `true` for info and up, or a level. Off by default. */
  logger?: boolean | { level: string };
  /** Where ingestion jobs run; default: in this process, one at a time (`IngestJobs`). */
  jobs?: JobRunner;
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
 * The web UI is built by Vite into dist/web; the server finds it next to its
 * own module in a build, or under dist/ when run from source.
 */
function findWebRoot(): string | null {
  const candidates = [new URL('../web/', import.meta.url), new URL('../../dist/web/', import.meta.url)].map((u) => fileURLToPath(u));
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
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
    // Report every failed constraint at once, not only the first; refuse unknown properties instead of
    // silently dropping them (which also keeps `oneOf` bodies intact); pick a `oneOf` branch by its `kind`.
    ajv: { customOptions: { allErrors: true, removeAdditional: false, discriminator: true } },
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

  // The record's one schema (src/core/contract.ts): routes refer to it by `$id`, and /openapi.json
  // lists it as the `ArticleRecord` component, as it is (OpenAPI 3.1 schemas are JSON Schema).
  app.addSchema(ArticleRecordSchema);
  await app.register(fastifySwagger, {
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (json.$id === ARTICLE_RECORD_ID ? ARTICLE_RECORD_ID : `def-${i}`) },
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'newsgraph API',
        version: VERSION,
        description:
          'Articles with their annotations, entities, places, storylines, ingestion jobs, corrections and exports. ' +
          'Lists are paginated with `limit` and `offset`; errors are RFC 9457 problem documents.',
      },
      tags: ['articles', 'stories', 'entities', 'places', 'ingest', 'corrections', 'exports', 'health'].map((name) => ({ name })),
    },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    // The docs page loads only its own scripts and styles; its bundled UI sets inline styles, nothing else is loosened.
    staticCSP: true,
    transformStaticCSP: () => DOCS_CONTENT_SECURITY_POLICY,
    uiConfig: { deepLinking: false },
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/api/health', { schema: { tags: ['health'], summary: 'Liveness and store counts', response: healthResponseSchema } }, async () => {
    const counts = await store.counts();
    return { status: 'ok', ...counts };
  });

  const jobs = options.jobs ?? new IngestJobs(store);
  await articleRoutes(app, store);
  await storyRoutes(app, store);
  await entityRoutes(app, store);
  await workbenchRoutes(app, store, jobs);
  await exportRoutes(app, store);
  app.addHook('onClose', async () => jobs.idle());

  const webRoot = findWebRoot();
  if (webRoot) {
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      index: 'index.html',
      // Serve the files that exist at start-up; every other path gets the problem 404.
      wildcard: false,
      cacheControl: true,
      maxAge: 0,
    });
  } else {
    app.get('/', { schema: { hide: true } }, async (request, reply) =>
      sendProblem(reply, request, 503, 'The web UI is not built: run `npm run build`. The JSON API is under /api/ and documented at /docs.'),
    );
  }

  return app;
}

/** `http://host:port/`, with IPv6 literals bracketed and wildcard binds shown as loopback. */
function serverUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}/`;
}

export async function startServer(store: Store, options: StartOptions = {}): Promise<RunningServer> {
  const { port = 8080, host = '127.0.0.1', logger = { level: 'warn' } } = options;
  const app = await buildServer(store, { logger, ...(options.jobs ? { jobs: options.jobs } : {}) });
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
