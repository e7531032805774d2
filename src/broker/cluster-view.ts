// Read helpers over the metadata image shared by several handlers.
import { CONSUMER_OFFSETS_TOPIC, TRANSACTION_STATE_TOPIC } from '../coordinator/internal-topics.js';
import type { MetadataImage } from '../metadata/image.js';
import { liveBrokers, partitionState } from '../metadata/image.js';

export function isInternalTopic(name: string): boolean {
  return name === CONSUMER_OFFSETS_TOPIC || name === TRANSACTION_STATE_TOPIC;
}

const NONE_OFFLINE = Object.freeze([]) as unknown as number[];

/** The replicas on brokers that are fenced or gone; one shared empty list when all are live. */
export function offlineReplicas(image: MetadataImage, replicas: readonly number[]): number[] {
  let offline: number[] | undefined;
  for (const id of replicas) if (image.brokers.get(id)?.fenced !== false) (offline ??= []).push(id);
  return offline ?? NONE_OFFLINE;
}

export interface BrokerAddress {
  id: number;
  host: string;
  port: number;
  rack: string | null;
}

/**
 * Live brokers as reachable on one listener: a client that connected to PLAINTEXT is told the
 * PLAINTEXT addresses. A broker without that listener is left out, as Kafka does.
 */
export function brokerEndpoints(image: MetadataImage, listenerName: string): BrokerAddress[] {
  const out: BrokerAddress[] = [];
  for (const b of liveBrokers(image)) {
    const ep = b.endpoints.find((e) => e.name === listenerName) ?? (b.endpoints.length === 1 ? b.endpoints[0] : undefined);
    if (ep) out.push({ id: b.id, host: ep.host, port: ep.port, rack: b.rack });
  }
  return out;
}

/** The address of one broker on a listener, or undefined when it is not live there. */
export function brokerEndpoint(image: MetadataImage, id: number, listenerName: string): BrokerAddress | undefined {
  return brokerEndpoints(image, listenerName).find((b) => b.id === id);
}

/**
 * KIP-951's hint in a NOT_LEADER_OR_FOLLOWER (or, for Fetch, FENCED_LEADER_EPOCH) answer: the
 * partition's leader and leader epoch as this broker's image has them (-1/-1 when it knows none),
 * the leader's address on the request's listener added to `endpoints` once, when it is live. A
 * client that reads them (Java's since 3.7, librdkafka's since 2.4) retries on the new leader
 * without waiting for a metadata refresh.
 */
export function leaderHint(image: MetadataImage, topic: string, partition: number, listenerName: string,
  endpoints: Map<number, BrokerAddress>): { leaderId: number; leaderEpoch: number } {
  const state = partitionState(image, topic, partition);
  if (state === undefined || state.leader < 0) return { leaderId: -1, leaderEpoch: -1 };
  if (!endpoints.has(state.leader)) {
    const address = brokerEndpoint(image, state.leader, listenerName);
    if (address !== undefined) endpoints.set(state.leader, address);
  }
  return { leaderId: state.leader, leaderEpoch: state.leaderEpoch };
}

/** The endpoints leaderHint gathered, as the NodeEndpoints of a Produce or Fetch response. */
export function nodeEndpoints(endpoints: Map<number, BrokerAddress>): { nodeId: number; host: string; port: number; rack: string | null }[] {
  return [...endpoints.values()].map((b) => ({ nodeId: b.id, host: b.host, port: b.port, rack: b.rack }));
}
