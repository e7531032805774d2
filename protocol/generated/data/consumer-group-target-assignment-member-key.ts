// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/consumer-group-target-assignment-member-key.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface ConsumerGroupTargetAssignmentMemberKey {
  /** The group id. */
  groupId: string;
  /** The member id. */
  memberId: string;
}

export function defaultConsumerGroupTargetAssignmentMemberKey(): ConsumerGroupTargetAssignmentMemberKey {
  return {
    groupId: '',
    memberId: '',
  };
}

export function readConsumerGroupTargetAssignmentMemberKey(r: Reader, version: number): ConsumerGroupTargetAssignmentMemberKey {
  const o: ConsumerGroupTargetAssignmentMemberKey = {
    groupId: version === 7 ? (r.string(false) ?? '') : '',
    memberId: version === 7 ? (r.string(false) ?? '') : '',
  };
  return o;
}

export function writeConsumerGroupTargetAssignmentMemberKey(w: Writer, v: ConsumerGroupTargetAssignmentMemberKey, version: number): void {
  if (version === 7) w.string(v.groupId, false);
  if (version === 7) w.string(v.memberId, false);
}

export const ConsumerGroupTargetAssignmentMemberKeyDefinition: MessageDefinition<ConsumerGroupTargetAssignmentMemberKey> = {
  name: 'ConsumerGroupTargetAssignmentMemberKey',
  type: -1,
  minVersion: 7,
  maxVersion: 7,
  flexibleVersion: -1,
  read: readConsumerGroupTargetAssignmentMemberKey,
  write: writeConsumerGroupTargetAssignmentMemberKey,
  default: defaultConsumerGroupTargetAssignmentMemberKey,
};
