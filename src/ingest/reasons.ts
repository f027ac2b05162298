/** Human-readable reasons for error items: sizes, durations, OS errors. */
import { getSystemErrorMap } from 'node:util';

const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** 52428800 -> '50 MiB', 1536 -> '1.5 KiB'. Binary units, named as such, so limits read exactly. */
export function formatSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 ? String(value) : String(Number(value.toFixed(1)));
  return `${shown} ${UNITS[unit]}`;
}

/** 15000 -> '15 s', 250 -> '0.25 s'. */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

interface SystemError {
  readonly code?: unknown;
  readonly errno?: unknown;
  readonly message?: unknown;
}

/**
 * The OS reason of a file-system error without the path Node appends
 * ("ENOENT: no such file or directory"), since the error item names the path.
 */
export function osReason(error: unknown): string {
  const err = (typeof error === 'object' && error !== null ? error : {}) as SystemError;
  if (typeof err.errno === 'number') {
    const known = getSystemErrorMap().get(err.errno);
    if (known) return `${known[0]}: ${known[1]}`;
  }
  if (typeof err.code === 'string' && typeof err.message === 'string') {
    return err.message.split(', ')[0] ?? err.code;
  }
  return errorMessage(error);
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
