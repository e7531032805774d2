// Kafka's gzip: a plain gzip stream (RFC 1952) at zlib's default level, as the Java producer's
// GZIPOutputStream writes it. Reading accepts concatenated members, as GZIPInputStream does.
import { constants } from 'node:buffer';
import { createRequire } from 'node:module';
import type zlibModule from 'node:zlib';
import { corrupt, tooLarge } from './errors.js';

// Loaded on first use: zlib's binding costs about a megabyte of resident memory in a broker whose
// clients may never send gzip.
let zlib: typeof zlibModule | undefined;
const loadZlib = (): typeof zlibModule => (zlib ??= createRequire(import.meta.url)('node:zlib') as typeof zlibModule);

export function compressGzip(data: Buffer): Buffer {
  return loadZlib().gzipSync(data);
}

export function decompressGzip(data: Buffer, maxBytes: number): Buffer {
  let out: Buffer;
  try {
    // zlib stops inflating at maxOutputLength, so a bomb costs at most maxBytes. The option must
    // lie in [1, MAX_LENGTH]; a zero-byte result is still checked below.
    out = loadZlib().gunzipSync(data, { maxOutputLength: Math.min(Math.max(maxBytes, 1), constants.MAX_LENGTH) });
  } catch (e) {
    if ((e as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes);
    throw corrupt(`gzip: ${(e as Error).message}`, e);
  }
  if (out.length > maxBytes) throw tooLarge(maxBytes);
  return out;
}
