import { STATUS_CODES } from 'node:http';

/**
 * RFC 9457 problem details. Every error the API returns has this shape and
 * the `application/problem+json` media type, so clients need one error path.
 * `type` is `about:blank`: the status code says what kind of problem it is,
 * `detail` says what went wrong with this request.
 */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  /** For validation problems: each failed constraint. */
  readonly errors?: readonly ProblemError[];
}

export interface ProblemError {
  /** Which part of the request: 'querystring', 'params', 'body', 'headers'. */
  readonly location: string;
  /** JSON Pointer into that part, e.g. '/limit'. */
  readonly pointer: string;
  readonly message: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function problem(status: number, detail: string, instance: string, errors?: readonly ProblemError[]): Problem {
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    instance,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}
