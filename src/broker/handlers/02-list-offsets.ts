// ListOffsets (key 2), v0-v10.
// On the leader: earliest (-2) and earliest-local (-4) give the log start offset, latest (-1) the
// high watermark, or the last stable offset for read_committed (isolation_level 1, v2+), max timestamp (-3) the record with the largest timestamp, and a timestamp the
// first record at or after it (refined inside the batch); offsets not yet committed are not shown.
// current_leader_epoch is checked (FENCED_LEADER_EPOCH / UNKNOWN_LEADER_EPOCH). A leader whose high
// watermark has not reached its epoch's start answers clients OFFSET_NOT_AVAILABLE (v5+; before:
// LEADER_NOT_AVAILABLE), as Kafka does. A replica id other than -1 (a broker, or -2 for a debugging
// tool, which may ask a follower) sees the whole log, to its end.
// With an authorizer: DESCRIBE on the topic, else TOPIC_AUTHORIZATION_FAILED.
// v0's old_style_offsets holds the single answer. Not implemented: tiered storage (-5, -6 find nothing).
import {
  ListOffsetsApi, type ListOffsetsPartitionResponse, type ListOffsetsRequest, type ListOffsetsResponse,
} from '../../../protocol/generated/api/02-list-offsets.js';
import { listOffset, type OffsetQuery } from '../../replication/offsets.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { AclOperation, ResourceType } from '../../metadata/acls.js';
import { allowed } from '../access.js';
import { handler } from '../handler.js';

/** Kafka's ListOffsetsRequest replica ids: a client, and a tool that may ask a follower. */
const CONSUMER_REPLICA_ID = -1;
const DEBUGGING_REPLICA_ID = -2;

export const listOffsetsHandler = handler<ListOffsetsRequest, ListOffsetsResponse>({
  api: ListOffsetsApi,
  minVersion: 0,
  maxVersion: 10,
  handle(req, ctx) {
    const { services, version } = ctx;
    const query: OffsetQuery = req.replicaId === CONSUMER_REPLICA_ID
      ? { isolationLevel: version >= 2 && req.isolationLevel === 1 ? 1 : 0, leaderOnly: true }
      : { isolationLevel: null, leaderOnly: req.replicaId !== DEBUGGING_REPLICA_ID };
    const topics = req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p): ListOffsetsPartitionResponse => {
        const found = allowed(ctx, AclOperation.DESCRIBE, ResourceType.TOPIC, t.name)
          ? services.replicas.lookup(t.name, p.partitionIndex) : { errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED };
        const a = 'errorCode' in found
          ? { errorCode: found.errorCode, timestamp: -1, offset: -1, leaderEpoch: -1 }
          : listOffset(found.partition, p.timestamp, p.currentLeaderEpoch, query);
        // OFFSET_NOT_AVAILABLE came with v5; older clients get the retriable error Kafka gives them.
        const errorCode = a.errorCode === ErrorCode.OFFSET_NOT_AVAILABLE && version < 5 ? ErrorCode.LEADER_NOT_AVAILABLE : a.errorCode;
        return {
          partitionIndex: p.partitionIndex, errorCode, timestamp: a.timestamp, offset: a.offset,
          leaderEpoch: a.leaderEpoch, oldStyleOffsets: version === 0 && a.offset >= 0 ? [a.offset] : [],
        };
      }),
    }));
    return { throttleTimeMs: 0, topics };
  },
});
