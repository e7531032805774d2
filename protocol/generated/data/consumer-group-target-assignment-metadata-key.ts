// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/consumer-group-target-assignment-metadata-key.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface ConsumerGroupTargetAssignmentMetadataKey {
  /** The group id. */
  groupId: string;
}

export function defaultConsumerGroupTargetAssignmentMetadataKey(): ConsumerGroupTargetAssignmentMetadataKey {
  return {
    groupId: '',
  };
}

export function readConsumerGroupTargetAssignmentMetadataKey(r: Reader, version: number): ConsumerGroupTargetAssignmentMetadataKey {
  const o: ConsumerGroupTargetAssignmentMetadataKey = {
    groupId: version === 6 ? (r.string(false) ?? '') : '',
  };
  return o;
}

export function writeConsumerGroupTargetAssignmentMetadataKey(w: Writer, v: ConsumerGroupTargetAssignmentMetadataKey, version: number): void {
  if (version === 6) w.string(v.groupId, false);
}

export const ConsumerGroupTargetAssignmentMetadataKeyDefinition: MessageDefinition<ConsumerGroupTargetAssignmentMetadataKey> = {
  name: 'ConsumerGroupTargetAssignmentMetadataKey',
  type: -1,
  minVersion: 6,
  maxVersion: 6,
  flexibleVersion: -1,
  read: readConsumerGroupTargetAssignmentMetadataKey,
  write: writeConsumerGroupTargetAssignmentMetadataKey,
  default: defaultConsumerGroupTargetAssignmentMetadataKey,
};
