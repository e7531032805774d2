// The metadata image: what every broker knows about the cluster, rebuilt only by replaying the
// __cluster_metadata log. Images are never mutated; MetadataDelta builds the next one, copying a
// map or topic only the first time a delta touches it, so replaying 100,000 partition records
// costs one copy, not one per record.
import type { BrokerEndpoint } from '../../protocol/generated/metadata/00-register-broker-record.js';
import type { ClientQuotas } from './client-quotas.js';
import type { AclEntry } from './acls.js';
import type { DelegationTokenState } from './delegation-tokens.js';

/** Kafka's LeaderRecoveryState (KIP-704): a leader elected uncleanly is RECOVERING until its
 * AlterPartition says RECOVERED; meanwhile its ISR may not grow. */
export const RECOVERED = 0;
export const RECOVERING = 1;

export interface PartitionState {
  partitionId: number;
  topicId: string;
  replicas: readonly number[];
  isr: readonly number[];
  /** -1 when no replica can lead. */
  leader: number;
  leaderEpoch: number;
  partitionEpoch: number;
  /** RECOVERED, or RECOVERING after an unclean election (KIP-704). */
  leaderRecoveryState: number;
  /** Replicas an ongoing reassignment adds / removes (KIP-455); absent or empty when none is. */
  addingReplicas?: readonly number[];
  removingReplicas?: readonly number[];
}

export interface TopicState {
  name: string;
  topicId: string;
  /** Indexed by partition id. */
  partitions: readonly PartitionState[];
}

export interface BrokerState {
  id: number;
  epoch: number;
  incarnationId: string;
  endpoints: readonly BrokerEndpoint[];
  rack: string | null;
  fenced: boolean;
  inControlledShutdown: boolean;
  /** The feature ranges the broker registered with: what it can serve. */
  features: readonly { name: string; minSupportedVersion: number; maxSupportedVersion: number }[];
}

export const enum ConfigResourceType {
  TOPIC = 2,
  BROKER = 4,
  GROUP = 32,
}

export interface MetadataImage {
  /** Offset of the last record applied, -1 for the empty image. */
  readonly offset: number;
  /** Leader epoch of the batch holding that record. */
  readonly epoch: number;
  readonly topicsByName: ReadonlyMap<string, TopicState>;
  readonly topicsById: ReadonlyMap<string, TopicState>;
  readonly brokers: ReadonlyMap<number, BrokerState>;
  /** Non-default configs by `configKey(type, name)`. */
  readonly configs: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly features: ReadonlyMap<string, number>;
  /** First producer id not yet handed out in a block. */
  readonly nextProducerId: number;
  /** ACLs by id (AccessControlEntryRecord). */
  readonly acls: ReadonlyMap<string, AclEntry>;
  /** Delegation tokens by token id (DelegationTokenRecord). */
  readonly delegationTokens: ReadonlyMap<string, DelegationTokenState>;
  /** SCRAM credentials (UserScramCredentialRecord) by user, then mechanism type (1: SHA-256, 2: SHA-512). */
  readonly scramCredentials: ReadonlyMap<string, ReadonlyMap<number, ScramCredentialState>>;
  /** Client quotas by `quotaEntityKey(entity)`. */
  readonly clientQuotas: ClientQuotas;
  /** What the delta that built this image changed, so publishers act on that alone (Kafka hands
   * them the MetadataDelta); absent when built from a snapshot or by hand: then compare whole. */
  readonly changes?: ImageChanges;
}

/** The topics and configs one delta touched, relative to the image at offset `since`. It names the
 * base by offset, not by reference, so an image does not keep every older image alive. */
export interface ImageChanges {
  readonly since: number;
  /** Topics created, changed or removed. */
  readonly topicIds: ReadonlySet<string>;
  /** `configKey`s whose configs changed (set, deleted, or dropped with their topic). */
  readonly configKeys: ReadonlySet<string>;
}

/** `image`'s changes when they are relative to `previous`, else undefined (compare whole images). */
export function changesSince(image: MetadataImage, previous: MetadataImage): ImageChanges | undefined {
  const changes = image.changes;
  return changes !== undefined && changes.since === previous.offset && previous !== EMPTY_IMAGE ? changes : undefined;
}

export interface ScramCredentialState {
  salt: Buffer;
  storedKey: Buffer;
  serverKey: Buffer;
  iterations: number;
}

export const EMPTY_IMAGE: MetadataImage = {
  offset: -1,
  epoch: -1,
  topicsByName: new Map(),
  topicsById: new Map(),
  brokers: new Map(),
  configs: new Map(),
  features: new Map(),
  nextProducerId: 0,
  acls: new Map(),
  delegationTokens: new Map(),
  scramCredentials: new Map(),
  clientQuotas: new Map(),
};

export function configKey(type: number, name: string): string {
  return `${type}:${name}`;
}

export function topicConfigs(image: MetadataImage, topic: string): ReadonlyMap<string, string> {
  return image.configs.get(configKey(ConfigResourceType.TOPIC, topic)) ?? EMPTY_CONFIGS;
}

function brokerConfigs(image: MetadataImage, brokerId: number | ''): ReadonlyMap<string, string> {
  return image.configs.get(configKey(ConfigResourceType.BROKER, String(brokerId))) ?? EMPTY_CONFIGS;
}

/** A group's configs (KIP-848), as IncrementalAlterConfigs set them on resource type GROUP. */
export function groupConfigs(image: MetadataImage, groupId: string): ReadonlyMap<string, string> {
  return image.configs.get(configKey(ConfigResourceType.GROUP, groupId)) ?? EMPTY_CONFIGS;
}

/** A broker's dynamic configs as config/effective.ts reads them: its own, and the cluster defaults. */
export function dynamicBrokerConfigs(image: MetadataImage, brokerId: number): { perBroker: ReadonlyMap<string, string>; clusterDefault: ReadonlyMap<string, string> } {
  return { perBroker: brokerConfigs(image, brokerId), clusterDefault: brokerConfigs(image, '') };
}

const EMPTY_CONFIGS: ReadonlyMap<string, string> = new Map();

/** Brokers that are registered and not fenced, by ascending id. */
export function liveBrokers(image: MetadataImage): BrokerState[] {
  return [...image.brokers.values()].filter((b) => !b.fenced).sort((a, b) => a.id - b.id);
}

export function partitionState(image: MetadataImage, topic: string, partition: number): PartitionState | undefined {
  return image.topicsByName.get(topic)?.partitions[partition];
}
