// Between tests: abort every open transaction, delete every user topic and every consumer group,
// so the next test starts on an empty cluster without paying for a new one. (Kafka has no way to
// delete a transactional id; an aborted one holds nothing open and expires as usual.) Topics go through the active controller as a
// DeleteTopics request would; groups are deleted on their coordinators, as DeleteGroups does, so
// a group with live members is refused (NON_EMPTY_GROUP) as Kafka refuses it.
import { DeleteTopicsApi } from '../../protocol/generated/api/20-delete-topics.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { KraftlingNode } from '../node/node.js';
import { PeerClient } from '../node/peer-client.js';
import type { ChangeHub } from './cluster-waits.js';

const REQUEST_TIMEOUT_MS = 30_000;

export async function resetCluster(running: () => KraftlingNode[], hub: ChangeHub): Promise<void> {
  const nodes = running();
  const first = nodes[0];
  if (!first) throw new Error('reset needs a running node');
  await abortTransactions(nodes);
  await deleteGroups(nodes);
  const image = first.metadataImage;
  const topics = [...(image?.topicsByName.keys() ?? [])].filter((t) => !t.startsWith('__'));
  if (topics.length === 0) return;
  const client = new PeerClient('kraftling-reset');
  try {
    const address = first.brokerAddresses[0]!;
    const res = await client.request(address, DeleteTopicsApi, 4, { ...DeleteTopicsApi.defaultRequest(), topicNames: topics, timeoutMs: REQUEST_TIMEOUT_MS }, REQUEST_TIMEOUT_MS);
    const failed = res.responses.filter((r) => r.errorCode !== ErrorCode.NONE && r.errorCode !== ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    if (failed.length > 0) throw new Error(`reset could not delete topics: ${failed.map((r) => `${r.name} (error ${r.errorCode})`).join(', ')}`);
  } finally {
    client.close();
  }
  // Every node has applied the deletion (and removed the partitions) before the next test runs.
  await hub.until(() => running().every((n) => topics.every((t) => !n.metadataImage?.topicsByName.has(t))) ? true : undefined,
    'every node to apply the topic deletions', { timeoutMs: REQUEST_TIMEOUT_MS });
}

async function deleteGroups(nodes: KraftlingNode[]): Promise<void> {
  const ctx = { nowMs: Date.now(), apiVersion: 2, clientId: 'kraftling-reset', clientHost: '/127.0.0.1' };
  const refused: string[] = [];
  for (const node of nodes) {
    const groups = node.groupCoordinator;
    if (!groups) continue;
    const ids = groups.listGroups([], [], ctx).groups.map((g) => g.groupId);
    if (ids.length === 0) continue;
    for (const r of await groups.deleteGroups(ids, ctx)) {
      if (r.errorCode !== ErrorCode.NONE && r.errorCode !== ErrorCode.GROUP_ID_NOT_FOUND) refused.push(`${r.groupId} (error ${r.errorCode})`);
    }
  }
  if (refused.length > 0) throw new Error(`reset could not delete groups (stop their consumers first): ${refused.join(', ')}`);
}

/** Aborts every ongoing transaction on its coordinator, as EndTxn(abort) from its producer would. */
async function abortTransactions(nodes: KraftlingNode[]): Promise<void> {
  for (const node of nodes) {
    const txns = node.transactionCoordinator;
    if (!txns) continue;
    const ongoing = txns.list(['Ongoing'], [], -1).transactionStates.map((t) => t.transactionalId);
    if (ongoing.length === 0) continue;
    const described = txns.describe(ongoing).filter((t) => t.errorCode === ErrorCode.NONE && t.transactionState === 'Ongoing');
    await Promise.all(described.map((t) => txns.endTxn({ transactionalId: t.transactionalId, producerId: t.producerId, producerEpoch: t.producerEpoch, committed: false })));
  }
}
