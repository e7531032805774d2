// CRC-32C (Castagnoli), the checksum of RecordBatch v2. The native module uses the CPU's CRC
// instruction (several GB/s); where it cannot load, the pure-JS table version is used.
import { createRequire } from 'node:module';

type Crc32c = (data: Uint8Array) => number;

const require = createRequire(import.meta.url);

function load(): Crc32c {
  try {
    const native = require('@node-rs/crc32') as { crc32c: (data: Buffer) => number };
    return (data) => native.crc32c(data as Buffer) >>> 0;
  } catch {
    const js = require('crc-32/crc32c') as { buf: (data: Uint8Array) => number };
    return (data) => js.buf(data) >>> 0;
  }
}

const impl = load();

/** CRC-32C of buf[start, end). */
export function crc32c(buf: Buffer, start = 0, end = buf.length): number {
  return impl(start === 0 && end === buf.length ? buf : buf.subarray(start, end));
}
