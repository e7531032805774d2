// Vote (key 52), v0-v2, controller listener: a candidate asks for this voter's vote (KIP-595).
// Granted at most once per epoch, only to a candidate whose log is at least as up to date; the vote
// is written to quorum-state before the answer leaves. v2 (KIP-996) carries pre-votes: a voter
// answers whether it would grant, and stores nothing.
// With an authorizer the caller needs CLUSTER_ACTION on the cluster (else CLUSTER_AUTHORIZATION_FAILED).
import { VoteApi, type VoteRequest, type VoteResponse } from '../../../protocol/generated/api/52-vote.js';
import { clusterActionRefusal } from '../access.js';
import { handler } from '../handler.js';

export const voteHandler = handler<VoteRequest, VoteResponse>({
  api: VoteApi,
  minVersion: 0,
  maxVersion: 2,
  listeners: ['controller'],
  handle(req, ctx) {
    const refusal = clusterActionRefusal(ctx, VoteApi);
    if (refusal) return refusal;
    return ctx.services.quorum.vote(req);
  },
});
