// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/consumer-group-metadata-value.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface ConsumerGroupMetadataValue {
  /** The group epoch. */
  epoch: number;
}

export function defaultConsumerGroupMetadataValue(): ConsumerGroupMetadataValue {
  return {
    epoch: 0,
  };
}

export function readConsumerGroupMetadataValue(r: Reader, version: number): ConsumerGroupMetadataValue {
  const o: ConsumerGroupMetadataValue = {
    epoch: r.int32(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeConsumerGroupMetadataValue(w: Writer, v: ConsumerGroupMetadataValue, version: number): void {
  w.int32(v.epoch);
  w.uvarint(0);
}

export const ConsumerGroupMetadataValueDefinition: MessageDefinition<ConsumerGroupMetadataValue> = {
  name: 'ConsumerGroupMetadataValue',
  type: -1,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readConsumerGroupMetadataValue,
  write: writeConsumerGroupMetadataValue,
  default: defaultConsumerGroupMetadataValue,
};
