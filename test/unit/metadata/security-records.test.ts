// ACL and delegation-token records: replayed into the image, removed by their remove records, and
// kept by a snapshot (its records rebuild the same image).
import { describe, expect, it } from 'vitest';
import { MetadataDelta } from '../../../src/metadata/delta.js';
import { EMPTY_IMAGE, type MetadataImage } from '../../../src/metadata/image.js';
import { imageRecords } from '../../../src/metadata/image-records.js';
import { decodeMetadataRecord, encodeMetadataRecord, MetadataRecordType, record, type MetadataRecord } from '../../../src/metadata/records.js';

function replay(records: MetadataRecord[], base: MetadataImage = EMPTY_IMAGE): MetadataImage {
  const delta = new MetadataDelta(base);
  for (const r of records) delta.apply(decodeMetadataRecord(encodeMetadataRecord(r)));
  return delta.finish(base.offset + records.length, 1);
}

const aclRecord = (id: string, resourceName: string) => record(MetadataRecordType.ACCESS_CONTROL_ENTRY, {
  id, resourceType: 2, resourceName, patternType: 3, principal: 'User:alice', host: '*', operation: 3, permissionType: 3,
});
const token = (tokenId: string) => record(MetadataRecordType.DELEGATION_TOKEN, {
  owner: 'User:alice', requester: 'User:alice', renewers: ['User:bob'], issueTimestamp: 1, maxTimestamp: 100, expirationTimestamp: 50, tokenId,
});

describe('security records in the image', () => {
  it('adds and removes ACLs and tokens, and a snapshot keeps them', () => {
    const image = replay([
      aclRecord('AAAAAAAAAAAAAAAAAAAAAg', 'a'), aclRecord('AAAAAAAAAAAAAAAAAAAAAw', 'b'),
      record(MetadataRecordType.REMOVE_ACCESS_CONTROL_ENTRY, { id: 'AAAAAAAAAAAAAAAAAAAAAg' }),
      token('t1'), token('t2'),
      record(MetadataRecordType.REMOVE_DELEGATION_TOKEN, { tokenId: 't1' }),
    ]);
    expect([...image.acls.values()].map((a) => a.resourceName)).toEqual(['b']);
    expect([...image.delegationTokens.keys()]).toEqual(['t2']);
    const rebuilt = replay(imageRecords(image));
    expect({ ...rebuilt, offset: 0 }).toEqual({ ...image, offset: 0 });
  });
});
