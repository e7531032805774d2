// generated - do not edit: `npm run gen` writes this file from protocol/spec/metadata/22-remove-user-scram-credential-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface RemoveUserScramCredentialRecord {
  /** The user name. */
  name: string;
  /** The SCRAM mechanism. */
  mechanism: number;
}

export function defaultRemoveUserScramCredentialRecord(): RemoveUserScramCredentialRecord {
  return {
    name: '',
    mechanism: 0,
  };
}

export function readRemoveUserScramCredentialRecord(r: Reader, version: number): RemoveUserScramCredentialRecord {
  const o: RemoveUserScramCredentialRecord = {
    name: (r.string(true) ?? ''),
    mechanism: r.int8(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeRemoveUserScramCredentialRecord(w: Writer, v: RemoveUserScramCredentialRecord, version: number): void {
  w.string(v.name, true);
  w.int8(v.mechanism);
  w.uvarint(0);
}

export const RemoveUserScramCredentialRecordDefinition: MessageDefinition<RemoveUserScramCredentialRecord> = {
  name: 'RemoveUserScramCredentialRecord',
  type: 22,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readRemoveUserScramCredentialRecord,
  write: writeRemoveUserScramCredentialRecord,
  default: defaultRemoveUserScramCredentialRecord,
};
