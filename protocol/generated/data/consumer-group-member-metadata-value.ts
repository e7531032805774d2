// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/consumer-group-member-metadata-value.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { EMPTY_BYTES, readArray, writeArray, writeTagged } from '../../primitives/codec-helpers.js';

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
  const flex = true;
  const o: ConsumerGroupMemberMetadataValue = {
    instanceId: r.string(flex),
    rackId: r.string(flex),
    clientId: (r.string(flex) ?? ''),
    clientHost: (r.string(flex) ?? ''),
    subscribedTopicNames: (readArray(r, flex, 1, (r) => r.string(flex) ?? '') ?? []),
    subscribedTopicRegex: r.string(flex),
    rebalanceTimeoutMs: r.int32(),
    serverAssignor: r.string(flex),
    classicMemberMetadata: null,
  };
  if (flex) {
    const n = r.uvarint();
    for (let i = 0; i < n; i++) {
      const tag = r.uvarint();
      const t = r.sub(r.uvarint());
      if (tag === 0 && true) o.classicMemberMetadata = (true && t.int8() < 0 ? null : readClassicMemberMetadata(t, version));
    }
  }
  return o;
}

export function writeConsumerGroupMemberMetadataValue(w: Writer, v: ConsumerGroupMemberMetadataValue, version: number): void {
  const flex = true;
  w.string(v.instanceId, flex);
  w.string(v.rackId, flex);
  w.string(v.clientId, flex);
  w.string(v.clientHost, flex);
  writeArray(w, v.subscribedTopicNames, flex, (w, e) => w.string(e, flex));
  w.string(v.subscribedTopicRegex, flex);
  w.int32(v.rebalanceTimeoutMs);
  w.string(v.serverAssignor, flex);
  if (flex) {
    const t0 = true && v.classicMemberMetadata !== null;
    w.uvarint(t0 ? 1 : 0);
    if (t0) writeTagged(w, 0, (w) => { if (true && v.classicMemberMetadata === null) w.int8(-1); else { w.int8(1); writeClassicMemberMetadata(w, v.classicMemberMetadata!, version); } });
  }
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
  const flex = true;
  const o: ClassicMemberMetadata = {
    sessionTimeoutMs: r.int32(),
    supportedProtocols: (readArray(r, flex, 1, (r) => readClassicProtocol(r, version)) ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeClassicMemberMetadata(w: Writer, v: ClassicMemberMetadata, version: number): void {
  const flex = true;
  w.int32(v.sessionTimeoutMs);
  writeArray(w, v.supportedProtocols, flex, (w, e) => writeClassicProtocol(w, e, version));
  if (flex) w.uvarint(0);
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
  const flex = true;
  const o: ClassicProtocol = {
    name: (r.string(flex) ?? ''),
    metadata: (r.bytes(flex) ?? EMPTY_BYTES),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeClassicProtocol(w: Writer, v: ClassicProtocol, version: number): void {
  const flex = true;
  w.string(v.name, flex);
  w.bytes(v.metadata, flex);
  if (flex) w.uvarint(0);
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
