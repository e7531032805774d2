// A sans-IO controller world for unit tests: an image with registered brokers and topics, an env
// with config overrides, and helpers that apply what an operation returns.
import { ServerConfig } from '../../../src/config/server-config.js';
import type { ControllerEnv } from '../../../src/controller/env.js';
import { EMPTY_IMAGE, type MetadataImage, type PartitionState } from '../../../src/metadata/image.js';
import { MetadataRecordType, record, type MetadataRecord } from '../../../src/metadata/records.js';
import { applyRecords, topicRecords } from '../../helpers/metadata-images.js';

export function controllerEnv(overrides: Record<string, string> = {}): ControllerEnv {
  return { config: ServerConfig.resolve({ profile: 'kafka', overrides: new Map(Object.entries(overrides)) }), random: () => 0.5 };
}

export function brokerRecord(id: number, fenced = false): MetadataRecord {
  return record(MetadataRecordType.REGISTER_BROKER, {
    brokerId: id, isMigratingZkBroker: false, incarnationId: `incarnation-${id}-AAAAAAAA`.slice(0, 22), brokerEpoch: 10 + id,
    endPoints: [], features: [], rack: null, fenced, inControlledShutdown: false, logDirs: [],
  });
}

/** Brokers 1..brokers (unfenced) and one topic whose partitions have the given replicas. */
export function world(brokers: number, topic: string, replicasOf: (p: number) => number[], partitions = 1): MetadataImage {
  const regs = Array.from({ length: brokers }, (_, i) => brokerRecord(i + 1));
  return applyRecords(EMPTY_IMAGE, [...regs, ...topicRecords(topic, partitions, replicasOf)]);
}

export function partitionOf(image: MetadataImage, topic: string, partition = 0): PartitionState {
  return image.topicsByName.get(topic)!.partitions[partition]!;
}

/** A PartitionChangeRecord of arbitrary fields, as another controller operation could write. */
export function partitionChange(image: MetadataImage, topic: string, partition: number,
  change: { leader?: number; isr?: number[] }): MetadataRecord {
  return record(MetadataRecordType.PARTITION_CHANGE, {
    partitionId: partition, topicId: image.topicsByName.get(topic)!.topicId, isr: change.isr ?? null,
    leader: change.leader ?? -2, replicas: null, removingReplicas: null, addingReplicas: null, leaderRecoveryState: -1,
    directories: null, eligibleLeaderReplicas: null, lastKnownElr: null,
  });
}

export function fence(id: number): MetadataRecord {
  return record(MetadataRecordType.FENCE_BROKER, { id, epoch: 10 + id });
}

export { applyRecords };
