// Every (API, version) request and response, and every (message, version) of the other
// definitions: seeded random values -> encode -> decode -> equal to the input with the fields
// absent in that version at their defaults, and re-encoding the decoded value gives the same bytes.
// A failure prints the seed; the case replays with the same seed.
import { describe, expect, it } from 'vitest';
import { Reader } from '../../../../protocol/primitives/reader.js';
import { Writer } from '../../../../protocol/primitives/writer.js';
import { apiCodecs, messageCodecs, versionsOf, type Codec } from './helpers/codecs.js';
import { Prng } from './helpers/prng.js';
import { canonical, defaultStruct, expectedAfterRoundTrip, randomStruct } from './helpers/spec-values.js';

const SEEDS_PER_VERSION = 25;

function encode(c: Codec, value: Record<string, unknown>, version: number): Buffer {
  const w = new Writer(16);
  c.write(w, value, version);
  return w.toBuffer();
}

function roundTrip(c: Codec, version: number, seed: number): void {
  const where = `${c.name} v${version} seed ${seed}`;
  const value = randomStruct(c.section.fields, { rng: new Prng(seed), structs: c.structs, version });
  const bytes = encode(c, value, version);
  const r = new Reader(bytes);
  let decoded: Record<string, unknown>;
  try {
    decoded = c.read(r, version);
  } catch (e) {
    throw new Error(`${where}: decoding ${bytes.toString('hex')} failed: ${(e as Error).message}`);
  }
  expect(r.remaining, `${where}: bytes left after decoding`).toBe(0);
  expect(canonical(decoded), where).toEqual(canonical(expectedAfterRoundTrip(c.section.fields, value, version, c.structs)));
  expect(encode(c, decoded, version).toString('hex'), `${where}: re-encoded`).toBe(bytes.toString('hex'));
}

function checkAllVersions(c: Codec): void {
  expect(canonical(c.default()), `default${c.name}()`).toEqual(canonical(defaultStruct(c.section.fields, c.structs)));
  for (const version of versionsOf(c)) {
    for (let i = 0; i < SEEDS_PER_VERSION; i++) roundTrip(c, version, (version + 1) * 1000 + i);
  }
}

describe('round trip of every API version', () => {
  it.each(apiCodecs().map((a) => [a.def.key, a.def.name, a] as const))('%i %s', (_key, _name, a) => {
    checkAllVersions(a.request);
    checkAllVersions(a.response);
  });
});

describe('round trip of every record, header and data version', () => {
  it.each(messageCodecs().map((c) => [c.id, c] as const))('%s', (_id, c) => checkAllVersions(c));
});
