// DescribeLogDirs (key 35), v0-4.
// The broker's log directory (kraftling keeps one per node) with the size of each hosted
// partition's log the request names, every hosted one when topics is null, as Kafka's
// ReplicaManager.describeLogDirs answers: a partition not hosted here is left out, offsetLag is 0
// (a replica's log end against its own high watermark) and no log is a future one
// (AlterReplicaLogDirs is not supported). v4 adds the volume's total and usable bytes, -1 where
// unknown. Needs DESCRIBE on the cluster: without it the answer has no directory and, from v3,
// CLUSTER_AUTHORIZATION_FAILED.
import {
  DescribeLogDirsApi, type DescribeLogDirsRequest, type DescribeLogDirsResponse, type DescribeLogDirsTopic,
} from '../../../protocol/generated/api/35-describe-log-dirs.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { AclOperation } from '../../metadata/acls.js';
import { clusterAllowed } from '../access.js';
import { handler } from '../handler.js';

/** Kafka's DescribeLogDirsResponse.UNKNOWN_VOLUME_BYTES. */
const UNKNOWN_VOLUME_BYTES = -1;

export const describeLogDirsHandler = handler<DescribeLogDirsRequest, DescribeLogDirsResponse>({
  api: DescribeLogDirsApi,
  minVersion: 0,
  maxVersion: 4,
  handle(req, ctx) {
    if (!clusterAllowed(ctx, AclOperation.DESCRIBE)) {
      return { throttleTimeMs: 0, errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED, results: [] };
    }
    const named = req.topics === null ? undefined : new Map(req.topics.map((t) => [t.topic, new Set(t.partitions)]));
    const dir = ctx.services.replicas.describeLogDir((topic, partition) => named === undefined || named.get(topic)?.has(partition) === true);
    const topics = new Map<string, DescribeLogDirsTopic>();
    for (const log of dir.logs) {
      let topic = topics.get(log.topic);
      if (topic === undefined) topics.set(log.topic, (topic = { name: log.topic, partitions: [] }));
      topic.partitions.push({ partitionIndex: log.partition, partitionSize: log.sizeBytes, offsetLag: 0, isFutureKey: false });
    }
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      results: [{
        errorCode: ErrorCode.NONE, logDir: dir.path, topics: [...topics.values()],
        totalBytes: dir.volume?.totalBytes ?? UNKNOWN_VOLUME_BYTES, usableBytes: dir.volume?.usableBytes ?? UNKNOWN_VOLUME_BYTES,
      }],
    };
  },
});
