// Vote (key 52), v0-v1, controller listener: a candidate asks for this voter's vote (KIP-595).
// Granted at most once per epoch, only to a candidate whose log is at least as up to date; the vote
// is written to quorum-state before the answer leaves. Pre-votes (KIP-996) need Vote v2, which
// this protocol layer does not have yet, so elections go straight to a real vote.
import { VoteApi, type VoteRequest, type VoteResponse } from '../../../protocol/generated/api/52-vote.js';
import { handler } from '../handler.js';

export const voteHandler = handler<VoteRequest, VoteResponse>({
  api: VoteApi,
  minVersion: 0,
  maxVersion: 1,
  listeners: ['controller'],
  handle(req, { services }) {
    return services.quorum.handleRequest(VoteApi.key, req) as Promise<VoteResponse>;
  },
});
