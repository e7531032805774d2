// generated - do not edit: `npm run gen` writes this file from protocol/spec/metadata/15-producer-ids-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface ProducerIdsRecord {
  /** The ID of the requesting broker */
  brokerId: number;
  /** The epoch of the requesting broker */
  brokerEpoch: number;
  /** The next producerId that will be assigned (i.e. the first producerId in the next assigned block) */
  nextProducerId: number;
}

export function defaultProducerIdsRecord(): ProducerIdsRecord {
  return {
    brokerId: 0,
    brokerEpoch: -1,
    nextProducerId: 0,
  };
}

export function readProducerIdsRecord(r: Reader, version: number): ProducerIdsRecord {
  const o: ProducerIdsRecord = {
    brokerId: r.int32(),
    brokerEpoch: r.int64(),
    nextProducerId: r.int64(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeProducerIdsRecord(w: Writer, v: ProducerIdsRecord, version: number): void {
  w.int32(v.brokerId);
  w.int64(v.brokerEpoch);
  w.int64(v.nextProducerId);
  w.uvarint(0);
}

export const ProducerIdsRecordDefinition: MessageDefinition<ProducerIdsRecord> = {
  name: 'ProducerIdsRecord',
  type: 15,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readProducerIdsRecord,
  write: writeProducerIdsRecord,
  default: defaultProducerIdsRecord,
};
