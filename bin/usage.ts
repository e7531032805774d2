// Usage errors and the checks behind them: one line that names what is wrong and what is accepted,
// with the nearest valid name for a misspelt one. A usage error exits 2, a runtime failure 1.
import fs from 'node:fs';
import path from 'node:path';

export class UsageError extends Error {
  readonly code = 'KRAFTLING_USAGE';
}

/** pino's levels, plus silent. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/** Levenshtein distance: how many single-character edits turn a into b. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}

/** The candidate nearest to a misspelt name, when it is near enough to be what was meant. */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  // A third of the name's length: "--nodse" finds "--nodes", "--xyz" finds nothing.
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
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
