// Which internal-topic partition owns a group id or transactional id, computed exactly as Kafka
// does (Utils.abs(key.hashCode) % partitions) so that kraftling and Kafka agree on placement and a
// log copied between them replays onto the same partitions.
import type { MetadataImage } from '../metadata/image.js';

/** FindCoordinator key types. */
export const CoordinatorKeyType = {
  GROUP: 0,
  TRANSACTION: 1,
  SHARE: 2,
} as const;

/** Java's String.hashCode: UTF-16 code units, 32-bit wrap-around arithmetic. */
export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** Kafka's Utils.abs: Math.abs, except that Integer.MIN_VALUE maps to 0 instead of staying negative. */
function kafkaAbs(n: number): number {
  return n === -2147483648 ? 0 : Math.abs(n);
}

export function coordinatorPartition(key: string, numPartitions: number): number {
  return kafkaAbs(javaStringHashCode(key)) % numPartitions;
}

/**
 * The partitions of an internal topic that `nodeId` leads, with their leader epochs. The runtime
 * diffs this against the previous image to decide which coordinator shards to load and unload.
 */
export function partitionsLedBy(image: MetadataImage, topic: string, nodeId: number): Map<number, number> {
  const led = new Map<number, number>();
  const state = image.topicsByName.get(topic);
  if (!state) return led;
  for (const p of state.partitions) if (p.leader === nodeId) led.set(p.partitionId, p.leaderEpoch);
  return led;
}
