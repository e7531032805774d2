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

/** A checkpoint's `topic partition offset` entries, field by field, in file order. */
export interface OffsetLines {
  topics: string[];
  partitions: number[];
  offsets: number[];
}

/**
 * A checkpoint's `topic partition offset` entries in file order, or undefined when the text is not
 * a version-0 checkpoint of that shape (as parseCheckpoint and parseCount decide). Read by hand,
 * with no array per line or field and no regular expression: a start with 100,000 partitions reads
 * two of these, which took 160 ms each that way.
 */
export function parseOffsetLines(text: string): OffsetLines | undefined {
  // One final newline ends the last line; an empty line after it is a line too many.
  const end = text.endsWith('\n') ? text.length - 1 : text.length;
  let at = 0;
  const lineEnd = (): number => {
    const newline = text.indexOf('\n', at);
    return newline < 0 || newline > end ? end : newline;
  };
  let e = lineEnd();
  if (e - at !== 1 || text.charCodeAt(at) !== 48 + CHECKPOINT_VERSION) return undefined;
  at = e + 1;
  if (at > end) return undefined;
  e = lineEnd();
  const count = digitsAt(text, at, e);
  if (count === undefined) return undefined;
  at = e + 1;
  // Sized once: grown a push at a time, the arrays of 100,000 lines were copied into fresh memory
  // again and again. n lines take at least 5n - 1 characters (" 0 0" each, and newlines between),
  // so a count the text cannot hold is refused before it allocates anything.
  if (count > (end - at + 2) / 5) return undefined;
  const lines: OffsetLines = { topics: new Array<string>(count), partitions: new Array<number>(count), offsets: new Array<number>(count) };
  // Lines of one topic follow each other (each log's in turn): a line naming the topic of the line
  // before gets that line's string, not a slice of its own.
  let topic = '';
  for (let i = 0; i < count; i++) {
    if (at > end) return undefined;
    e = lineEnd();
    const first = text.indexOf(' ', at);
    const second = first < 0 || first >= e ? -1 : text.indexOf(' ', first + 1);
    if (second < 0 || second >= e) return undefined;
    // A third space makes the offset field fail its digits.
    const partition = digitsAt(text, first + 1, second);
    const offset = digitsAt(text, second + 1, e);
    if (partition === undefined || offset === undefined) return undefined;
    if (first - at !== topic.length || !text.startsWith(topic, at)) topic = text.slice(at, first);
    lines.topics[i] = topic;
    lines.partitions[i] = partition;
    lines.offsets[i] = offset;
    at = e + 1;
  }
  return at > end ? lines : undefined;
}

/** text[from, to) as a non-negative safe integer of decimal digits, else undefined (parseCount's rule). */
function digitsAt(text: string, from: number, to: number): number | undefined {
  if (from >= to) return undefined;
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return Number.isSafeInteger(value) ? value : undefined;
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
