// AlterUserScramCredentials on the controller: Kafka's per-user errors, the records it commits,
// and that replaying them (and a snapshot of the result) gives the credentials back.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { alterUserScramCredentials } from '../../../src/controller/scram-credentials.js';
import type { ControllerEnv } from '../../../src/controller/env.js';
import { MetadataDelta } from '../../../src/metadata/delta.js';
import { EMPTY_IMAGE, type MetadataImage } from '../../../src/metadata/image.js';
import { imageRecords } from '../../../src/metadata/image-records.js';
import type { MetadataRecord } from '../../../src/metadata/records.js';

const env = {} as ControllerEnv;
const upsert = (name: string, mechanism = 1, iterations = 4096) => ({ name, mechanism, iterations, salt: Buffer.from('salt'), saltedPassword: Buffer.alloc(32, 7) });

function apply(image: MetadataImage, records: MetadataRecord[]): MetadataImage {
  const delta = new MetadataDelta(image);
  for (const r of records) delta.apply(r);
  return delta.finish(image.offset + records.length, 1);
}

describe('alterUserScramCredentials', () => {
  it('stores StoredKey and ServerKey, never the salted password, and survives a snapshot', () => {
    const { records, response } = alterUserScramCredentials(env, EMPTY_IMAGE, { deletions: [], upsertions: [upsert('alice'), upsert('bob', 2, 8192)] });
    expect(response.results.map((r) => [r.user, r.errorCode])).toEqual([['alice', 0], ['bob', 0]]);
    const image = apply(EMPTY_IMAGE, records);
    const alice = image.scramCredentials.get('alice')!.get(1)!;
    expect(alice.iterations).toBe(4096);
    expect(alice.storedKey.length).toBe(32);
    expect(alice.serverKey.equals(Buffer.alloc(32, 7))).toBe(false);
    expect(apply(EMPTY_IMAGE, imageRecords(image)).scramCredentials).toEqual(image.scramCredentials);
  });

  it("answers Kafka's errors per user and changes nothing for them", () => {
    const image = apply(EMPTY_IMAGE, alterUserScramCredentials(env, EMPTY_IMAGE, { deletions: [], upsertions: [upsert('alice')] }).records);
    const { records, response } = alterUserScramCredentials(env, image, {
      deletions: [{ name: 'nobody', mechanism: 1 }, { name: 'alice', mechanism: 1 }],
      upsertions: [upsert('alice'), upsert(''), upsert('few', 1, 100), upsert('many', 1, 20000), upsert('odd', 9)],
    });
    expect(records).toEqual([]);
    expect(Object.fromEntries(response.results.map((r) => [r.user, r.errorCode]))).toEqual({
      nobody: ErrorCode.RESOURCE_NOT_FOUND,
      alice: ErrorCode.DUPLICATE_RESOURCE,
      '': ErrorCode.UNACCEPTABLE_CREDENTIAL,
      few: ErrorCode.UNACCEPTABLE_CREDENTIAL,
      many: ErrorCode.UNACCEPTABLE_CREDENTIAL,
      odd: ErrorCode.UNSUPPORTED_SASL_MECHANISM,
    });
  });

  it('deletes a credential, and the user with its last one', () => {
    const image = apply(EMPTY_IMAGE, alterUserScramCredentials(env, EMPTY_IMAGE, { deletions: [], upsertions: [upsert('alice')] }).records);
    const { records, response } = alterUserScramCredentials(env, image, { deletions: [{ name: 'alice', mechanism: 1 }], upsertions: [] });
    expect(response.results).toEqual([{ user: 'alice', errorCode: 0, errorMessage: null }]);
    expect(apply(image, records).scramCredentials.has('alice')).toBe(false);
  });
});
