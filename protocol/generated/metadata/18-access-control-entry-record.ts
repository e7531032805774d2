// generated - do not edit: `npm run gen` writes this file from protocol/spec/metadata/18-access-control-entry-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID } from '../../primitives/codec-helpers.js';

export interface AccessControlEntryRecord {
  /** The unique ID of this ACL. */
  id: string;
  /** The resource type. */
  resourceType: number;
  /** The resource name. */
  resourceName: string;
  /** The resource name pattern type. */
  patternType: number;
  /** The principal name. */
  principal: string;
  /** The host name. */
  host: string;
  /** The AclOperation. */
  operation: number;
  /** The AclPermissionType. */
  permissionType: number;
}

export function defaultAccessControlEntryRecord(): AccessControlEntryRecord {
  return {
    id: ZERO_UUID,
    resourceType: 0,
    resourceName: '',
    patternType: 0,
    principal: '',
    host: '',
    operation: 0,
    permissionType: 0,
  };
}

export function readAccessControlEntryRecord(r: Reader, version: number): AccessControlEntryRecord {
  const o: AccessControlEntryRecord = {
    id: r.uuid(),
    resourceType: r.int8(),
    resourceName: (r.string(true) ?? ''),
    patternType: r.int8(),
    principal: (r.string(true) ?? ''),
    host: (r.string(true) ?? ''),
    operation: r.int8(),
    permissionType: r.int8(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeAccessControlEntryRecord(w: Writer, v: AccessControlEntryRecord, version: number): void {
  w.uuid(v.id);
  w.int8(v.resourceType);
  w.string(v.resourceName, true);
  w.int8(v.patternType);
  w.string(v.principal, true);
  w.string(v.host, true);
  w.int8(v.operation);
  w.int8(v.permissionType);
  w.uvarint(0);
}

export const AccessControlEntryRecordDefinition: MessageDefinition<AccessControlEntryRecord> = {
  name: 'AccessControlEntryRecord',
  type: 18,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readAccessControlEntryRecord,
  write: writeAccessControlEntryRecord,
  default: defaultAccessControlEntryRecord,
};
