// ISR changes asked for in one turn go to the controller as one AlterPartition request, one request
// is in flight at a time with the next batch queued behind it, each caller gets the answer for its
// own partition (partition 0 of two topics included, matched by topic id as v2+ answers carry no
// name), and a failed request fails its callers only.
import { describe, expect, it } from 'vitest';
import type { AlterPartitionRequest, AlterPartitionResponse } from '../../../protocol/generated/api/56-alter-partition.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { batchedAlterPartitions } from '../../../src/replication/alter-partition-batches.js';

const A = 'AAAAAAAAAAAAAAAAAAAAAQ';
const B = 'AAAAAAAAAAAAAAAAAAAAAg';

function change(topicId: string, topicName: string, partitionIndex: number, brokerEpoch = 5): AlterPartitionRequest {
  return {
    brokerId: 1, brokerEpoch,
    topics: [{ topicName, topicId, partitions: [{ partitionIndex, leaderEpoch: 3, newIsr: [1, 2], newIsrWithEpochs: [], leaderRecoveryState: 0, partitionEpoch: 7 }] }],
  };
}

/** The controller's answer: each partition gets an error code that names it (topic A: 10+, B: 20+). */
function answerTo(req: AlterPartitionRequest): AlterPartitionResponse {
  return {
    throttleTimeMs: 0, errorCode: ErrorCode.NONE,
    topics: req.topics.map((t) => ({
      topicName: '', topicId: t.topicId,
      partitions: t.partitions.map((p) => ({
        partitionIndex: p.partitionIndex, errorCode: (t.topicId === A ? 10 : 20) + p.partitionIndex,
        leaderId: 1, leaderEpoch: 3, isr: [1, 2], leaderRecoveryState: 0, partitionEpoch: 8,
      })),
    })),
  };
}

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('batched AlterPartition requests', () => {
  it('merges one turn\'s changes, queues the next behind the one in flight, and answers each caller alone', async () => {
    const sent: { req: AlterPartitionRequest; settle: (res: AlterPartitionResponse | Error) => void }[] = [];
    const send = batchedAlterPartitions((req) => new Promise((resolve, reject) => {
      sent.push({ req, settle: (r) => (r instanceof Error ? reject(r) : resolve(r)) });
    }));
    const codes = (p: Promise<AlterPartitionResponse>): Promise<number[]> =>
      p.then((res) => res.topics.flatMap((t) => t.partitions.map((x) => x.errorCode)), () => [-1]);

    const first = [change(A, 'a', 0), change(B, 'b', 0), change(A, 'a', 2, 6)].map((req) => codes(send(req)));
    await turn();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.req.brokerEpoch).toBe(6);
    expect(sent[0]!.req.topics.map((t) => [t.topicId, t.partitions.map((p) => p.partitionIndex)])).toEqual([[A, [0, 2]], [B, [0]]]);

    // Asked while the first is in flight: they wait, and go together.
    const second = [change(B, 'b', 1), change(B, 'b', 3)].map((req) => codes(send(req)));
    await turn();
    expect(sent).toHaveLength(1);
    sent[0]!.settle(answerTo(sent[0]!.req));
    expect(await Promise.all(first)).toEqual([[10], [20], [12]]);
    await turn();
    expect(sent).toHaveLength(2);
    expect(sent[1]!.req.topics.map((t) => [t.topicId, t.partitions.map((p) => p.partitionIndex)])).toEqual([[B, [1, 3]]]);

    // A transport failure fails that batch's callers; the next batch still goes out.
    const third = codes(send(change(A, 'a', 4)));
    sent[1]!.settle(new Error('connection lost'));
    expect(await Promise.all(second)).toEqual([[-1], [-1]]);
    await turn();
    expect(sent).toHaveLength(3);
    sent[2]!.settle(answerTo(sent[2]!.req));
    expect(await third).toEqual([14]);
  });

  it('passes a request-level error to every caller of the batch', async () => {
    const send = batchedAlterPartitions(async () => ({ throttleTimeMs: 0, errorCode: ErrorCode.STALE_BROKER_EPOCH, topics: [] }));
    const answers = await Promise.all([send(change(A, 'a', 0)), send(change(B, 'b', 1))]);
    for (const res of answers) {
      expect(res.errorCode).toBe(ErrorCode.STALE_BROKER_EPOCH);
      expect(res.topics.flatMap((t) => t.partitions)).toEqual([]);
    }
  });

  it('fails the batch, not the process, when the sender throws', async () => {
    let calls = 0;
    const send = batchedAlterPartitions((req) => {
      calls++;
      if (calls === 1) throw new Error('no controller channel');
      return Promise.resolve(answerTo(req));
    });
    await expect(send(change(A, 'a', 0))).rejects.toThrow('no controller channel');
    expect((await send(change(A, 'a', 1))).topics[0]!.partitions[0]!.errorCode).toBe(11);
  });
});
