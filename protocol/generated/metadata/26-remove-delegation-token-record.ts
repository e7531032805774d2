// generated - do not edit: `npm run gen` writes this file from protocol/spec/metadata/26-remove-delegation-token-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface RemoveDelegationTokenRecord {
  /** The tokenID to remove. */
  tokenId: string;
}

export function defaultRemoveDelegationTokenRecord(): RemoveDelegationTokenRecord {
  return {
    tokenId: '',
  };
}

export function readRemoveDelegationTokenRecord(r: Reader, version: number): RemoveDelegationTokenRecord {
  const o: RemoveDelegationTokenRecord = {
    tokenId: (r.string(true) ?? ''),
  };
  r.skipTaggedFields();
  return o;
}

export function writeRemoveDelegationTokenRecord(w: Writer, v: RemoveDelegationTokenRecord, version: number): void {
  w.string(v.tokenId, true);
  w.uvarint(0);
}

export const RemoveDelegationTokenRecordDefinition: MessageDefinition<RemoveDelegationTokenRecord> = {
  name: 'RemoveDelegationTokenRecord',
  type: 26,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readRemoveDelegationTokenRecord,
  write: writeRemoveDelegationTokenRecord,
  default: defaultRemoveDelegationTokenRecord,
};
