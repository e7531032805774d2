// WriteTxnMarkers (key 27), v0-v1: sent by transaction coordinators to partition leaders.
// For each marker and each of its partitions, appends a COMMIT or ABORT control batch (Kafka's
// EndTransactionMarker: control and transactional flags, the producer id and epoch, the
// coordinator epoch) on the leader, and answers once the in-sync replicas have it (Kafka appends
// markers with required acks -1 and waits up to request.timeout.ms, 30 s by default). Per
// partition: NOT_LEADER_OR_FOLLOWER off the leader, UNKNOWN_TOPIC_OR_PARTITION for an unknown one,
// NOT_ENOUGH_REPLICAS below min.insync.replicas, INVALID_PRODUCER_EPOCH for a marker older than the
// producer's epoch, TRANSACTION_COORDINATOR_FENCED for an older coordinator epoch than the
// producer's last marker had. Markers may go to internal topics (__consumer_offsets).
// Not implemented: transaction version 2 (KIP-890 part 2; WriteTxnMarkers v2).
// With an authorizer the sender needs CLUSTER_ACTION on the cluster (else CLUSTER_AUTHORIZATION_FAILED per partition).
import {
  WriteTxnMarkersApi, type WritableTxnMarkerResult, type WriteTxnMarkersRequest, type WriteTxnMarkersResponse,
} from '../../../protocol/generated/api/27-write-txn-markers.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { AclOperation } from '../../metadata/acls.js';
import { clusterAllowed } from '../access.js';
import { handler } from '../handler.js';

/** Kafka's request.timeout.ms default, how long a marker waits for the in-sync replicas. */
const MARKER_TIMEOUT_MS = 30_000;

export const writeTxnMarkersHandler = handler<WriteTxnMarkersRequest, WriteTxnMarkersResponse>({
  api: WriteTxnMarkersApi,
  minVersion: 0,
  maxVersion: 1,
  async handle(req, ctx) {
    const { services } = ctx;
    const denied = !clusterAllowed(ctx, AclOperation.CLUSTER_ACTION);
    // Started together (in request order, before any await), answered when all are written.
    const markers = req.markers.map((m): Promise<WritableTxnMarkerResult> => {
      const marker = { producerId: m.producerId, producerEpoch: m.producerEpoch, commit: m.transactionResult, coordinatorEpoch: m.coordinatorEpoch };
      const topics = m.topics.map(async (t) => ({
        name: t.name,
        partitions: await Promise.all(t.partitionIndexes.map(async (partitionIndex) => ({
          partitionIndex,
          errorCode: denied ? ErrorCode.CLUSTER_AUTHORIZATION_FAILED : await services.replicas.writeTxnMarker(t.name, partitionIndex, marker, MARKER_TIMEOUT_MS),
        }))),
      }));
      return Promise.all(topics).then((done) => ({ producerId: m.producerId, topics: done }));
    });
    return { markers: await Promise.all(markers) };
  },
});
