import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problem, type ProblemError } from './problem.js';
import { MAX_PAGE_SIZE } from './schemas.js';

export const clampLimit = (limit: number): number => Math.min(Math.max(1, limit), MAX_PAGE_SIZE);

/** Answers with an RFC 9457 problem document. */
export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  detail: string,
  errors?: readonly ProblemError[],
): FastifyReply {
  return reply.code(status).type(PROBLEM_CONTENT_TYPE).send(problem(status, detail, request.url, errors));
}

/** A page of a list computed in memory. */
export function pageOf<T>(all: readonly T[], limit: number, offset: number): { items: T[]; total: number; limit: number; offset: number } {
  return { items: all.slice(offset, offset + limit), total: all.length, limit, offset };
}
