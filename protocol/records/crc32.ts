// CRC-32 (IEEE), the checksum of legacy messages (magic 0 and 1). Node's zlib computes it natively
// from 20.15 on; older Node 20 releases fall back to the pure-JS table version.
import { createRequire } from 'node:module';

type Crc32 = (data: Uint8Array) => number;

function load(): Crc32 {
  // Required here rather than imported: legacy messages are rare, and zlib's binding is not free.
  const zlib = createRequire(import.meta.url)('node:zlib') as object;
  const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
  if (typeof native === 'function') return (data) => native(data) >>> 0;
  const js = createRequire(import.meta.url)('crc-32') as { buf: (data: Uint8Array) => number };
  return (data) => js.buf(data) >>> 0;
}

let impl: Crc32 | undefined;

/** CRC-32 of buf[start, end). */
export function crc32(buf: Buffer, start = 0, end = buf.length): number {
  impl ??= load();
  return impl(start === 0 && end === buf.length ? buf : buf.subarray(start, end));
}
