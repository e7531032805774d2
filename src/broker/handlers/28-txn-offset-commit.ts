// TxnOffsetCommit (key 28), v0-v4.
// Offsets committed inside a transaction (sendOffsetsToTransaction), served by the group
// coordinator: written to __consumer_offsets as a transactional batch of the producer, invisible
// (and UNSTABLE_OFFSET_COMMIT to require_stable fetches) until the transaction's commit marker
// reaches that partition, dropped by its abort marker. v3+ carry the member id, generation and
// instance id, checked against the group as Kafka does (UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION,
// FENCED_INSTANCE_ID).
// Not implemented: KIP-890 verification of the offsets partition; the new consumer protocol.
// With an authorizer: WRITE on the transactional id, READ on the group and on each topic.
import {
  TxnOffsetCommitApi, type TxnOffsetCommitRequest, type TxnOffsetCommitRequestTopic, type TxnOffsetCommitResponse,
} from '../../../protocol/generated/api/28-txn-offset-commit.js';
import { groupRequestContext } from '../../coordinator/access.js';
import { AclOperation, ResourceType } from '../../metadata/acls.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { allowed } from '../access.js';
import { handler } from '../handler.js';

export const txnOffsetCommitHandler = handler<TxnOffsetCommitRequest, TxnOffsetCommitResponse>({
  api: TxnOffsetCommitApi,
  minVersion: 0,
  maxVersion: 4,
  handle(req, ctx) {
    // Kafka's order: WRITE on the transactional id, READ on the group, READ on each topic.
    const denied = !allowed(ctx, AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, req.transactionalId) ? ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED
      : !allowed(ctx, AclOperation.READ, ResourceType.GROUP, req.groupId) ? ErrorCode.GROUP_AUTHORIZATION_FAILED : ErrorCode.NONE;
    const refused = (t: TxnOffsetCommitRequestTopic, errorCode: number) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })) });
    if (denied !== ErrorCode.NONE) return { throttleTimeMs: 0, topics: req.topics.map((t) => refused(t, denied)) };
    const readable = req.topics.filter((t) => allowed(ctx, AclOperation.READ, ResourceType.TOPIC, t.name));
    const unreadable = req.topics.filter((t) => !readable.includes(t)).map((t) => refused(t, ErrorCode.TOPIC_AUTHORIZATION_FAILED));
    if (unreadable.length === 0) return ctx.services.groups.txnCommitOffsets(req, groupRequestContext(ctx));
    return Promise.resolve(ctx.services.groups.txnCommitOffsets({ ...req, topics: readable }, groupRequestContext(ctx)))
      .then((res) => ({ ...res, topics: [...res.topics, ...unreadable] }));
  },
});
