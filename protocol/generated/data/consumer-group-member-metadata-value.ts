// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/consumer-group-member-metadata-value.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { EMPTY_BYTES, readArray, writeArray, writeTagged } from '../../primitives/codec-helpers.js';
import { readStringArray, writeStringArray } from '../scalar-arrays.js';

export interface ConsumerGroupMemberMetadataValue {
  /** The (optional) instance id. */
  instanceId: string | null;
  /** The (optional) rack id. */
  rackId: string | null;
  /** The client id. */
  clientId: string;
  /** The client host. */
  clientHost: string;
  /** The list of subscribed topic names. */
  subscribedTopicNames: string[];
  /** The subscribed topic regular expression. */
  subscribedTopicRegex: string | null;
  /** The rebalance timeout */
  rebalanceTimeoutMs: number;
  /** The server assignor to use; or null if not used. */
  serverAssignor: string | null;
  /** The classic member metadata which includes the supported protocols of the consumer if it uses the classic protocol. The metadata is null if the consumer uses the consumer protocol. */
  classicMemberMetadata: ClassicMemberMetadata | null;
}

export function defaultConsumerGroupMemberMetadataValue(): ConsumerGroupMemberMetadataValue {
  return {
    instanceId: '',
    rackId: '',
    clientId: '',
    clientHost: '',
    subscribedTopicNames: [],
    subscribedTopicRegex: '',
    rebalanceTimeoutMs: -1,
    serverAssignor: '',
    classicMemberMetadata: null,
  };
}

export function readConsumerGroupMemberMetadataValue(r: Reader, version: number): ConsumerGroupMemberMetadataValue {
  const o: ConsumerGroupMemberMetadataValue = {
    instanceId: r.string(true),
    rackId: r.string(true),
    clientId: (r.string(true) ?? ''),
    clientHost: (r.string(true) ?? ''),
    subscribedTopicNames: (readStringArray(r, true) ?? []),
    subscribedTopicRegex: r.string(true),
    rebalanceTimeoutMs: r.int32(),
    serverAssignor: r.string(true),
    classicMemberMetadata: null,
  };
  const n = r.uvarint();
  for (let i = 0; i < n; i++) {
    const tag = r.uvarint();
    const t = r.sub(r.uvarint());
    if (tag === 0) o.classicMemberMetadata = (t.uvarint() === 0 ? null : readClassicMemberMetadata(t, version));
  }
  return o;
}

export function writeConsumerGroupMemberMetadataValue(w: Writer, v: ConsumerGroupMemberMetadataValue, version: number): void {
  w.string(v.instanceId, true);
  w.string(v.rackId, true);
  w.string(v.clientId, true);
  w.string(v.clientHost, true);
  writeStringArray(w, v.subscribedTopicNames, true);
  w.string(v.subscribedTopicRegex, true);
  w.int32(v.rebalanceTimeoutMs);
  w.string(v.serverAssignor, true);
  const t0 = v.classicMemberMetadata !== null;
  w.uvarint(t0 ? 1 : 0);
  if (t0) { writeTagged(w, 0, (w) => { if (v.classicMemberMetadata === null) w.uvarint(0); else { w.uvarint(1); writeClassicMemberMetadata(w, v.classicMemberMetadata!, version); } }); }
}

export interface ClassicMemberMetadata {
  /** The session timeout if the consumer uses the classic protocol. */
  sessionTimeoutMs: number;
  /** The list of protocols that the member supports if the consumer uses the classic protocol. */
  supportedProtocols: ClassicProtocol[];
}

export function defaultClassicMemberMetadata(): ClassicMemberMetadata {
  return {
    sessionTimeoutMs: 0,
    supportedProtocols: [],
  };
}

export function readClassicMemberMetadata(r: Reader, version: number): ClassicMemberMetadata {
  const o: ClassicMemberMetadata = {
    sessionTimeoutMs: r.int32(),
    supportedProtocols: (readArray(r, true, 1, readClassicProtocol, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeClassicMemberMetadata(w: Writer, v: ClassicMemberMetadata, version: number): void {
  w.int32(v.sessionTimeoutMs);
  writeArray(w, v.supportedProtocols, true, writeClassicProtocol, version);
  w.uvarint(0);
}

export interface ClassicProtocol {
  /** The protocol name. */
  name: string;
  /** The protocol metadata. */
  metadata: Buffer;
}

export function defaultClassicProtocol(): ClassicProtocol {
  return {
    name: '',
    metadata: EMPTY_BYTES,
  };
}

export function readClassicProtocol(r: Reader, version: number): ClassicProtocol {
  const o: ClassicProtocol = {
    name: (r.string(true) ?? ''),
    metadata: (r.bytes(true) ?? EMPTY_BYTES),
  };
  r.skipTaggedFields();
  return o;
}

export function writeClassicProtocol(w: Writer, v: ClassicProtocol, version: number): void {
  w.string(v.name, true);
  w.bytes(v.metadata, true);
  w.uvarint(0);
}

export const ConsumerGroupMemberMetadataValueDefinition: MessageDefinition<ConsumerGroupMemberMetadataValue> = {
  name: 'ConsumerGroupMemberMetadataValue',
  type: -1,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readConsumerGroupMemberMetadataValue,
  write: writeConsumerGroupMemberMetadataValue,
  default: defaultConsumerGroupMemberMetadataValue,
};
