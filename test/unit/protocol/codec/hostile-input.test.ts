// Hostile input for every decoder (each API's requests and responses at every version, every other
// definition, the headers and request frames): random bytes, every truncation of a valid encoding,
// and valid encodings with bytes overwritten. A decoder may succeed or throw DecodeError, nothing
// else. Lengths are checked against the bytes that remain before anything is allocated, so huge
// length prefixes fail fast instead of allocating (the Reader tests pin that down directly).
// Iterations are bounded and seeded; a failure names the seed and the input.
import { describe, expect, it } from 'vitest';
import { readRequestFrame } from '../../../../protocol/registry.js';
import { readRequestHeader } from '../../../../protocol/generated/header/request-header.js';
import { readResponseHeader } from '../../../../protocol/generated/header/response-header.js';
import { DecodeError, Reader } from '../../../../protocol/primitives/reader.js';
import { Writer } from '../../../../protocol/primitives/writer.js';
import { apiCodecs, messageCodecs, versionsOf, type Codec } from './helpers/codecs.js';
import { Prng } from './helpers/prng.js';
import { randomStruct } from './helpers/spec-values.js';

const RANDOM_INPUTS = 60;
const VALID_ENCODINGS = 4;
const MUTATIONS = 60;
/** Long encodings are cut at this many evenly spaced points rather than at every byte. */
const MAX_CUTS = 256;

/** Decodes, and fails the test on any exception other than DecodeError or a read past the end. */
function mustOnlyThrowDecodeError(what: string, input: Buffer, decode: (r: Reader) => unknown): void {
  const r = new Reader(input);
  try {
    decode(r);
  } catch (e) {
    if (e instanceof DecodeError) return;
    expect.fail(`${what}: ${(e as Error).name}: ${(e as Error).message} on input ${input.toString('hex')}`);
  }
  if (r.pos > r.end) expect.fail(`${what}: read to ${r.pos}, past the end ${r.end} of ${input.toString('hex')}`);
}

/** Random bytes, biased towards the values that matter in length prefixes and varints. */
function hostileBytes(rng: Prng, n: number): Buffer {
  const b = rng.bytes(n);
  for (let i = 0; i < n; i++) if (rng.chance(0.3)) b[i] = rng.pick([0x00, 0x01, 0x7f, 0x80, 0xff]);
  return b;
}

function encode(c: Codec, version: number, rng: Prng): Buffer {
  const w = new Writer(64);
  c.write(w, randomStruct(c.section.fields, { rng, structs: c.structs, version }), version);
  return Buffer.from(w.toBuffer());
}

function attack(c: Codec, version: number, seed: number): void {
  const rng = new Prng(seed);
  const what = (kind: string): string => `${c.name} v${version} seed ${seed} (${kind})`;
  const decode = (r: Reader): unknown => c.read(r, version);
  for (let i = 0; i < RANDOM_INPUTS; i++) {
    mustOnlyThrowDecodeError(what('random bytes'), hostileBytes(rng, rng.pick([0, 1, 2, 5, 9, 17, 40, 100])), decode);
  }
  for (let e = 0; e < VALID_ENCODINGS; e++) {
    const valid = encode(c, version, rng);
    const step = Math.max(1, Math.ceil(valid.length / MAX_CUTS));
    for (let cut = 0; cut < valid.length; cut += step) mustOnlyThrowDecodeError(what(`cut at ${cut}`), valid.subarray(0, cut), decode);
    for (let m = 0; m < MUTATIONS && valid.length > 0; m++) {
      const bad = Buffer.from(valid);
      for (let k = rng.between(1, 3); k > 0; k--) bad[rng.below(bad.length)] = rng.pick([0x00, 0x7f, 0x80, 0xff, rng.below(256)]);
      mustOnlyThrowDecodeError(what('overwritten bytes'), bad, decode);
    }
  }
}

describe('decoders given hostile input throw only DecodeError', () => {
  it.each(apiCodecs().map((a) => [a.def.key, a.def.name, a] as const))('%i %s', (_key, _name, a) => {
    for (const version of versionsOf(a.def)) {
      attack(a.request, version, a.def.key * 1000 + version);
      attack(a.response, version, a.def.key * 1000 + 500 + version);
    }
  });

  it('every record, header and data message', () => {
    for (const c of messageCodecs()) {
      for (const version of versionsOf(c)) attack(c, version, version);
    }
  });

  it('request and response headers, and whole request frames', () => {
    const rng = new Prng(7);
    for (let i = 0; i < 3000; i++) {
      const input = hostileBytes(rng, rng.pick([0, 3, 8, 9, 10, 12, 16, 30, 64]));
      const v = rng.below(3);
      mustOnlyThrowDecodeError(`request header v${v} seed 7 #${i}`, input, (r) => readRequestHeader(r, v));
      mustOnlyThrowDecodeError(`response header v${v % 2} seed 7 #${i}`, input, (r) => readResponseHeader(r, v % 2));
      // A frame starts with a real API key and version often enough to reach the header's flexible part.
      if (rng.chance(0.5) && input.length >= 4) input.writeInt16BE(rng.below(83), 0);
      mustOnlyThrowDecodeError(`request frame seed 7 #${i}`, input, (r) => readRequestFrame(r.buf));
    }
  });
});
