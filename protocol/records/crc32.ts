// CRC-32 (IEEE), the checksum of legacy messages (magic 0 and 1). Node's zlib computes it natively
// from 20.15 on; older Node 20 releases fall back to the pure-JS table version.
import { createRequire } from 'node:module';
import * as zlib from 'node:zlib';

type Crc32 = (data: Uint8Array) => number;

function load(): Crc32 {
  const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
  if (typeof native === 'function') return (data) => native(data) >>> 0;
  const js = createRequire(import.meta.url)('crc-32') as { buf: (data: Uint8Array) => number };
  return (data) => js.buf(data) >>> 0;
}

const impl = load();

/** CRC-32 of buf[start, end). */
export function crc32(buf: Buffer, start = 0, end = buf.length): number {
  return impl(start === 0 && end === buf.length ? buf : buf.subarray(start, end));
}
