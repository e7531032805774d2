// `kraftling transactions` (kafka-transactions): `list` (ListTransactions of every broker),
// `describe --transactional-id ID` (DescribeTransactions of its coordinator), `describe-producers
// --topic T --partition P` (DescribeProducers of the leader) and `abort --topic T --partition P
// --start-offset O`, which writes an ABORT marker for the transaction open at that offset as
// Kafka's admin client does (WriteTxnMarkers to the leader): the way out of a hanging transaction.
// Tables are Kafka's: each cell padded to its column, then a tab.
import { DescribeProducersApi, type ProducerState } from '../../protocol/generated/api/61-describe-producers.js';
import { DescribeTransactionsApi } from '../../protocol/generated/api/65-describe-transactions.js';
import { FindCoordinatorApi } from '../../protocol/generated/api/10-find-coordinator.js';
import { ListTransactionsApi } from '../../protocol/generated/api/66-list-transactions.js';
import { WriteTxnMarkersApi } from '../../protocol/generated/api/27-write-txn-markers.js';
import { UsageError } from '../usage.js';
import { KafkaError, withClient, type KafkaClient } from './kafka-client.js';

const TRANSACTION_COORDINATOR = 1;

export async function runTransactions(values: Record<string, unknown>, positionals: string[]): Promise<number> {
  const [action] = positionals;
  switch (action) {
    case 'list': return withClient('transactions', values, list);
    case 'describe': {
      const id = values['transactional-id'];
      if (typeof id !== 'string') throw new UsageError('describe needs --transactional-id ID');
      return withClient('transactions', values, (client) => describe(client, id));
    }
    case 'describe-producers': {
      const { topic, partition } = topicPartition(values);
      return withClient('transactions', values, async (client) => {
        printTable(['ProducerId', 'ProducerEpoch', 'LatestCoordinatorEpoch', 'LastSequence', 'LastTimestamp', 'CurrentTransactionStartOffset'],
          (await producers(client, topic, partition)).map((p) => [p.producerId, p.producerEpoch, p.coordinatorEpoch, p.lastSequence, p.lastTimestamp,
            p.currentTxnStartOffset < 0 ? 'None' : p.currentTxnStartOffset].map(String)));
        return 0;
      });
    }
    case 'abort': {
      const { topic, partition } = topicPartition(values);
      const start = String(values['start-offset'] ?? '');
      if (!/^\d+$/.test(start)) throw new UsageError('abort needs --start-offset O (the first offset of the open transaction)');
      return withClient('transactions', values, (client) => abort(client, topic, partition, Number(start)));
    }
    default:
      throw new UsageError('transactions takes list, describe, describe-producers or abort');
  }
}

async function list(client: KafkaClient): Promise<number> {
  const md = await client.metadata([]);
  const rows: string[][] = [];
  for (const b of [...md.brokers].sort((x, y) => x.nodeId - y.nodeId)) {
    const { res } = await client.request(ListTransactionsApi, { stateFilters: [], producerIdFilters: [], durationFilter: -1 }, { host: b.host, port: b.port });
    if (res.errorCode !== 0) throw new KafkaError(res.errorCode, `ListTransactions of broker ${b.nodeId}`);
    for (const t of res.transactionStates) rows.push([t.transactionalId, String(b.nodeId), String(t.producerId), t.transactionState]);
  }
  printTable(['TransactionalId', 'Coordinator', 'ProducerId', 'TransactionState'], rows);
  return 0;
}

async function describe(client: KafkaClient, transactionalId: string): Promise<number> {
  const { res: found } = await client.request(FindCoordinatorApi, { key: transactionalId, keyType: TRANSACTION_COORDINATOR, coordinatorKeys: [transactionalId] }, undefined, 3);
  if (found.errorCode !== 0) throw new KafkaError(found.errorCode, `coordinator of transactional-id \`${transactionalId}\``, found.errorMessage);
  const { res } = await client.request(DescribeTransactionsApi, { transactionalIds: [transactionalId] }, { host: found.host, port: found.port });
  const t = res.transactionStates[0];
  if (!t || t.errorCode !== 0) throw new KafkaError(t?.errorCode ?? -1, `Failed to describe transaction state of transactional-id \`${transactionalId}\``);
  const started = t.transactionStartTimeMs >= 0;
  printTable(
    ['CoordinatorId', 'TransactionalId', 'ProducerId', 'ProducerEpoch', 'TransactionState', 'TransactionTimeoutMs', 'CurrentTransactionStartTimeMs', 'TransactionDurationMs', 'TopicPartitions'],
    [[String(found.nodeId), transactionalId, String(t.producerId), String(t.producerEpoch), t.transactionState, String(t.transactionTimeoutMs),
      started ? String(t.transactionStartTimeMs) : 'None', started ? String(Date.now() - t.transactionStartTimeMs) : 'None',
      t.topics.flatMap((d) => d.partitions.map((p) => `${d.topic}-${p}`)).join(',')]],
  );
  return 0;
}

async function abort(client: KafkaClient, topic: string, partition: number, startOffset: number): Promise<number> {
  const open = (await producers(client, topic, partition)).find((p) => p.currentTxnStartOffset === startOffset);
  if (!open) {
    process.stderr.write(`kraftling transactions: Could not find any open transactions starting at offset ${startOffset} on partition ${topic}-${partition}\n`);
    return 1;
  }
  const { res } = await client.request(WriteTxnMarkersApi, {
    markers: [{
      producerId: open.producerId, producerEpoch: open.producerEpoch, transactionResult: false,
      topics: [{ name: topic, partitionIndexes: [partition] }], coordinatorEpoch: Math.max(open.coordinatorEpoch, 0),
    }],
  }, await leader(client, topic, partition));
  const code = res.markers[0]?.topics[0]?.partitions[0]?.errorCode ?? -1;
  if (code !== 0) throw new KafkaError(code, `Failed to abort transaction of producer ${open.producerId} on ${topic}-${partition}`);
  return 0;
}

async function producers(client: KafkaClient, topic: string, partition: number): Promise<ProducerState[]> {
  const { res } = await client.request(DescribeProducersApi, { topics: [{ name: topic, partitionIndexes: [partition] }] }, await leader(client, topic, partition));
  const p = res.topics[0]?.partitions[0];
  if (!p || p.errorCode !== 0) throw new KafkaError(p?.errorCode ?? -1, `Failed to describe producers for partition ${topic}-${partition} on leader`, p?.errorMessage);
  return p.activeProducers;
}

async function leader(client: KafkaClient, topic: string, partition: number) {
  const p = (await client.partitions(topic)).find((x) => x.partition === partition);
  if (!p) throw new KafkaError(3, `partition ${topic}-${partition}`);
  return client.broker(p.leader);
}

function topicPartition(values: Record<string, unknown>): { topic: string; partition: number } {
  const topic = values.topic;
  const partition = String(values.partition ?? '');
  if (typeof topic !== 'string' || !/^\d+$/.test(partition)) throw new UsageError('this action needs --topic T --partition P');
  return { topic, partition: Number(partition) };
}

/** Kafka's ToolsUtils.prettyPrintTable: every cell padded to its column's width, each followed by a tab. */
function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [headers, ...rows]) process.stdout.write(`${row.map((cell, i) => `${cell.padEnd(widths[i]!)}\t`).join('')}\n`);
}
