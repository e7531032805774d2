// What the handlers of the Raft and quorum APIs call: one typed entry point per API, onto the
// node's RaftQuorum. DescribeQuorum and the KIP-853 voter changes are served by the leader; on
// another node they are forwarded to it over its controller listener, as a Kafka broker forwards them.
import type { ApiDefinition } from '../../protocol/definition.js';
import { ErrorCode } from '../../protocol/errors.js';
import { DescribeQuorumApi, type DescribeQuorumResponse } from '../../protocol/generated/api/55-describe-quorum.js';
import { AddRaftVoterApi, type AddRaftVoterRequest, type AddRaftVoterResponse } from '../../protocol/generated/api/80-add-raft-voter.js';
import { RemoveRaftVoterApi, type RemoveRaftVoterRequest, type RemoveRaftVoterResponse } from '../../protocol/generated/api/81-remove-raft-voter.js';
import { UpdateRaftVoterApi, type UpdateRaftVoterRequest, type UpdateRaftVoterResponse } from '../../protocol/generated/api/82-update-raft-voter.js';
import type { QuorumAccess } from '../broker/services.js';
import type { ServerConfig } from '../config/server-config.js';
import type { RaftQuorum } from '../kraft/raft-quorum.js';
import { METADATA_TOPIC, RaftApiKey, type Voter } from '../raft/index.js';
import { probeNewVoter } from './new-voter-probe.js';
import type { PeerClient } from './peer-client.js';

function newVoter(id: number, directoryId: string, listeners: readonly { name: string; host: string; port: number }[],
  kraftVersion: { min: number; max: number }): Voter {
  return { id, directoryId, endpoints: listeners.map((l) => ({ name: l.name, host: l.host, port: l.port })), kraftVersion, weight: 1 };
}

export function quorumAccess(quorum: RaftQuorum, peers: PeerClient, config: ServerConfig, nodeId: number): QuorumAccess {
  const timeoutMs = config.int('controller.quorum.request.timeout.ms');
  /** The leader's answer when this node does not lead; undefined to answer here. */
  const forward = async <Req, Res>(api: ApiDefinition<Req, Res>, req: Req, callTimeoutMs = timeoutMs): Promise<Res | undefined> => {
    const leaderId = quorum.leader().leaderId;
    const address = quorum.addressOf(leaderId);
    if (leaderId === nodeId || leaderId < 0 || address === undefined) return undefined;
    try {
      return await peers.request(address, api, 0, req, callTimeoutMs);
    } catch {
      return undefined;
    }
  };
  const change = async (...args: Parameters<RaftQuorum['changeVoters']>) => {
    const result = await quorum.changeVoters(...args);
    return { throttleTimeMs: 0, ...result };
  };
  return {
    vote: (req) => quorum.handleRequest(RaftApiKey.VOTE, req),
    beginQuorumEpoch: (req) => quorum.handleRequest(RaftApiKey.BEGIN_QUORUM_EPOCH, req),
    endQuorumEpoch: (req) => quorum.handleRequest(RaftApiKey.END_QUORUM_EPOCH, req),
    fetch: (req) => quorum.handleRequest(RaftApiKey.FETCH, req),
    fetchSnapshot: (req) => quorum.handleRequest(RaftApiKey.FETCH_SNAPSHOT, req),
    describe: () => describeQuorum(quorum, peers, config, nodeId),
    kraftVersion: () => quorum.status.kraftVersion,
    upgradeKraftVersion: (level, validateOnly) => quorum.changeVoters({ kraftVersion: { level, validateOnly } }),
    isLeader: () => quorum.leader().leaderId === nodeId,
    async addVoter(req: AddRaftVoterRequest): Promise<AddRaftVoterResponse> {
      const forwarded = quorum.leader().leaderId !== nodeId ? await forward(AddRaftVoterApi, req, req.timeoutMs + timeoutMs) : undefined;
      if (forwarded !== undefined) return forwarded;
      const probe = await probeNewVoter(peers, req.voterId, req.listeners, quorum.status.kraftVersion, timeoutMs);
      if (!probe.ok) return { throttleTimeMs: 0, errorCode: probe.errorCode, errorMessage: probe.errorMessage };
      return change({ add: newVoter(req.voterId, req.voterDirectoryId, req.listeners, probe.range) });
    },
    async removeVoter(req: RemoveRaftVoterRequest): Promise<RemoveRaftVoterResponse> {
      const forwarded = quorum.leader().leaderId !== nodeId ? await forward(RemoveRaftVoterApi, req) : undefined;
      return forwarded ?? change({ remove: { id: req.voterId, directoryId: req.voterDirectoryId } });
    },
    async updateVoter(req: UpdateRaftVoterRequest): Promise<UpdateRaftVoterResponse> {
      // A voter sends its own update to the leader; an operator's weight change may reach any node.
      const forwarded = req.weight !== -1 && quorum.leader().leaderId !== nodeId ? await forward(UpdateRaftVoterApi, req) : undefined;
      return forwarded ?? quorum.updateVoterRequest(req);
    },
  };
}

/** The leader answers DescribeQuorum; any other node asks the leader, over its controller listener. */
async function describeQuorum(quorum: RaftQuorum, peers: PeerClient, config: ServerConfig, nodeId: number): Promise<DescribeQuorumResponse> {
  const partition = quorum.describeQuorum();
  const leader = quorum.addressOf(partition.leaderId);
  if (partition.errorCode === ErrorCode.NOT_LEADER_OR_FOLLOWER && leader && partition.leaderId !== nodeId) {
    try {
      return await peers.request(leader, DescribeQuorumApi, 2, {
        topics: [{ topicName: METADATA_TOPIC, partitions: [{ partitionIndex: 0 }] }],
      }, config.int('controller.quorum.request.timeout.ms'));
    } catch {
      // Answer with what this node knows: the leader, without the voters' progress.
    }
  }
  const name = config.controllerListenerNames[0] ?? 'CONTROLLER';
  // v2's Nodes: each voter's endpoints as the voter set has them (the static voters' otherwise).
  const voterSet = quorum.voterSet();
  const nodes = quorum.currentVoters().map((v) => {
    const endpoints = voterSet.get(v.id)?.endpoints ?? [];
    const listeners = endpoints.length > 0 ? endpoints : v.port > 0 ? [{ name, host: v.host, port: v.port }] : [];
    return { nodeId: v.id, listeners, weight: voterSet.get(v.id)?.weight ?? 1 };
  });
  return { errorCode: ErrorCode.NONE, errorMessage: null, topics: [{ topicName: METADATA_TOPIC, partitions: [partition] }], nodes };
}
