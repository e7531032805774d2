// The replay's own PartitionRecord reader (MetadataDelta.applyValue) against the generated one
// (decodeMetadataRecord, then apply): the same image from the same bytes for every version and
// every shape of list, the same refusal of a record cut anywhere, and replica lists shared.
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../protocol/primitives/reader.js';
import { MetadataDelta } from '../../../src/metadata/delta.js';
import { EMPTY_IMAGE, type MetadataImage } from '../../../src/metadata/image.js';
import { decodeMetadataRecord, encodeMetadataRecord, MetadataRecordType, record, type AnyMetadataRecord } from '../../../src/metadata/records.js';
import { seededRandom } from '../../helpers/seeded-random.js';

const TOPIC_ID = 'AAAAAAAAAAAAAAAAAAAAAQ';
const DIR_IDS = ['AAAAAAAAAAAAAAAAAAAAAg', 'AAAAAAAAAAAAAAAAAAAAAw'];

function listsOf(seed: number): () => number[] {
  const random = seededRandom(seed);
  // Ids that pack into a shared key and ids that do not (negative, 1024 and over).
  const ids = [0, 1, 2, 3, 1023, 1024, 70_000, -1];
  return () => Array.from({ length: Math.floor(random() * 6) }, () => ids[Math.floor(random() * ids.length)]!);
}

/** A PartitionRecord at `version` with random lists, tags and directories. */
function partitionRecord(partitionId: number, version: number, seed: number): AnyMetadataRecord {
  const random = seededRandom(seed);
  const list = listsOf(seed + 1);
  const replicas = list();
  return {
    type: MetadataRecordType.PARTITION, version, data: {
      partitionId, topicId: TOPIC_ID, replicas, isr: random() < 0.5 ? replicas : list(),
      removingReplicas: random() < 0.7 ? [] : list(), addingReplicas: random() < 0.7 ? [] : list(),
      leader: replicas[0] ?? -1, leaderRecoveryState: random() < 0.8 ? 0 : 1,
      leaderEpoch: Math.floor(random() * 1000), partitionEpoch: Math.floor(random() * 1000),
      directories: replicas.map((_, i) => DIR_IDS[i % 2]!),
      eligibleLeaderReplicas: random() < 0.5 ? null : list(), lastKnownElr: random() < 0.5 ? null : list(),
    },
  };
}

const topic = record(MetadataRecordType.TOPIC, { name: 't', topicId: TOPIC_ID });

function viaValues(records: readonly AnyMetadataRecord[]): MetadataImage {
  const delta = new MetadataDelta(EMPTY_IMAGE);
  for (const r of records) {
    // Inside a larger buffer, as a batch's records are.
    const value = Buffer.concat([Buffer.from([0xee]), encodeMetadataRecord(r), Buffer.from([0xee])]);
    delta.applyValue(value, 1, value.length - 1);
  }
  return delta.finish(records.length - 1, 1);
}

function viaRecords(records: readonly AnyMetadataRecord[]): MetadataImage {
  const delta = new MetadataDelta(EMPTY_IMAGE);
  for (const r of records) {
    const value = encodeMetadataRecord(r);
    delta.apply(decodeMetadataRecord(value, 0, value.length));
  }
  return delta.finish(records.length - 1, 1);
}

describe('MetadataDelta.applyValue', () => {
  it.each([0, 1, 2])('builds the image the generated reader builds from PartitionRecords v%d (seeded)', (version) => {
    for (let seed = 1; seed <= 40; seed++) {
      const records = [topic, ...Array.from({ length: 8 }, (_, p) => partitionRecord(p, version, seed * 100 + p))];
      const fast = viaValues(records).topicsById.get(TOPIC_ID)!;
      const generated = viaRecords(records).topicsById.get(TOPIC_ID)!;
      expect(fast, `seed ${seed}`).toStrictEqual(generated);
      // Same fields in the same order: one object shape for every partition, whichever reader.
      expect(fast.partitions.map((p) => Object.keys(p))).toEqual(generated.partitions.map((p) => Object.keys(p)));
    }
  });

  it('refuses a PartitionRecord cut anywhere, as the generated reader does', () => {
    const value = encodeMetadataRecord(partitionRecord(0, 2, 7));
    for (let cut = 1; cut < value.length; cut++) {
      const delta = new MetadataDelta(EMPTY_IMAGE);
      delta.apply(topic);
      expect(() => decodeMetadataRecord(value, 0, cut), `generated, cut at ${cut}`).toThrow(DecodeError);
      expect(() => delta.applyValue(value, 0, cut), `applyValue, cut at ${cut}`).toThrow(DecodeError);
    }
  });

  it('refuses a PartitionRecord version it does not know, as decodeMetadataRecord does', () => {
    const value = encodeMetadataRecord(partitionRecord(0, 2, 7));
    value[2] = 3; // the record version, after the frame version and the type
    expect(() => new MetadataDelta(EMPTY_IMAGE).applyValue(value, 0, value.length)).toThrow('version 3 is not supported');
  });

  it('shares equal replica lists between partitions and keeps no empty reassignment lists', () => {
    const records = [topic, ...[0, 1, 2].map((p) => record(MetadataRecordType.PARTITION, {
      partitionId: p, topicId: TOPIC_ID, replicas: [3, 1, 2], isr: [3, 1, 2], removingReplicas: [], addingReplicas: [],
      leader: 3, leaderRecoveryState: 0, leaderEpoch: 0, partitionEpoch: 0, directories: [], eligibleLeaderReplicas: null, lastKnownElr: null,
    }))];
    const [a, b, c] = viaValues(records).topicsById.get(TOPIC_ID)!.partitions;
    expect(a!.replicas).toEqual([3, 1, 2]);
    expect(b!.replicas).toBe(a!.replicas);
    expect(c!.isr).toBe(a!.replicas);
    expect('addingReplicas' in a! || 'removingReplicas' in a!).toBe(false);
    // The topic's id string, not one per partition.
    expect(a!.topicId).toBe(viaValues(records).topicsById.get(TOPIC_ID)!.topicId);
  });

  it('applies every other record type as apply(decodeMetadataRecord(...)) does', () => {
    const records: AnyMetadataRecord[] = [
      topic, partitionRecord(0, 2, 3),
      record(MetadataRecordType.CONFIG, { resourceType: 2, resourceName: 't', name: 'retention.ms', value: '1000' }),
      record(MetadataRecordType.PARTITION_CHANGE, {
        partitionId: 0, topicId: TOPIC_ID, isr: [2], leader: 2, replicas: null, removingReplicas: null, addingReplicas: null,
        leaderRecoveryState: -1, directories: null, eligibleLeaderReplicas: null, lastKnownElr: null,
      }),
    ];
    const fast = viaValues(records);
    const generated = viaRecords(records);
    expect(fast.topicsById.get(TOPIC_ID)).toStrictEqual(generated.topicsById.get(TOPIC_ID));
    expect([...fast.configs]).toEqual([...generated.configs]);
  });
});
