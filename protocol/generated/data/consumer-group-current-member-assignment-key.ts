// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/consumer-group-current-member-assignment-key.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface ConsumerGroupCurrentMemberAssignmentKey {
  /** The group id. */
  groupId: string;
  /** The member id. */
  memberId: string;
}

export function defaultConsumerGroupCurrentMemberAssignmentKey(): ConsumerGroupCurrentMemberAssignmentKey {
  return {
    groupId: '',
    memberId: '',
  };
}

export function readConsumerGroupCurrentMemberAssignmentKey(r: Reader, version: number): ConsumerGroupCurrentMemberAssignmentKey {
  const o: ConsumerGroupCurrentMemberAssignmentKey = {
    groupId: version === 8 ? (r.string(false) ?? '') : '',
    memberId: version === 8 ? (r.string(false) ?? '') : '',
  };
  return o;
}

export function writeConsumerGroupCurrentMemberAssignmentKey(w: Writer, v: ConsumerGroupCurrentMemberAssignmentKey, version: number): void {
  if (version === 8) w.string(v.groupId, false);
  if (version === 8) w.string(v.memberId, false);
}

export const ConsumerGroupCurrentMemberAssignmentKeyDefinition: MessageDefinition<ConsumerGroupCurrentMemberAssignmentKey> = {
  name: 'ConsumerGroupCurrentMemberAssignmentKey',
  type: -1,
  minVersion: 8,
  maxVersion: 8,
  flexibleVersion: -1,
  read: readConsumerGroupCurrentMemberAssignmentKey,
  write: writeConsumerGroupCurrentMemberAssignmentKey,
  default: defaultConsumerGroupCurrentMemberAssignmentKey,
};
