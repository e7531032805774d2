// Kafka's checkpoint text format, shared by leader-epoch-checkpoint, log-start-offset-checkpoint and
// recovery-point-offset-checkpoint:
//
//   <version>\n<entry count>\n<entry>\n...     entries are space-separated fields
//
// Files are replaced atomically (temp file, fsync, rename, fsync of the directory), so a reader sees
// the old or the new content, never a mix.
import type { FileSystem } from './file-system.js';

const CHECKPOINT_VERSION = 0;

export function formatCheckpoint(entries: readonly (readonly (string | number)[])[]): Buffer {
  const lines = [String(CHECKPOINT_VERSION), String(entries.length), ...entries.map((e) => e.join(' '))];
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

/** The entries' fields, or undefined when the text is not a version-0 checkpoint of that shape. */
export function parseCheckpoint(text: string, fieldCount: number): string[][] | undefined {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines[0] !== String(CHECKPOINT_VERSION)) return undefined;
  const count = Number(lines[1]);
  if (!Number.isSafeInteger(count) || count < 0 || lines.length !== count + 2) return undefined;
  const entries = lines.slice(2).map((line) => line.split(' '));
  return entries.every((fields) => fields.length === fieldCount) ? entries : undefined;
}

/** Parses a non-negative integer field (offsets, epochs, partitions); undefined if it is not one. */
export function parseCount(field: string): number | undefined {
  if (!/^\d+$/.test(field)) return undefined;
  const value = Number(field);
  return Number.isSafeInteger(value) ? value : undefined;
}

export type CheckpointRead =
  | { kind: 'missing' }
  | { kind: 'malformed' }
  | { kind: 'ok'; entries: string[][] };

export function readCheckpoint(fs: FileSystem, path: string, fieldCount: number): CheckpointRead {
  if (fs.stat(path) === undefined) return { kind: 'missing' };
  const entries = parseCheckpoint(fs.readFile(path).toString('utf8'), fieldCount);
  return entries === undefined ? { kind: 'malformed' } : { kind: 'ok', entries };
}
