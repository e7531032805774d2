// The settings the Raft core runs with. The runtime maps Kafka's controller.quorum.* keys onto
// them; the core only sees numbers. Defaults are Kafka's.
import { ZERO_UUID } from '../../protocol/primitives/codec-helpers.js';

/** The KRaft metadata partition: __cluster_metadata-0 with its fixed topic id. */
export const METADATA_TOPIC = '__cluster_metadata';
export const METADATA_PARTITION = 0;
/** Uuid.METADATA_TOPIC_ID (0x...01) as base64url, the codecs' uuid form. */
export const METADATA_TOPIC_ID = 'AAAAAAAAAAAAAAAAAAAAAQ';

export interface RaftConfig {
  nodeId: number;
  /** controller.quorum.voters ids (kraft.version 0). Empty in a dynamic quorum (KIP-853): the voters
   * then come from the VotersRecord of the snapshot and the log. A node not a voter is an observer. */
  voterIds: readonly number[];
  /** This node's metadata log directory id (meta.properties directory.id); ZERO_UUID when unknown. */
  directoryId: string;
  /** This node's controller listener endpoints, as a voter announces them (UpdateRaftVoter). */
  endpoints: readonly { name: string; host: string; port: number }[];
  /** How many controller.quorum.bootstrap.servers there are: an observer that knows no leader
   * fetches from them, as ids -2, -3, ... (the transport maps them to addresses, as Kafka does). */
  bootstrapServerCount: number;
  /** Checked against the clusterId of inbound requests when both are known. */
  clusterId: string | null;
  /** controller.quorum.election.timeout.ms: each election waits a random time in [t, 2t). */
  electionTimeoutMs: number;
  /** controller.quorum.fetch.timeout.ms: a follower without a good fetch response this long starts
   * an election; a leader not fetched from by a majority this long resigns (check quorum). */
  fetchTimeoutMs: number;
  /** controller.quorum.election.backoff.max.ms: cap of the random wait after a lost election. */
  electionBackoffMaxMs: number;
  /** controller.quorum.request.timeout.ms: an unanswered request is retried after this. */
  requestTimeoutMs: number;
  /** controller.quorum.retry.backoff.ms: wait before resending a failed request. */
  retryBackoffMs: number;
  /** How long the leader holds a fetch that has nothing new (the long poll). */
  fetchMaxWaitMs: number;
  /** Bytes of records per Fetch response. */
  fetchMaxBytes: number;
  /** Bytes per FetchSnapshot chunk. */
  snapshotChunkBytes: number;
  /** Largest batch propose() accepts. */
  maxBatchBytes: number;
  /** KIP-996: elections start with a Pre-Vote round that changes no state. Needs Vote v2 on the
   * wire; with it off, an expired timer goes straight to a real election. */
  preVote: boolean;
  /** In a brand-new quorum (no stored state), the lowest voter id stands for election at once
   * rather than after an election timeout: voters started together elect without split votes. */
  eagerFirstElection: boolean;
  /** Set by `kraftling metadata-quorum force-voters` on the surviving side of a quorum that lost its
   * majority (forced-voters.ts): these voters only, from a quorum-state epoch far above the old one. */
  forcedVoters: ForcedVoters | undefined;
}

export interface ForcedVoters {
  /** The surviving voters, a subset of the voter set in force (their weights are kept). */
  ids: readonly number[];
  /** The epoch the command raised this node to; a VotersRecord of this epoch or later ends it. */
  epoch: number;
}

export function defaultRaftConfig(nodeId: number, voterIds: readonly number[]): RaftConfig {
  return {
    nodeId,
    voterIds,
    directoryId: ZERO_UUID,
    endpoints: [],
    forcedVoters: undefined,
    bootstrapServerCount: 0,
    clusterId: null,
    electionTimeoutMs: 1000,
    fetchTimeoutMs: 2000,
    electionBackoffMaxMs: 1000,
    requestTimeoutMs: 2000,
    retryBackoffMs: 20,
    fetchMaxWaitMs: 500,
    fetchMaxBytes: 8 * 1024 * 1024,
    snapshotChunkBytes: 1024 * 1024,
    maxBatchBytes: 8 * 1024 * 1024,
    preVote: true,
    eagerFirstElection: false,
  };
}

/** Throws on settings that cannot work; the runtime validates user input before this. */
export function checkRaftConfig(config: RaftConfig): void {
  const problems: string[] = [];
  if (new Set(config.voterIds).size !== config.voterIds.length) problems.push('duplicate voter ids');
  for (const key of ['electionTimeoutMs', 'fetchTimeoutMs', 'requestTimeoutMs', 'fetchMaxBytes', 'snapshotChunkBytes'] as const) {
    if (!(config[key] > 0)) problems.push(`${key} must be positive`);
  }
  if (config.electionBackoffMaxMs < 0 || config.retryBackoffMs < 0) problems.push('negative backoff');
  // A long poll that outlives the request timeout or the fetch timeout would look like a dead leader.
  if (config.fetchMaxWaitMs >= config.requestTimeoutMs) problems.push('fetchMaxWaitMs must be below requestTimeoutMs');
  if (config.fetchMaxWaitMs >= config.fetchTimeoutMs) problems.push('fetchMaxWaitMs must be below fetchTimeoutMs');
  if (problems.length > 0) throw new RangeError(`invalid raft config: ${problems.join(', ')}`);
}

/** The id a bootstrap server stands for in requests (Kafka numbers them -2, -3, ...). */
export function bootstrapServerId(index: number): number {
  return -2 - index;
}
