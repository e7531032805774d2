// generated - do not edit: `npm run gen` writes this file from protocol/spec/metadata/12-feature-level-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface FeatureLevelRecord {
  /** The feature name. */
  name: string;
  /** The current finalized feature level of this feature for the cluster, a value of 0 means feature not supported. */
  featureLevel: number;
}

export function defaultFeatureLevelRecord(): FeatureLevelRecord {
  return {
    name: '',
    featureLevel: 0,
  };
}

export function readFeatureLevelRecord(r: Reader, version: number): FeatureLevelRecord {
  const o: FeatureLevelRecord = {
    name: (r.string(true) ?? ''),
    featureLevel: r.int16(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeFeatureLevelRecord(w: Writer, v: FeatureLevelRecord, version: number): void {
  w.string(v.name, true);
  w.int16(v.featureLevel);
  w.uvarint(0);
}

export const FeatureLevelRecordDefinition: MessageDefinition<FeatureLevelRecord> = {
  name: 'FeatureLevelRecord',
  type: 12,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readFeatureLevelRecord,
  write: writeFeatureLevelRecord,
  default: defaultFeatureLevelRecord,
};
