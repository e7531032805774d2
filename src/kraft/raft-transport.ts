// Raft requests to the other voters, over their controller listeners (their endpoints in the voter
// set, controller.quorum.voters, or the bootstrap servers for ids -2, -3, ...), with the generated codecs. The versions are the highest both ends of a kraftling quorum speak.
import type { ApiDefinition } from '../../protocol/definition.js';
import { FetchApi } from '../../protocol/generated/api/01-fetch.js';
import { VoteApi } from '../../protocol/generated/api/52-vote.js';
import { BeginQuorumEpochApi } from '../../protocol/generated/api/53-begin-quorum-epoch.js';
import { EndQuorumEpochApi } from '../../protocol/generated/api/54-end-quorum-epoch.js';
import { FetchSnapshotApi } from '../../protocol/generated/api/59-fetch-snapshot.js';
import { UpdateRaftVoterApi } from '../../protocol/generated/api/82-update-raft-voter.js';
import type { OutboundRequest } from '../raft/index.js';

/** Each Raft API with the version this node sends. */
export const RAFT_APIS: ReadonlyMap<number, { api: ApiDefinition; version: number }> = new Map([
  [FetchApi.key, { api: FetchApi, version: 17 }],
  [VoteApi.key, { api: VoteApi, version: 2 }],
  [BeginQuorumEpochApi.key, { api: BeginQuorumEpochApi, version: 1 }],
  [EndQuorumEpochApi.key, { api: EndQuorumEpochApi, version: 1 }],
  [FetchSnapshotApi.key, { api: FetchSnapshotApi, version: 1 }],
  [UpdateRaftVoterApi.key, { api: UpdateRaftVoterApi, version: 0 }],
]);

/** What sends a request to another node and resolves with its response (the node's peer client). */
export interface PeerRequester {
  request<Req, Res>(address: { host: string; port: number }, api: ApiDefinition<Req, Res>, version: number, body: Req, timeoutMs: number): Promise<Res>;
}

export interface RaftTransport {
  /** Sends a request to another voter; resolves with the response body, rejects when none comes. */
  send(request: OutboundRequest): Promise<unknown>;
}

export class PeerRaftTransport implements RaftTransport {
  constructor(
    private readonly peers: PeerRequester,
    /** Where a node's controller listener is, or undefined when it is not known (yet). */
    private readonly addressOf: (nodeId: number) => { host: string; port: number } | undefined,
    private readonly timeoutMs: number,
  ) {}

  send(request: OutboundRequest): Promise<unknown> {
    const address = this.addressOf(request.destinationId);
    const entry = RAFT_APIS.get(request.apiKey);
    if (!address || !entry) return Promise.reject(new Error(`no route for Raft API ${request.apiKey} to ${request.destinationId}`));
    // A held fetch may take the long-poll time on top of the usual request timeout.
    return this.peers.request(address, entry.api, entry.version, request.body, this.timeoutMs);
  }
}
