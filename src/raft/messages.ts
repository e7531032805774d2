// The messages between the core and its driver: the generated request and response structs of the
// five Raft APIs, with who sent them (or where they go) and a correlation token. The driver encodes
// and decodes them with the generated codecs at whatever version it negotiated.
import type { BeginQuorumEpochRequest, BeginQuorumEpochResponse } from '../../protocol/generated/api/53-begin-quorum-epoch.js';
import type { EndQuorumEpochRequest, EndQuorumEpochResponse } from '../../protocol/generated/api/54-end-quorum-epoch.js';
import type { FetchRequest, FetchResponse } from '../../protocol/generated/api/01-fetch.js';
import type { FetchSnapshotRequest, FetchSnapshotResponse } from '../../protocol/generated/api/59-fetch-snapshot.js';
import type { VoteRequest, VoteResponse } from '../../protocol/generated/api/52-vote.js';
import type { UpdateRaftVoterRequest, UpdateRaftVoterResponse } from '../../protocol/generated/api/82-update-raft-voter.js';

export const RaftApiKey = {
  FETCH: 1,
  VOTE: 52,
  BEGIN_QUORUM_EPOCH: 53,
  END_QUORUM_EPOCH: 54,
  FETCH_SNAPSHOT: 59,
  /** Sent by a voter to the leader only (KIP-853); the leader's driver serves it, not the core. */
  UPDATE_RAFT_VOTER: 82,
} as const;

/** Each Raft API's request and response types, by key. */
export interface RaftExchange {
  1: { request: FetchRequest; response: FetchResponse };
  52: { request: VoteRequest; response: VoteResponse };
  53: { request: BeginQuorumEpochRequest; response: BeginQuorumEpochResponse };
  54: { request: EndQuorumEpochRequest; response: EndQuorumEpochResponse };
  59: { request: FetchSnapshotRequest; response: FetchSnapshotResponse };
}

export type RaftRequestBody =
  | { apiKey: typeof RaftApiKey.VOTE; body: VoteRequest }
  | { apiKey: typeof RaftApiKey.BEGIN_QUORUM_EPOCH; body: BeginQuorumEpochRequest }
  | { apiKey: typeof RaftApiKey.END_QUORUM_EPOCH; body: EndQuorumEpochRequest }
  | { apiKey: typeof RaftApiKey.FETCH; body: FetchRequest }
  | { apiKey: typeof RaftApiKey.FETCH_SNAPSHOT; body: FetchSnapshotRequest }
  | { apiKey: typeof RaftApiKey.UPDATE_RAFT_VOTER; body: UpdateRaftVoterRequest };

export type RaftResponseBody =
  | { apiKey: typeof RaftApiKey.VOTE; body: VoteResponse }
  | { apiKey: typeof RaftApiKey.BEGIN_QUORUM_EPOCH; body: BeginQuorumEpochResponse }
  | { apiKey: typeof RaftApiKey.END_QUORUM_EPOCH; body: EndQuorumEpochResponse }
  | { apiKey: typeof RaftApiKey.FETCH; body: FetchResponse }
  | { apiKey: typeof RaftApiKey.FETCH_SNAPSHOT; body: FetchSnapshotResponse }
  | { apiKey: typeof RaftApiKey.UPDATE_RAFT_VOTER; body: UpdateRaftVoterResponse };

/** A request from a peer. sourceId is the sender's node id when the transport knows it, else -1;
 * correlationId is the driver's token, echoed on the response. */
export type InboundRequest = RaftRequestBody & { kind: 'request'; sourceId: number; correlationId: number };

/** The answer to one of our requests: correlationId is the token of the OutboundRequest. */
export type InboundResponse = RaftResponseBody & { kind: 'response'; sourceId: number; correlationId: number };

/** One of our requests got no answer: the connection failed or the transport gave up. */
export interface RequestFailure {
  kind: 'failure';
  sourceId: number;
  correlationId: number;
}

export type InboundMessage = InboundRequest | InboundResponse | RequestFailure;

/** A request to send to a node: correlationId is the core's token for the answer. */
export type OutboundRequest = RaftRequestBody & { kind: 'request'; destinationId: number; correlationId: number };

/** The answer to an InboundRequest: destinationId and correlationId are the request's. */
export type OutboundResponse = RaftResponseBody & { kind: 'response'; destinationId: number; correlationId: number };

export type OutboundMessage = OutboundRequest | OutboundResponse;
