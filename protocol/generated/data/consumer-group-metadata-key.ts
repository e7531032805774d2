// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/consumer-group-metadata-key.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface ConsumerGroupMetadataKey {
  /** The group id. */
  groupId: string;
}

export function defaultConsumerGroupMetadataKey(): ConsumerGroupMetadataKey {
  return {
    groupId: '',
  };
}

export function readConsumerGroupMetadataKey(r: Reader, version: number): ConsumerGroupMetadataKey {
  const o: ConsumerGroupMetadataKey = {
    groupId: version === 3 ? (r.string(false) ?? '') : '',
  };
  return o;
}

export function writeConsumerGroupMetadataKey(w: Writer, v: ConsumerGroupMetadataKey, version: number): void {
  if (version === 3) w.string(v.groupId, false);
}

export const ConsumerGroupMetadataKeyDefinition: MessageDefinition<ConsumerGroupMetadataKey> = {
  name: 'ConsumerGroupMetadataKey',
  type: -1,
  minVersion: 3,
  maxVersion: 3,
  flexibleVersion: -1,
  read: readConsumerGroupMetadataKey,
  write: writeConsumerGroupMetadataKey,
  default: defaultConsumerGroupMetadataKey,
};
