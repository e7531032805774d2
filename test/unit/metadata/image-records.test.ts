// A snapshot's records rebuild the image they were taken from.
import { describe, expect, it } from 'vitest';
import { MetadataDelta } from '../../../src/metadata/delta.js';
import { EMPTY_IMAGE, type MetadataImage } from '../../../src/metadata/image.js';
import { imageRecords } from '../../../src/metadata/image-records.js';
import { MetadataRecordType, record, type MetadataRecord } from '../../../src/metadata/records.js';

function replay(records: MetadataRecord[], base: MetadataImage = EMPTY_IMAGE): MetadataImage {
  const delta = new MetadataDelta(base);
  for (const r of records) delta.apply(r);
  return delta.finish(base.offset + records.length, 1);
}

const broker = (id: number) => record(MetadataRecordType.REGISTER_BROKER, {
  brokerId: id, isMigratingZkBroker: false, incarnationId: 'AAAAAAAAAAAAAAAAAAAAAw', brokerEpoch: 10 + id,
  endPoints: [{ name: 'PLAINTEXT', host: 'localhost', port: 9090 + id, securityProtocol: 0 }], features: [],
  rack: null, fenced: true, inControlledShutdown: false, logDirs: [],
});

const partition = (topicId: string, partitionId: number, replicas: number[]) => record(MetadataRecordType.PARTITION, {
  partitionId, topicId, replicas, isr: replicas, removingReplicas: [], addingReplicas: [], leader: replicas[0]!,
  leaderRecoveryState: 0, leaderEpoch: 0, partitionEpoch: 0, directories: [], eligibleLeaderReplicas: null, lastKnownElr: null,
});

const change = (topicId: string, partitionId: number, leader: number, isr: number[] | null) => record(MetadataRecordType.PARTITION_CHANGE, {
  partitionId, topicId, isr, leader, replicas: null, removingReplicas: null, addingReplicas: null, leaderRecoveryState: -1,
  directories: null, eligibleLeaderReplicas: null, lastKnownElr: null,
});

describe('imageRecords', () => {
  it('replays to the same image', () => {
    const t1 = 'dGhpcy1pcy10b3BpYy0xAA';
    const t2 = 'dGhpcy1pcy10b3BpYy0yAA';
    const image = replay([
      record(MetadataRecordType.FEATURE_LEVEL, { name: 'metadata.version', featureLevel: 19 }),
      broker(1), broker(2), broker(3),
      record(MetadataRecordType.UNFENCE_BROKER, { id: 1, epoch: 11 }),
      record(MetadataRecordType.UNFENCE_BROKER, { id: 2, epoch: 12 }),
      record(MetadataRecordType.TOPIC, { name: 'a', topicId: t1 }),
      partition(t1, 0, [1, 2, 3]), partition(t1, 1, [2, 3, 1]),
      record(MetadataRecordType.TOPIC, { name: 'b', topicId: t2 }),
      partition(t2, 0, [3]),
      record(MetadataRecordType.CONFIG, { resourceType: 2, resourceName: 'a', name: 'retention.ms', value: '1000' }),
      record(MetadataRecordType.CONFIG, { resourceType: 4, resourceName: '', name: 'log.retention.bytes', value: '5' }),
      change(t1, 0, 2, [2, 3]), change(t1, 1, -2, [2]),
      record(MetadataRecordType.FENCE_BROKER, { id: 2, epoch: 12 }),
      record(MetadataRecordType.REMOVE_TOPIC, { topicId: t2 }),
      record(MetadataRecordType.PRODUCER_IDS, { brokerId: 1, brokerEpoch: 11, nextProducerId: 2000 }),
    ]);
    const rebuilt = replay(imageRecords(image));
    const comparable = (i: MetadataImage) => ({ ...i, offset: 0, epoch: 0 });
    expect(comparable(rebuilt)).toEqual(comparable(image));
    expect(image.topicsByName.get('a')!.partitions[0]).toMatchObject({ leader: 2, leaderEpoch: 1, partitionEpoch: 1, isr: [2, 3] });
  });

  it('keeps a reassignment in progress, and forgets a finished one alike in log and snapshot', () => {
    const t = 'dGhpcy1pcy10b3BpYy0xAA';
    const reassignment = (replicas: number[] | null, adding: number[], removing: number[]) => record(MetadataRecordType.PARTITION_CHANGE, {
      partitionId: 0, topicId: t, isr: null, leader: -2, replicas, removingReplicas: removing, addingReplicas: adding,
      leaderRecoveryState: -1, directories: null, eligibleLeaderReplicas: null, lastKnownElr: null,
    });
    const base = [broker(1), broker(2), broker(3), record(MetadataRecordType.TOPIC, { name: 'a', topicId: t }), partition(t, 0, [1, 2])];
    const moving = replay([...base, reassignment([2, 3, 1], [3], [1])]);
    expect(moving.topicsByName.get('a')!.partitions[0]).toMatchObject({ replicas: [2, 3, 1], addingReplicas: [3], removingReplicas: [1] });
    const comparable = (i: MetadataImage) => ({ ...i, offset: 0, epoch: 0 });
    expect(comparable(replay(imageRecords(moving)))).toEqual(comparable(moving));
    const done = replay([reassignment([2, 3], [], [])], moving);
    expect(done.topicsByName.get('a')!.partitions[0]!.addingReplicas).toBeUndefined();
    expect(comparable(replay(imageRecords(done)))).toEqual(comparable(done));
  });
  it('copy on write: a topic changed, removed, then named by a partition record stays removed, and the base image is untouched', () => {
    const t = 'dGhpcy1pcy10b3BpYy0xAA';
    const base = replay([broker(1), record(MetadataRecordType.TOPIC, { name: 'a', topicId: t }), partition(t, 0, [1])]);
    // The first change copies topic a from the base into the delta (its last put topic, which its
    // partition records find without a lookup); the removal must leave nothing to find.
    const next = replay([change(t, 0, 1, [1]), record(MetadataRecordType.REMOVE_TOPIC, { topicId: t }), partition(t, 1, [1])], base);
    expect(next.topicsById.has(t)).toBe(false);
    expect(next.topicsByName.has('a')).toBe(false);
    expect(base.topicsByName.get('a')!.partitions).toHaveLength(1);
    expect(base.topicsByName.get('a')!.partitions[0]!.partitionEpoch).toBe(0);
  });
});
