// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/consumer-group-partition-metadata-key.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface ConsumerGroupPartitionMetadataKey {
  /** The group id. */
  groupId: string;
}

export function defaultConsumerGroupPartitionMetadataKey(): ConsumerGroupPartitionMetadataKey {
  return {
    groupId: '',
  };
}

export function readConsumerGroupPartitionMetadataKey(r: Reader, version: number): ConsumerGroupPartitionMetadataKey {
  const o: ConsumerGroupPartitionMetadataKey = {
    groupId: version === 4 ? (r.string(false) ?? '') : '',
  };
  return o;
}

export function writeConsumerGroupPartitionMetadataKey(w: Writer, v: ConsumerGroupPartitionMetadataKey, version: number): void {
  if (version === 4) w.string(v.groupId, false);
}

export const ConsumerGroupPartitionMetadataKeyDefinition: MessageDefinition<ConsumerGroupPartitionMetadataKey> = {
  name: 'ConsumerGroupPartitionMetadataKey',
  type: -1,
  minVersion: 4,
  maxVersion: 4,
  flexibleVersion: -1,
  read: readConsumerGroupPartitionMetadataKey,
  write: writeConsumerGroupPartitionMetadataKey,
  default: defaultConsumerGroupPartitionMetadataKey,
};
