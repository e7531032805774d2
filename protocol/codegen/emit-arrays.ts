// Emits generated/scalar-arrays.ts: a reader and a writer for arrays of each scalar type and of
// strings, which the generated codecs call for such fields. A function per element type rather
// than readArray with an element function: the reads and writes in each loop see one kind of
// element and inline, where readArray's call of its element function, which every struct reader
// passes through too, stays a call (a replay's PartitionRecords, four int32 arrays and a Uuid
// array each, spent a third of their decoding there).
import { SCALARS } from './emit-struct.js';

function arrayCodec(name: string, ts: string, minBytes: number, read: string, write: string): string {
  return [
    `export function read${name}Array(r: Reader, compact: boolean): ${ts}[] | null {`,
    `  const n = r.arrayLength(compact, ${minBytes});`,
    '  if (n < 0) return null;',
    `  const out = new Array<${ts}>(n);`,
    `  for (let i = 0; i < n; i++) out[i] = ${read};`,
    '  return out;',
    '}',
    '',
    `export function write${name}Array(w: Writer, a: readonly ${ts}[] | null, compact: boolean): void {`,
    '  w.arrayLength(a === null ? null : a.length, compact);',
    `  if (a !== null) for (let i = 0; i < a.length; i++) ${write};`,
    '}',
    '',
  ].join('\n');
}

export function generateScalarArrays(): string {
  const head = [
    '// generated - do not edit: `npm run gen` writes this file (protocol/codegen/emit-arrays.ts)',
    "import type { Reader } from '../primitives/reader.js';",
    "import type { Writer } from '../primitives/writer.js';",
    '',
  ];
  const scalars = Object.values(SCALARS).map((s) => arrayCodec(s.array, s.ts, s.bytes, `r.${s.method}()`, `w.${s.method}(a[i]!)`));
  // A non-nullable string element read as null is ''.
  const strings = arrayCodec('String', 'string', 1, "r.string(compact) ?? ''", 'w.string(a[i]!, compact)');
  return [...head, ...scalars, strings].join('\n');
}
