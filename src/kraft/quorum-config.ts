// The Raft quorum's settings from server.properties: the static voters (controller.quorum.voters,
// kraft.version 0) or the bootstrap servers of a dynamic quorum (controller.quorum.bootstrap.servers,
// KIP-853), and KRaft's timing keys.
import { ConfigError } from '../config/definition.js';
import type { Endpoint, ServerConfig, Voter } from '../config/server-config.js';
import { defaultRaftConfig, type RaftConfig } from '../raft/index.js';

/**
 * The static voters. A node configured alone (no voters, no bootstrap servers) is a quorum of
 * itself; with bootstrap servers and no voters the quorum is dynamic and the voters come from the
 * log (none here).
 */
export function resolveVoters(config: ServerConfig): Voter[] {
  const voters = config.voters;
  if (voters.length === 0) return config.bootstrapServers.length > 0 ? [] : [{ id: config.nodeId, host: '', port: 0 }];
  if (!voters.some((v) => v.id === config.nodeId)) {
    throw new ConfigError('controller.quorum.voters', `node.id ${config.nodeId} is not one of the voters; every kraftling node is a controller`);
  }
  if (new Set(voters.map((v) => v.id)).size !== voters.length) throw new ConfigError('controller.quorum.voters', 'a voter id appears twice');
  return voters;
}

/** This node's controller listener endpoints, as it announces them to the quorum (host defaults to localhost). */
export function controllerEndpoints(config: ServerConfig): Endpoint[] {
  const names = new Set(config.controllerListenerNames);
  return config.listeners.filter((l) => names.has(l.name))
    .map((l) => ({ name: l.name, host: l.host === '' || l.host === '0.0.0.0' ? 'localhost' : l.host, port: l.port }));
}

export function raftConfigFor(config: ServerConfig, voters: readonly Voter[], clusterId: string, directoryId: string): RaftConfig {
  const fetchTimeoutMs = config.int('controller.quorum.fetch.timeout.ms');
  return {
    ...defaultRaftConfig(config.nodeId, voters.map((v) => v.id)),
    clusterId,
    directoryId,
    endpoints: controllerEndpoints(config),
    bootstrapServerCount: config.voters.length === 0 ? config.bootstrapServers.length : 0,
    electionTimeoutMs: config.int('controller.quorum.election.timeout.ms'),
    fetchTimeoutMs,
    electionBackoffMaxMs: config.int('controller.quorum.election.backoff.max.ms'),
    requestTimeoutMs: config.int('controller.quorum.request.timeout.ms'),
    retryBackoffMs: config.int('controller.quorum.retry.backoff.ms'),
    // A held fetch must answer well before the follower's fetch timeout would end its patience.
    fetchMaxWaitMs: Math.min(500, Math.floor(fetchTimeoutMs / 2)),
    // A batch must fit in one segment of the metadata log; larger proposals are refused instead.
    maxBatchBytes: Math.min(8 * 1024 * 1024, config.int('metadata.log.segment.bytes')),
    // Pre-vote (KIP-996, Vote v2): a voter cut off from the leader asks before it bumps the epoch,
    // so rejoining after a partition does not depose a leader the others still follow.
    preVote: true,
    // A cluster started as one (kraftling start --nodes N) elects in one round trip.
    eagerFirstElection: true,
  };
}
