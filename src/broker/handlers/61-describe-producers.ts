// DescribeProducers (key 61), v0.
// On any replica of each partition, leader or follower (Kafka's Partition.activeProducerState reads
// the local log either way: kafka-transactions find-hanging --broker-id asks one broker about all
// its replicas), the producers its log's state holds: id, epoch, last sequence (-1 when its last
// write was a marker), the timestamp of its last batch or marker, the coordinator epoch of its last
// marker (-1: none) and the first offset of its open transaction (-1: none). Every replica keeps
// this state from the log itself, and it survives restarts through the producer snapshots.
// NOT_LEADER_OR_FOLLOWER on a broker without a replica, UNKNOWN_TOPIC_OR_PARTITION for a partition
// the metadata does not have, TOPIC_AUTHORIZATION_FAILED without READ on the topic.
import {
  DescribeProducersApi, type DescribeProducersRequest, type DescribeProducersResponse, type PartitionResponse, type ProducerState,
} from '../../../protocol/generated/api/61-describe-producers.js';
import { ErrorCode } from '../../../protocol/errors.js';
import type { ReplicaManager } from '../../replication/replica-manager.js';
import { AclOperation, ResourceType } from '../../metadata/acls.js';
import { allowed } from '../access.js';
import { handler } from '../handler.js';

export const describeProducersHandler = handler<DescribeProducersRequest, DescribeProducersResponse>({
  api: DescribeProducersApi,
  minVersion: 0,
  maxVersion: 0,
  handle(req, ctx) {
    const topics = req.topics.map((t) => ({
      name: t.name,
      partitions: allowed(ctx, AclOperation.READ, ResourceType.TOPIC, t.name)
        ? t.partitionIndexes.map((i) => describePartition(ctx.services.replicas, t.name, i))
        : t.partitionIndexes.map((partitionIndex) => ({ partitionIndex, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED, errorMessage: null, activeProducers: [] })),
    }));
    return { throttleTimeMs: 0, topics };
  },
});

function describePartition(replicas: ReplicaManager, topic: string, partitionIndex: number): PartitionResponse {
  const fail = (errorCode: number): PartitionResponse => ({ partitionIndex, errorCode, errorMessage: null, activeProducers: [] });
  const found = replicas.lookup(topic, partitionIndex);
  if ('errorCode' in found) return fail(found.errorCode);
  let producers: ReturnType<typeof found.partition.log.producerEntries>;
  try {
    producers = found.partition.log.producerEntries();
  } catch {
    // The log went offline (an I/O failure): Kafka's answer for a log dir it cannot read.
    return fail(ErrorCode.KAFKA_STORAGE_ERROR);
  }
  const activeProducers: ProducerState[] = [...producers].map(([producerId, e]) => ({
    producerId, producerEpoch: e.epoch, lastSequence: e.batches.at(-1)?.lastSeq ?? -1, lastTimestamp: e.lastTimestampMs,
    coordinatorEpoch: e.coordinatorEpoch, currentTxnStartOffset: e.currentTxnFirstOffset,
  }));
  return { partitionIndex, errorCode: ErrorCode.NONE, errorMessage: null, activeProducers };
}
