// Hand-made messages for unit tests of the Raft core, and readers for what it answers.
import { ZERO_UUID } from '../../../protocol/primitives/codec-helpers.js';
import type { FetchResponse } from '../../../protocol/generated/api/01-fetch.js';
import type { VoteResponse } from '../../../protocol/generated/api/52-vote.js';
import { fetchRequest, voteRequest, voteResponse } from '../../../src/raft/message-builders.js';
import type { InboundMessage, OutboundMessage, OutboundRequest } from '../../../src/raft/messages.js';

let nextToken = 1000;

export function voteFrom(candidateId: number, candidateEpoch: number, lastOffsetEpoch: number, lastOffset: number, preVote = false): InboundMessage {
  return {
    kind: 'request',
    apiKey: 52,
    sourceId: candidateId,
    correlationId: nextToken++,
    body: voteRequest(null, -1, { candidateEpoch, candidateId, lastOffsetEpoch, lastOffset, preVote }),
  };
}

export function fetchFrom(replicaId: number, epoch: number, fetchOffset: number, lastFetchedEpoch: number, maxWaitMs = 0, directoryId = ZERO_UUID): InboundMessage {
  const position = { currentLeaderEpoch: epoch, fetchOffset, lastFetchedEpoch, logStartOffset: 0 };
  return { kind: 'request', apiKey: 1, sourceId: replicaId, correlationId: nextToken++, body: fetchRequest(null, replicaId, position, maxWaitMs, 1 << 20, directoryId) };
}

export function requestsOf(messages: OutboundMessage[], apiKey: number): OutboundRequest[] {
  return messages.filter((m): m is OutboundRequest => m.kind === 'request' && m.apiKey === apiKey);
}

/** The answer, from `sourceId`, to one of the node's Vote requests. */
export function voteAnswer(request: OutboundRequest, granted: boolean, leaderEpoch: number, leaderId = -1): InboundMessage {
  const body = voteResponse(0, { leaderId, leaderEpoch }, granted);
  return { kind: 'response', apiKey: 52, sourceId: request.destinationId, correlationId: request.correlationId, body };
}

export function voteReply(messages: OutboundMessage[]) {
  const m = messages.find((x) => x.kind === 'response' && x.apiKey === 52);
  if (m === undefined) throw new Error('no vote response');
  return (m.body as VoteResponse).topics[0]!.partitions[0]!;
}

export function fetchReplies(messages: OutboundMessage[]) {
  return messages.filter((x) => x.kind === 'response' && x.apiKey === 1).map((m) => (m.body as FetchResponse).responses[0]!.partitions[0]!);
}
