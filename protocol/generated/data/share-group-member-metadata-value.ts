// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/share-group-member-metadata-value.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';

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
  const flex = true;
  const o: ShareGroupMemberMetadataValue = {
    rackId: r.string(flex),
    clientId: (r.string(flex) ?? ''),
    clientHost: (r.string(flex) ?? ''),
    subscribedTopicNames: (readArray(r, flex, 1, (r) => r.string(flex) ?? '') ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeShareGroupMemberMetadataValue(w: Writer, v: ShareGroupMemberMetadataValue, version: number): void {
  const flex = true;
  w.string(v.rackId, flex);
  w.string(v.clientId, flex);
  w.string(v.clientHost, flex);
  writeArray(w, v.subscribedTopicNames, flex, (w, e) => w.string(e, flex));
  if (flex) w.uvarint(0);
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
