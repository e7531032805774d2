// Fencing a broker moves its leaderships and takes it out of every ISR but the ones it is the last
// member of; those records leave the ISR unnamed (unchanged), as Kafka's PartitionChangeBuilder does.
import { describe, expect, it } from 'vitest';
import { fenceBroker } from '../../../src/controller/brokers.js';
import { MetadataRecordType, type MetadataRecord } from '../../../src/metadata/records.js';
import { applyRecords, partitionOf, world } from './harness.js';

describe('fenceBroker', () => {
  it('moves leadership to another ISR member, and leaves a partition whose last ISR member it is leaderless with its ISR unnamed', () => {
    const image = world(2, 't', (p) => (p === 0 ? [1] : [1, 2]), 2);
    const records = fenceBroker(image, 1);
    const changes = records.filter((r): r is Extract<MetadataRecord, { type: MetadataRecordType.PARTITION_CHANGE }> => r.type === MetadataRecordType.PARTITION_CHANGE);
    expect(changes.map((r) => [r.data.partitionId, r.data.leader, r.data.isr])).toEqual([[0, -1, null], [1, 2, [2]]]);
    const after = applyRecords(image, records);
    expect(partitionOf(after, 't', 0)).toMatchObject({ leader: -1, isr: [1], leaderEpoch: 1 });
    expect(partitionOf(after, 't', 1)).toMatchObject({ leader: 2, isr: [2], leaderEpoch: 1 });
    expect(after.brokers.get(1)!.fenced).toBe(true);
  });
});
