// generated - do not edit: `npm run gen` writes this file from protocol/spec/metadata/04-config-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface ConfigRecord {
  /** The type of resource this configuration applies to. */
  resourceType: number;
  /** The name of the resource this configuration applies to. */
  resourceName: string;
  /** The name of the configuration key. */
  name: string;
  /** The value of the configuration, or null if the it should be deleted. */
  value: string | null;
}

export function defaultConfigRecord(): ConfigRecord {
  return {
    resourceType: 0,
    resourceName: '',
    name: '',
    value: '',
  };
}

export function readConfigRecord(r: Reader, version: number): ConfigRecord {
  const o: ConfigRecord = {
    resourceType: r.int8(),
    resourceName: (r.string(true) ?? ''),
    name: (r.string(true) ?? ''),
    value: r.string(true),
  };
  r.skipTaggedFields();
  return o;
}

export function writeConfigRecord(w: Writer, v: ConfigRecord, version: number): void {
  w.int8(v.resourceType);
  w.string(v.resourceName, true);
  w.string(v.name, true);
  w.string(v.value, true);
  w.uvarint(0);
}

export const ConfigRecordDefinition: MessageDefinition<ConfigRecord> = {
  name: 'ConfigRecord',
  type: 4,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readConfigRecord,
  write: writeConfigRecord,
  default: defaultConfigRecord,
};
