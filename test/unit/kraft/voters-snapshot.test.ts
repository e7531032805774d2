// KIP-853's records in snapshots and the bootstrap snapshot `kraftling format` writes: the voters
// and kraft.version come back out of them, the metadata records are untouched, and
// --initial-controllers is read as kafka-storage reads it.
import { describe, expect, it } from 'vitest';
import { decodeSnapshot, encodeSnapshot } from '../../../src/metadata/snapshot-format.js';
import { MetadataRecordType, record } from '../../../src/metadata/records.js';
import { bootstrapVotersSnapshot, withVoters } from '../../../src/kraft/voters-snapshot.js';
import { parseInitialControllers } from '../../../src/node/bootstrap-voters.js';
import { readControlRecords } from '../../../src/raft/voter-history.js';
import { VoterSet } from '../../../src/raft/voter-set.js';
import { decodeRecordBatches } from '../../../protocol/records/record-batch.js';

const DIR_1 = Buffer.alloc(16, 1).toString('base64url');
const DIR_2 = Buffer.alloc(16, 2).toString('base64url');

describe('voters in snapshots (KIP-853)', () => {
  it('reads --initial-controllers as id@host:port:directoryId', () => {
    const voters = parseInitialControllers(`1@localhost:9192:${DIR_1},2@[::1]:9193:${DIR_2}`, 'CONTROLLER');
    expect(voters.map((v) => [v.id, v.directoryId, v.endpoints])).toEqual([
      [1, DIR_1, [{ name: 'CONTROLLER', host: 'localhost', port: 9192 }]],
      [2, DIR_2, [{ name: 'CONTROLLER', host: '::1', port: 9193 }]],
    ]);
    expect(() => parseInitialControllers('1@localhost:9192', 'CONTROLLER')).toThrow(/id@host:port:directoryId/);
    expect(() => parseInitialControllers(`1@a:1:${DIR_1},1@b:2:${DIR_2}`, 'CONTROLLER')).toThrow(/twice/);
  });

  it('the bootstrap snapshot holds kraft.version 1 and the voters, and no metadata', () => {
    const voters = new VoterSet(parseInitialControllers(`1@localhost:9192:${DIR_1},2@localhost:9193:${DIR_2}`, 'CONTROLLER'));
    const bytes = bootstrapVotersSnapshot(voters, 0);
    expect(decodeSnapshot(bytes)).toEqual([]);
    const found = readControlRecords(bytes, -1);
    expect(found.kraftVersions.map((e) => e.value)).toEqual([1]);
    expect(found.voters[0]!.value.voters).toEqual(voters.voters);
  });

  it('goes in after the header of a snapshot, with the offsets after it moved up', () => {
    const records = Array.from({ length: 5 }, (_, i) => record(MetadataRecordType.CONFIG, { resourceType: 2, resourceName: 'x', name: `k${i}`, value: null }));
    const plain = encodeSnapshot(records, 3, 0, 0);
    const voters = VoterSet.fromIds([1, 2, 3]);
    const bytes = withVoters(plain, 1, voters, 3, 0);
    expect(decodeSnapshot(bytes)).toEqual(decodeSnapshot(plain));
    const batches = decodeRecordBatches(bytes);
    const offsets = batches.flatMap((b) => b.records.map((r) => r.offset));
    expect(offsets).toEqual(offsets.map((_, i) => i));
    expect(readControlRecords(bytes, 9).voters[0]!.value.ids).toEqual([1, 2, 3]);
    // kraft.version 0 (static voters): nothing is added, as Kafka writes none.
    expect(withVoters(plain, 0, voters, 3, 0)).toEqual(plain);
  });
});
