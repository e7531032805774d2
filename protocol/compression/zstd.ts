// Kafka's zstd: standard zstd frames (RFC 8878), no dictionary.
//
// Node 20's zlib has no zstd, so two npm packages do the work, each loaded on first use:
// - compressing: @dweb-browser/zstd-wasm, the reference libzstd compiled to wasm, which loads
//   synchronously (a few ms, once);
// - decompressing: fzstd, a small pure-JS streaming decoder. Streaming lets us stop at maxBytes,
//   which a one-shot wasm decode into a preallocated buffer cannot do for frames that do not
//   declare their size (Java's zstd-jni streams never do).
//
// fzstd allocates a frame's whole declared window (2-8 MiB for Java's output even for a 1 KiB
// batch) and moves it on every block. No back-reference can reach further than the frame's
// output, so before decoding we lower the window descriptor to the frame's output bound, capped
// by the bytes maxBytes still allows. Valid frames decode the same; memory stays bounded.
import { createRequire } from 'node:module';
import { CompressionError, corrupt, tooLarge } from './errors.js';
import { readZstdFrames, windowDescriptorFor, type ZstdFrame } from './zstd-frames.js';

/** Kafka's default compression.zstd.level. */
const LEVEL = 3;

interface ZstdWasm {
  compress(data: Uint8Array, level: number): Uint8Array;
}

interface Fzstd {
  Decompress: new (ondata: (chunk: Uint8Array, final?: boolean) => void) => { push(chunk: Uint8Array, final?: boolean): void };
}

const require = createRequire(import.meta.url);
let zstdWasm: ZstdWasm | undefined;
let fzstd: Fzstd | undefined;

function loadZstdWasm(): ZstdWasm {
  zstdWasm ??= require('@dweb-browser/zstd-wasm') as ZstdWasm;
  return zstdWasm;
}

function loadFzstd(): Fzstd {
  fzstd ??= require('fzstd') as Fzstd;
  return fzstd;
}

export function compressZstd(data: Buffer): Buffer {
  const out = loadZstdWasm().compress(data, LEVEL);
  return Buffer.from(out.buffer, out.byteOffset, out.length);
}

/** The frame's bytes, with its window lowered to what its output can use. */
function withBoundedWindow(data: Buffer, frame: ZstdFrame, budgetBytes: number): Buffer {
  const bytes = Buffer.from(data.subarray(frame.start, frame.end));
  if (frame.windowDescriptorAt < 0) return bytes;
  // A compressed block is decoded into a window-sized buffer, so keep room for a whole one.
  const neededBytes = Math.max(Math.min(frame.boundBytes, budgetBytes), frame.compressedBlockMaxBytes);
  const descriptor = windowDescriptorFor(neededBytes);
  if (descriptor < bytes[frame.windowDescriptorAt - frame.start]!) bytes[frame.windowDescriptorAt - frame.start] = descriptor;
  return bytes;
}

function decodeFrame(bytes: Buffer, budgetBytes: number, maxBytes: number, chunks: Uint8Array[]): number {
  let produced = 0;
  const { Decompress } = loadFzstd();
  const stream = new Decompress((chunk) => {
    produced += chunk.length;
    if (produced > budgetBytes) throw tooLarge(maxBytes);
    if (chunk.length > 0) chunks.push(chunk);
  });
  try {
    stream.push(bytes, true);
  } catch (e) {
    if (e instanceof CompressionError) throw e;
    // fzstd's own errors, and the TypeErrors/RangeErrors its unchecked reads turn into on hostile input.
    throw corrupt(`zstd: ${(e as Error).message}`, e);
  }
  return produced;
}

export function decompressZstd(data: Buffer, maxBytes: number): Buffer {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (const frame of readZstdFrames(data)) {
    const budgetBytes = maxBytes - total;
    if (frame.contentBytes > budgetBytes) throw tooLarge(maxBytes);
    const produced = decodeFrame(withBoundedWindow(data, frame, budgetBytes), budgetBytes, maxBytes, chunks);
    if (frame.contentBytes >= 0 && produced !== frame.contentBytes) {
      throw corrupt(`zstd frame decoded to ${produced} bytes, its header says ${frame.contentBytes}`);
    }
    total += produced;
  }
  return Buffer.concat(chunks, total);
}
