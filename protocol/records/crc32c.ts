// CRC-32C (Castagnoli), the checksum of RecordBatch v2. The native module uses the CPU's CRC
// instruction (several GB/s); where it cannot load, the pure-JS table version is used. Loaded on
// first use: finding the right native binary costs more than the rest of the broker's start-up.
import { createRequire } from 'node:module';

type Crc32c = (data: Uint8Array) => number;

const require = createRequire(import.meta.url);

/** The prebuilt binary for this platform directly (glibc first), else the package's own loader. */
function loadNative(): { crc32c: (data: Buffer) => number } {
  if (process.platform === 'linux') {
    try {
      return require(`@node-rs/crc32-linux-${process.arch}-gnu`) as { crc32c: (data: Buffer) => number };
    } catch {
      // Not glibc, or not this arch: the package's loader knows the other variants.
    }
  }
  return require('@node-rs/crc32') as { crc32c: (data: Buffer) => number };
}

function load(): Crc32c {
  try {
    const native = loadNative();
    return (data) => native.crc32c(data as Buffer) >>> 0;
  } catch {
    const js = require('crc-32/crc32c') as { buf: (data: Uint8Array) => number };
    return (data) => js.buf(data) >>> 0;
  }
}

let impl: Crc32c | undefined;

/** CRC-32C of buf[start, end). */
export function crc32c(buf: Buffer, start = 0, end = buf.length): number {
  impl ??= load();
  return impl(start === 0 && end === buf.length ? buf : buf.subarray(start, end));
}
