// The embedded consumer protocol (subscription and assignment bytes inside JoinGroup/SyncGroup)
// translated to and from the consumer group's view, which names topics by id: what a classic
// member of a consumer group sends is read here, and what it is given is written here.
import type { ClassicMemberMetadata } from '../../protocol/generated/data/consumer-group-member-metadata-value.js';
import { writeConsumerProtocolAssignment, readConsumerProtocolAssignment } from '../../protocol/generated/data/consumer-protocol-assignment.js';
import { readConsumerProtocolSubscription, type ConsumerProtocolSubscription } from '../../protocol/generated/data/consumer-protocol-subscription.js';
import { Reader } from '../../protocol/primitives/reader.js';
import { Writer } from '../../protocol/primitives/writer.js';
import { fromPairs, type Assignment } from './consumer-assignment.js';
import type { ConsumerTopicView } from './consumer-target.js';

/** The highest embedded-protocol versions we read; a newer client's bytes start the same way. */
const MAX_SUBSCRIPTION_VERSION = 3;
const MAX_ASSIGNMENT_VERSION = 3;

export interface ProtocolBytes {
  name: string;
  metadata: Buffer;
}

/** Throws DecodeError on malformed bytes. */
export function readSubscription(metadata: Buffer): ConsumerProtocolSubscription {
  const r = new Reader(metadata);
  const version = r.int16();
  return readConsumerProtocolSubscription(r, Math.min(version, MAX_SUBSCRIPTION_VERSION));
}

export function protocolVersion(metadata: Buffer): number {
  return metadata.length >= 2 ? Math.max(0, metadata.readInt16BE(0)) : 0;
}

/** Topic names (as the embedded protocol carries them) -> ids; unknown topics are left out. */
export function namesToAssignment(parts: readonly { topic: string; partitions: number[] }[], topics: ConsumerTopicView): Assignment {
  const pairs: [string, number][] = [];
  for (const tp of parts) {
    const t = topics.byName(tp.topic);
    if (t) for (const p of tp.partitions) pairs.push([t.topicId, p]);
  }
  return fromPairs(pairs);
}

/** The assignment bytes a SyncGroup answer carries, in the version the member subscribed with. */
export function assignmentBytes(a: Assignment, topics: ConsumerTopicView, version: number): Buffer {
  const assignedPartitions: { topic: string; partitions: number[] }[] = [];
  for (const [topicId, partitions] of a) {
    const topic = topics.nameById(topicId);
    if (topic !== undefined) assignedPartitions.push({ topic, partitions: [...partitions] });
  }
  const v = Math.min(version, MAX_ASSIGNMENT_VERSION);
  const w = new Writer(64);
  w.int16(v);
  writeConsumerProtocolAssignment(w, { assignedPartitions, userData: null }, v);
  return w.toBuffer();
}

/** A classic member's last assignment (bytes of its SyncGroup) as topic ids. Throws DecodeError. */
export function readAssignment(bytes: Buffer, topics: ConsumerTopicView): Assignment {
  if (bytes.length === 0) return new Map();
  const r = new Reader(bytes);
  const version = r.int16();
  return namesToAssignment(readConsumerProtocolAssignment(r, Math.min(version, MAX_ASSIGNMENT_VERSION)).assignedPartitions, topics);
}

export function classicMetadata(sessionTimeoutMs: number, protocols: readonly ProtocolBytes[]): ClassicMemberMetadata {
  return { sessionTimeoutMs, supportedProtocols: protocols.map((p) => ({ name: p.name, metadata: p.metadata })) };
}
