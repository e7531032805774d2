// OffsetForLeaderEpoch (key 23), v0-v4.
// On the leader, the end offset of the requested leader epoch (the start of the next epoch, or the
// log end offset for the latest), from the leader-epoch cache; consumers use it to detect log
// truncation after a leader change (KIP-320). current_leader_epoch is checked.
// With an authorizer: DESCRIBE on the topic (followers: CLUSTER_ACTION), else TOPIC_AUTHORIZATION_FAILED.
import {
  OffsetForLeaderEpochApi, type OffsetForLeaderEpochRequest, type OffsetForLeaderEpochResponse,
} from '../../../protocol/generated/api/23-offset-for-leader-epoch.js';
import { offsetForLeaderEpoch } from '../../replication/offsets.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { AclOperation, ResourceType } from '../../metadata/acls.js';
import { allowed, clusterAllowed } from '../access.js';
import { handler } from '../handler.js';

export const offsetForLeaderEpochHandler = handler<OffsetForLeaderEpochRequest, OffsetForLeaderEpochResponse>({
  api: OffsetForLeaderEpochApi,
  minVersion: 0,
  maxVersion: 4,
  handle(req, ctx) {
    const { services } = ctx;
    // Followers (replica_id >= 0) need CLUSTER_ACTION, consumers DESCRIBE on the topic.
    const followerDenied = req.replicaId >= 0 && !clusterAllowed(ctx, AclOperation.CLUSTER_ACTION);
    const topics = req.topics.map((t) => ({
      topic: t.topic,
      partitions: t.partitions.map((p) => {
        const denied = followerDenied || !allowed(ctx, AclOperation.DESCRIBE, ResourceType.TOPIC, t.topic);
        const found = denied ? { errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED } : services.replicas.lookup(t.topic, p.partition);
        if ('errorCode' in found) return { errorCode: found.errorCode, partition: p.partition, leaderEpoch: -1, endOffset: -1 };
        return { partition: p.partition, ...offsetForLeaderEpoch(found.partition, p.currentLeaderEpoch, p.leaderEpoch) };
      }),
    }));
    return { throttleTimeMs: 0, topics };
  },
});
