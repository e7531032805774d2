// generated - do not edit: `npm run gen` writes this file from protocol/spec/metadata/19-remove-access-control-entry-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID } from '../../primitives/codec-helpers.js';

export interface RemoveAccessControlEntryRecord {
  /** The ID of the AccessControlEntry to remove. */
  id: string;
}

export function defaultRemoveAccessControlEntryRecord(): RemoveAccessControlEntryRecord {
  return {
    id: ZERO_UUID,
  };
}

export function readRemoveAccessControlEntryRecord(r: Reader, version: number): RemoveAccessControlEntryRecord {
  const o: RemoveAccessControlEntryRecord = {
    id: r.uuid(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeRemoveAccessControlEntryRecord(w: Writer, v: RemoveAccessControlEntryRecord, version: number): void {
  w.uuid(v.id);
  w.uvarint(0);
}

export const RemoveAccessControlEntryRecordDefinition: MessageDefinition<RemoveAccessControlEntryRecord> = {
  name: 'RemoveAccessControlEntryRecord',
  type: 19,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readRemoveAccessControlEntryRecord,
  write: writeRemoveAccessControlEntryRecord,
  default: defaultRemoveAccessControlEntryRecord,
};
