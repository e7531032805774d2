// generated - do not edit: `npm run gen` writes this file from protocol/spec/metadata/10-delegation-token-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readStringArray, writeStringArray } from '../scalar-arrays.js';

export interface DelegationTokenRecord {
  /** The delegation token owner. */
  owner: string;
  /** The delegation token requester. */
  requester: string;
  /** The principals which can renew this token. */
  renewers: string[];
  /** The time at which this timestamp was issued. */
  issueTimestamp: number;
  /** The time at which this token cannot be renewed any more. */
  maxTimestamp: number;
  /** The next time at which this token must be renewed. */
  expirationTimestamp: number;
  /** The token id. */
  tokenId: string;
}

export function defaultDelegationTokenRecord(): DelegationTokenRecord {
  return {
    owner: '',
    requester: '',
    renewers: [],
    issueTimestamp: 0,
    maxTimestamp: 0,
    expirationTimestamp: 0,
    tokenId: '',
  };
}

export function readDelegationTokenRecord(r: Reader, version: number): DelegationTokenRecord {
  const o: DelegationTokenRecord = {
    owner: (r.string(true) ?? ''),
    requester: (r.string(true) ?? ''),
    renewers: (readStringArray(r, true) ?? []),
    issueTimestamp: r.int64(),
    maxTimestamp: r.int64(),
    expirationTimestamp: r.int64(),
    tokenId: (r.string(true) ?? ''),
  };
  r.skipTaggedFields();
  return o;
}

export function writeDelegationTokenRecord(w: Writer, v: DelegationTokenRecord, version: number): void {
  w.string(v.owner, true);
  w.string(v.requester, true);
  writeStringArray(w, v.renewers, true);
  w.int64(v.issueTimestamp);
  w.int64(v.maxTimestamp);
  w.int64(v.expirationTimestamp);
  w.string(v.tokenId, true);
  w.uvarint(0);
}

export const DelegationTokenRecordDefinition: MessageDefinition<DelegationTokenRecord> = {
  name: 'DelegationTokenRecord',
  type: 10,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readDelegationTokenRecord,
  write: writeDelegationTokenRecord,
  default: defaultDelegationTokenRecord,
};
