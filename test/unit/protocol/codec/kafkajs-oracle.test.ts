// kafkajs 2.2.4 as an oracle, for every API and version it implements:
// - requests: kafkajs encodes a frame (its header v1 and body) from our seeded random value; our
//   registry reads the header and our codec the body, which must equal the value;
// - responses: we frame a seeded random response; kafkajs decodes the body after the correlation
//   id, as its connection does; its values, in read order, must equal ours.
// kafkajs's quirks are listed per API in helpers/kafkajs-requests.ts and helpers/kafkajs-responses.ts.
import { describe, expect, it } from 'vitest';
import { inVersions, type FieldSpec } from '../../../../protocol/codegen/spec.js';
import { camel } from '../../../../protocol/codegen/emit-struct.js';
import { readRequestFrame, writeResponseFrame } from '../../../../protocol/registry.js';
import { apiCodecs, type ApiCodecs } from './helpers/codecs.js';
import {
  decodeRecords, firstDifference, kafkajsFrame, kafkajsRequest, kafkajsResponse, kafkajsVersions, ourLeaves, theirLeaves,
} from './helpers/kafkajs.js';
import { REQUEST_MAPPINGS, type RequestMapping } from './helpers/kafkajs-requests.js';
import { avoidUnsupportedVersion, RESPONSE_QUIRKS, wireThrottleTime } from './helpers/kafkajs-responses.js';
import { Prng } from './helpers/prng.js';
import { canonical, expectedAfterRoundTrip, randomStruct, type StructTable } from './helpers/spec-values.js';

const SEEDS = 8;
const CLIENT_ID = 'oracle-é';
type Obj = Record<string, any>;

/** Replaces record bytes by the messages kafkajs decodes from them. */
async function recordsAsMessages(fields: FieldSpec[], v: Obj, version: number, structs: StructTable): Promise<void> {
  for (const f of fields) {
    const key = camel(f.name);
    if (!inVersions(version, f.versions) || v[key] === null) continue;
    const inner = structs.get(f.type.replace(/^\[\]/, ''));
    if (f.type === 'records') v[key] = await decodeRecords(v[key]);
    else if (inner) for (const e of Array.isArray(v[key]) ? v[key] : [v[key]]) await recordsAsMessages(inner, e, version, structs);
  }
}

async function checkRequest(a: ApiCodecs, m: RequestMapping, version: number, seed: number): Promise<void> {
  const where = `${a.def.name} request v${version} seed ${seed}`;
  const c = a.request;
  const value: Obj = randomStruct(c.section.fields, { rng: new Prng(seed), structs: c.structs, version });
  const request = kafkajsRequest(m.dir, version)(m.args(value, version));
  expect(request.apiVersion, where).toBe(version);
  const frame = (await kafkajsFrame({ correlationId: seed, clientId: CLIENT_ID, request })).buffer;
  const { header, body, def } = readRequestFrame(frame.subarray(4));
  expect(def, where).toBe(a.def);
  expect(header, where).toMatchObject({ requestApiKey: a.def.key, requestApiVersion: version, correlationId: seed, clientId: CLIENT_ID });
  const decoded: Obj = a.def.readRequest(body, version);
  expect(body.remaining, `${where}: bytes left`).toBe(0);
  await recordsAsMessages(c.section.fields, decoded, version, c.structs);
  expect(canonical(decoded), where).toEqual(canonical(expectedAfterRoundTrip(c.section.fields, value, version, c.structs)));
}

async function checkResponse(a: ApiCodecs, dir: string, version: number, seed: number): Promise<void> {
  const where = `${a.def.name} response v${version} seed ${seed}`;
  const c = a.response;
  const quirks = RESPONSE_QUIRKS[dir] ?? {};
  const value: Obj = randomStruct(c.section.fields, { rng: new Prng(seed), structs: c.structs, version });
  avoidUnsupportedVersion(value);
  await quirks.prepare?.(value, version);
  const frame = Buffer.concat(writeResponseFrame(a.def, version, seed, value));
  expect(frame.readInt32BE(4), where).toBe(seed);
  const decoded = await kafkajsResponse(dir, version).decode(frame.subarray(8));
  wireThrottleTime(decoded);
  quirks.theirs?.(decoded, version);
  await recordsAsMessages(c.section.fields, value, version, c.structs);
  const difference = firstDifference(
    ourLeaves(c.section.fields, value, version, c.structs, quirks.skipOurs ?? []),
    theirLeaves(decoded, quirks.dropTheirs?.(version) ?? []),
  );
  expect(difference, where).toBeUndefined();
}

describe('kafkajs 2.2.4 as an oracle', () => {
  const apis = apiCodecs();
  const cases = REQUEST_MAPPINGS.map((m) => {
    const a = apis.find((x) => x.def.key === m.key);
    if (!a) throw new Error(`no codec for API key ${m.key}`);
    return [a.def.name, m, a] as const;
  });

  it.each(cases)('%s requests', async (_name, m, a) => {
    for (const version of kafkajsVersions(m.dir)) {
      for (let i = 0; i < SEEDS; i++) await checkRequest(a, m, version, version * 100 + i);
    }
  });

  it.each(cases)('%s responses', async (_name, m, a) => {
    for (const version of kafkajsVersions(m.dir)) {
      for (let i = 0; i < SEEDS; i++) await checkResponse(a, m.dir, version, version * 100 + i);
    }
  });
});
