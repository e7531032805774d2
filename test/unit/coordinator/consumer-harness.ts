// Drives the consumer group protocol (KIP-848) on the virtual-clock coordinator harness: a topic
// table standing in for the metadata image, and heartbeats answered once their records are flushed.
import { ErrorCode } from '../../../protocol/errors.js';
import type {
  ConsumerGroupHeartbeatRequest, ConsumerGroupHeartbeatResponse,
} from '../../../protocol/generated/api/68-consumer-group-heartbeat.js';
import type { ConsumerTopicView } from '../../../src/coordinator/consumer-target.js';
import { Harness } from './harness.js';

export class Topics implements ConsumerTopicView {
  readonly counts = new Map<string, number>();
  add(name: string, partitions: number): this {
    this.counts.set(name, partitions);
    return this;
  }
  /** A Kafka Uuid (22 base64url characters) spelling the name, so tests can map it back. */
  id(name: string): string {
    const b = Buffer.alloc(16);
    b.write(name.slice(0, 16));
    return b.toString('base64url');
  }
  name(topicId: string): string {
    return Buffer.from(topicId, 'base64url').toString().replace(/\0+$/, '');
  }
  byName(name: string): { topicId: string; partitionCount: number } | undefined {
    const n = this.counts.get(name);
    return n === undefined ? undefined : { topicId: this.id(name), partitionCount: n };
  }
  names(): Iterable<string> {
    return this.counts.keys();
  }
  nameById(topicId: string): string | undefined {
    const name = this.name(topicId);
    return this.counts.has(name) ? name : undefined;
  }
}

export type Owned = Record<string, number[]>;

export function cgh(h: Harness, topics: Topics, req: Partial<ConsumerGroupHeartbeatRequest> & { memberId: string; memberEpoch: number },
  owned: Owned | null = null, apiVersion = 1): ConsumerGroupHeartbeatResponse {
  const full: ConsumerGroupHeartbeatRequest = {
    groupId: 'g', instanceId: null, rackId: null, rebalanceTimeoutMs: -1, subscribedTopicNames: null,
    subscribedTopicRegex: null, serverAssignor: null,
    topicPartitions: owned === null ? null : Object.entries(owned).map(([t, partitions]) => ({ topicId: topics.id(t), partitions })),
    ...req,
  };
  let out: ConsumerGroupHeartbeatResponse | undefined;
  h.coordinator.consumerGroupHeartbeat(full, h.ctx(apiVersion), topics, (r) => (out = r));
  h.flush();
  if (!out) throw new Error('heartbeat not answered');
  return out;
}

/** A join (epoch 0) with the fields a first request must carry. */
export function join(h: Harness, topics: Topics, memberId: string, names: string[] | null,
  extra: Partial<ConsumerGroupHeartbeatRequest> = {}): ConsumerGroupHeartbeatResponse {
  return cgh(h, topics, { memberId, memberEpoch: 0, rebalanceTimeoutMs: 30_000, subscribedTopicNames: names, ...extra }, {});
}

/** The response's assignment as topic name -> partitions (null when none was sent). */
export function assignmentOf(topics: Topics, r: ConsumerGroupHeartbeatResponse): Owned | null {
  if (r.errorCode !== ErrorCode.NONE) throw new Error(`heartbeat error ${r.errorCode}`);
  if (r.assignment === null) return null;
  const out: Owned = {};
  for (const tp of r.assignment.topicPartitions) out[topics.name(tp.topicId)] = [...tp.partitions].sort((a, b) => a - b);
  return out;
}
