// The generated writers against a reference encoder that reads Kafka's JSON definitions directly
// (helpers/reference-encoder.ts): for every API request and response and every other message, at
// every version, seeded random values must encode to the same bytes. This catches what a round
// trip cannot: a mistake made the same way in a writer and its reader.
import { describe, expect, it } from 'vitest';
import { Writer } from '../../../../protocol/primitives/writer.js';
import { apiCodecs, messageCodecs, versionsOf, type Codec } from './helpers/codecs.js';
import { loadReference, referenceAvailable, type RefMessage } from './helpers/kafka-reference.js';
import { Prng } from './helpers/prng.js';
import { ReferenceEncoder } from './helpers/reference-encoder.js';
import { randomStruct } from './helpers/spec-values.js';

const SEEDS_PER_VERSION = 10;
// Without Kafka's definitions beside the repository this file is skipped (kafka-reference.test.ts says so).
const reference = referenceAvailable() ? loadReference() : new Map<string, RefMessage>();

function compare(c: Codec): void {
  const ref = reference.get(c.name);
  if (!ref) throw new Error(`no Kafka definition named ${c.name}`);
  const encoder = new ReferenceEncoder(ref);
  // Versions past the reference's newest are a declared extension (spec-matches-kafka checks that).
  const referenceMax = Number(/(\d+)\s*$/.exec(ref.validVersions)![1]);
  for (const version of versionsOf(c).filter((v) => v <= referenceMax)) {
    for (let i = 0; i < SEEDS_PER_VERSION; i++) {
      const seed = version * 100 + i;
      const value = randomStruct(c.section.fields, { rng: new Prng(seed), structs: c.structs, version });
      const w = new Writer(16);
      c.write(w, value, version);
      expect(w.toBuffer().toString('hex'), `${c.name} v${version} seed ${seed}`).toBe(encoder.encode(value, version).toString('hex'));
    }
  }
}

describe.skipIf(!referenceAvailable())('generated writers match a reference encoder driven by Kafka JSON', () => {
  it.each(apiCodecs().map((a) => [a.def.key, a.def.name, a] as const))('%i %s', (_key, _name, a) => {
    compare(a.request);
    compare(a.response);
  });

  it.each(messageCodecs().map((c) => [c.id, c] as const))('%s', (_id, c) => compare(c));
});
