// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/share-group-target-assignment-metadata-value.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface ShareGroupTargetAssignmentMetadataValue {
  /** The assignment epoch. */
  assignmentEpoch: number;
}

export function defaultShareGroupTargetAssignmentMetadataValue(): ShareGroupTargetAssignmentMetadataValue {
  return {
    assignmentEpoch: 0,
  };
}

export function readShareGroupTargetAssignmentMetadataValue(r: Reader, version: number): ShareGroupTargetAssignmentMetadataValue {
  const o: ShareGroupTargetAssignmentMetadataValue = {
    assignmentEpoch: r.int32(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeShareGroupTargetAssignmentMetadataValue(w: Writer, v: ShareGroupTargetAssignmentMetadataValue, version: number): void {
  w.int32(v.assignmentEpoch);
  w.uvarint(0);
}

export const ShareGroupTargetAssignmentMetadataValueDefinition: MessageDefinition<ShareGroupTargetAssignmentMetadataValue> = {
  name: 'ShareGroupTargetAssignmentMetadataValue',
  type: -1,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readShareGroupTargetAssignmentMetadataValue,
  write: writeShareGroupTargetAssignmentMetadataValue,
  default: defaultShareGroupTargetAssignmentMetadataValue,
};
