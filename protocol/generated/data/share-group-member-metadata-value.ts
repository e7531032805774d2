// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/share-group-member-metadata-value.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readStringArray, writeStringArray } from '../scalar-arrays.js';

export interface ShareGroupMemberMetadataValue {
  /** The (optional) rack id. */
  rackId: string | null;
  /** The client id. */
  clientId: string;
  /** The client host. */
  clientHost: string;
  /** The list of subscribed topic names. */
  subscribedTopicNames: string[];
}

export function defaultShareGroupMemberMetadataValue(): ShareGroupMemberMetadataValue {
  return {
    rackId: '',
    clientId: '',
    clientHost: '',
    subscribedTopicNames: [],
  };
}

export function readShareGroupMemberMetadataValue(r: Reader, version: number): ShareGroupMemberMetadataValue {
  const o: ShareGroupMemberMetadataValue = {
    rackId: r.string(true),
    clientId: (r.string(true) ?? ''),
    clientHost: (r.string(true) ?? ''),
    subscribedTopicNames: (readStringArray(r, true) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeShareGroupMemberMetadataValue(w: Writer, v: ShareGroupMemberMetadataValue, version: number): void {
  w.string(v.rackId, true);
  w.string(v.clientId, true);
  w.string(v.clientHost, true);
  writeStringArray(w, v.subscribedTopicNames, true);
  w.uvarint(0);
}

export const ShareGroupMemberMetadataValueDefinition: MessageDefinition<ShareGroupMemberMetadataValue> = {
  name: 'ShareGroupMemberMetadataValue',
  type: -1,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readShareGroupMemberMetadataValue,
  write: writeShareGroupMemberMetadataValue,
  default: defaultShareGroupMemberMetadataValue,
};
