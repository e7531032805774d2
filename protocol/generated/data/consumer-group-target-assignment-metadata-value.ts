// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/consumer-group-target-assignment-metadata-value.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface ConsumerGroupTargetAssignmentMetadataValue {
  /** The assignment epoch. */
  assignmentEpoch: number;
}

export function defaultConsumerGroupTargetAssignmentMetadataValue(): ConsumerGroupTargetAssignmentMetadataValue {
  return {
    assignmentEpoch: 0,
  };
}

export function readConsumerGroupTargetAssignmentMetadataValue(r: Reader, version: number): ConsumerGroupTargetAssignmentMetadataValue {
  const o: ConsumerGroupTargetAssignmentMetadataValue = {
    assignmentEpoch: r.int32(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeConsumerGroupTargetAssignmentMetadataValue(w: Writer, v: ConsumerGroupTargetAssignmentMetadataValue, version: number): void {
  w.int32(v.assignmentEpoch);
  w.uvarint(0);
}

export const ConsumerGroupTargetAssignmentMetadataValueDefinition: MessageDefinition<ConsumerGroupTargetAssignmentMetadataValue> = {
  name: 'ConsumerGroupTargetAssignmentMetadataValue',
  type: -1,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readConsumerGroupTargetAssignmentMetadataValue,
  write: writeConsumerGroupTargetAssignmentMetadataValue,
  default: defaultConsumerGroupTargetAssignmentMetadataValue,
};
