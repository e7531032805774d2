// Usage errors and the checks behind them: one line that names what is wrong and what is accepted,
// with the nearest valid name for a misspelt one. A usage error exits 2, a runtime failure 1.
import fs from 'node:fs';
import path from 'node:path';
import { nearest } from '../src/config/nearest-name.js';

export class UsageError extends Error {
  readonly code = 'KRAFTLING_USAGE';
}

/** An integer flag from `min` to `max`; undefined when it is not given. The tools' counts, ids and
 * offsets all go through here, so each refuses "1.5", "-1" or "ten" with the same line. */
export function intFlag(values: Record<string, unknown>, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`--${name} takes an integer ${range}, got "${String(v)}"`);
  }
  return n;
}

/** A flag that must be given. */
export function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}


/** " (did you mean X?)" or nothing. */
export function suggestion(name: string, candidates: Iterable<string>): string {
  const n = nearest(name, candidates);
  return n === undefined ? '' : ` (did you mean ${n}?)`;
}

/**
 * A data directory must be a directory this process can write in (or be creatable). Checked before
 * anything starts, so the answer is one clear line rather than an error from deep in storage.
 */
export function checkDataDir(dir: string): void {
  let at = path.resolve(dir);
  for (;;) {
    const stat = fs.statSync(at, { throwIfNoEntry: false });
    if (stat) {
      if (!stat.isDirectory()) throw new UsageError(`--data-dir ${dir}: ${at} is not a directory`);
      try {
        fs.accessSync(at, fs.constants.W_OK | fs.constants.X_OK);
      } catch {
        throw new UsageError(`--data-dir ${dir}: ${at} is not writable`);
      }
      return;
    }
    const parent = path.dirname(at);
    if (parent === at) return;
    at = parent;
  }
}
