// Metadata images built from records, as the controller would write them, for unit tests of what
// follows images (the replica manager, the partitions).
import { MetadataDelta } from '../../src/metadata/delta.js';
import type { MetadataImage } from '../../src/metadata/image.js';
import { MetadataRecordType, record, type MetadataRecord } from '../../src/metadata/records.js';

export function applyRecords(base: MetadataImage, records: MetadataRecord[]): MetadataImage {
  const delta = new MetadataDelta(base);
  for (const r of records) delta.apply(r);
  return delta.finish(base.offset + records.length, 1);
}

export function topicIdOf(name: string): string {
  return Buffer.from(name.padEnd(16, '.')).toString('base64url');
}

/** A topic and its partitions, led by the first replica of each. */
export function topicRecords(name: string, partitions: number, replicasOf: (p: number) => number[]): MetadataRecord[] {
  const topicId = topicIdOf(name);
  return [
    record(MetadataRecordType.TOPIC, { name, topicId }),
    ...Array.from({ length: partitions }, (_, partitionId) => {
      const replicas = replicasOf(partitionId);
      return record(MetadataRecordType.PARTITION, {
        partitionId, topicId, replicas, isr: replicas, removingReplicas: [], addingReplicas: [], leader: replicas[0]!,
        leaderRecoveryState: 0, leaderEpoch: 0, partitionEpoch: 0, directories: [], eligibleLeaderReplicas: null, lastKnownElr: null,
      });
    }),
  ];
}

/** A new leader for a partition (its epoch goes up when the delta applies it). */
export function leaderChange(topic: string, partitionId: number, leader: number): MetadataRecord {
  return record(MetadataRecordType.PARTITION_CHANGE, {
    partitionId, topicId: topicIdOf(topic), isr: null, leader, replicas: null, removingReplicas: null, addingReplicas: null,
    leaderRecoveryState: -1, directories: null, eligibleLeaderReplicas: null, lastKnownElr: null,
  });
}
