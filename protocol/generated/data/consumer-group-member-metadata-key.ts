// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/consumer-group-member-metadata-key.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface ConsumerGroupMemberMetadataKey {
  /** The group id. */
  groupId: string;
  /** The member id. */
  memberId: string;
}

export function defaultConsumerGroupMemberMetadataKey(): ConsumerGroupMemberMetadataKey {
  return {
    groupId: '',
    memberId: '',
  };
}

export function readConsumerGroupMemberMetadataKey(r: Reader, version: number): ConsumerGroupMemberMetadataKey {
  const o: ConsumerGroupMemberMetadataKey = {
    groupId: version === 5 ? (r.string(false) ?? '') : '',
    memberId: version === 5 ? (r.string(false) ?? '') : '',
  };
  return o;
}

export function writeConsumerGroupMemberMetadataKey(w: Writer, v: ConsumerGroupMemberMetadataKey, version: number): void {
  if (version === 5) w.string(v.groupId, false);
  if (version === 5) w.string(v.memberId, false);
}

export const ConsumerGroupMemberMetadataKeyDefinition: MessageDefinition<ConsumerGroupMemberMetadataKey> = {
  name: 'ConsumerGroupMemberMetadataKey',
  type: -1,
  minVersion: 5,
  maxVersion: 5,
  flexibleVersion: -1,
  read: readConsumerGroupMemberMetadataKey,
  write: writeConsumerGroupMemberMetadataKey,
  default: defaultConsumerGroupMemberMetadataKey,
};
