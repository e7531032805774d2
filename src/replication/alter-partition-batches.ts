// ISR changes go to the controller in batches, as Kafka's AlterPartitionManager sends them: one
// AlterPartition request in flight at a time, carrying every change queued since the last one went
// out. Sent one per partition, the ISR expansions that follow creating thousands of partitions
// were thousands of requests, each a proposal the controller applied again on every commit until
// it was committed (seconds of a busy controller, here). Callers keep the one-partition view: each
// gets the answer for its own partition.
import type { AlterPartitionRequest, AlterPartitionResponse } from '../../protocol/generated/api/56-alter-partition.js';
import { ZERO_UUID } from '../../protocol/primitives/codec-helpers.js';
import type { AlterPartitionSender } from './isr.js';

interface Queued {
  req: AlterPartitionRequest;
  resolve: (res: AlterPartitionResponse) => void;
  reject: (err: unknown) => void;
}

/** A sender with the same one-request view as `send`, which merges what callers ask meanwhile. */
export function batchedAlterPartitions(send: AlterPartitionSender): AlterPartitionSender {
  let queue: Queued[] = [];
  let inFlight = false;
  let scheduled = false;

  const flush = (): void => {
    scheduled = false;
    if (inFlight || queue.length === 0) return;
    const batch = queue;
    queue = [];
    inFlight = true;
    // A sender that throws rather than rejects fails the batch too, not the microtask.
    new Promise<AlterPartitionResponse>((resolve) => resolve(send(merged(batch)))).then(
      (res) => { for (const q of batch) q.resolve(own(res, q.req)); },
      (err: unknown) => { for (const q of batch) q.reject(err); },
    ).finally(() => {
      inFlight = false;
      flush();
    });
  };

  return (req) => new Promise<AlterPartitionResponse>((resolve, reject) => {
    queue.push({ req, resolve, reject });
    // After the current turn: a pass over many partitions (a follower's fetch, the periodic check)
    // goes out as one request.
    if (!scheduled && !inFlight) {
      scheduled = true;
      queueMicrotask(flush);
    }
  });
}

/** One request with every partition of the batch, grouped by topic; the latest broker epoch. */
function merged(batch: Queued[]): AlterPartitionRequest {
  const last = batch[batch.length - 1]!.req;
  const byTopic = new Map<string, AlterPartitionRequest['topics'][number]>();
  for (const { req } of batch) {
    for (const t of req.topics) {
      const key = `${t.topicId}\u0000${t.topicName}`;
      const topic = byTopic.get(key);
      if (topic === undefined) byTopic.set(key, { ...t, partitions: [...t.partitions] });
      else topic.partitions.push(...t.partitions);
    }
  }
  return { brokerId: last.brokerId, brokerEpoch: last.brokerEpoch, topics: [...byTopic.values()] };
}

/** The answer as it would have been to `req` alone: the request's error, or its partitions' answers. */
function own(res: AlterPartitionResponse, req: AlterPartitionRequest): AlterPartitionResponse {
  const topics = req.topics.map((t) => {
    // By id where the request has one (v2+ answers carry no name), else by name.
    const answered = res.topics.find((a) => (t.topicId !== ZERO_UUID ? a.topicId === t.topicId : a.topicName === t.topicName));
    const wanted = new Set(t.partitions.map((p) => p.partitionIndex));
    return { topicName: t.topicName, topicId: t.topicId, partitions: (answered?.partitions ?? []).filter((p) => wanted.has(p.partitionIndex)) };
  });
  return { ...res, topics };
}
