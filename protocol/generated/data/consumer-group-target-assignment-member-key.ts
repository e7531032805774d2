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
  const flex = false;
  const o: ConsumerGroupTargetAssignmentMemberKey = {
    groupId: version === 7 ? (r.string(flex) ?? '') : '',
    memberId: version === 7 ? (r.string(flex) ?? '') : '',
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeConsumerGroupTargetAssignmentMemberKey(w: Writer, v: ConsumerGroupTargetAssignmentMemberKey, version: number): void {
  const flex = false;
  if (version === 7) w.string(v.groupId, flex);
  if (version === 7) w.string(v.memberId, flex);
  if (flex) w.uvarint(0);
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
