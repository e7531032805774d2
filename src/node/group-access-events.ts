// The group coordinator's handler view, calling back after every answer: what waits for "group
// stable" or "offset committed" wake on, instead of polling.
import type { GroupCoordinatorAccess } from '../coordinator/access.js';

export function notifyingGroupAccess(access: GroupCoordinatorAccess, changed: () => void): GroupCoordinatorAccess {
  const after = <T>(result: T): T => {
    if (result instanceof Promise) void result.then(() => changed(), () => undefined);
    else queueMicrotask(changed);
    return result;
  };
  return {
    joinGroup: (req, ctx) => after(access.joinGroup(req, ctx)),
    syncGroup: (req, ctx) => after(access.syncGroup(req, ctx)),
    heartbeat: (req, ctx) => after(access.heartbeat(req, ctx)),
    leaveGroup: (req, ctx) => after(access.leaveGroup(req, ctx)),
    commitOffsets: (req, ctx) => after(access.commitOffsets(req, ctx)),
    fetchOffsets: (groups, requireStable, ctx) => access.fetchOffsets(groups, requireStable, ctx),
    deleteOffsets: (req, ctx) => after(access.deleteOffsets(req, ctx)),
    describeGroups: (ids, ctx) => access.describeGroups(ids, ctx),
    listGroups: (states, types, ctx) => access.listGroups(states, types, ctx),
    deleteGroups: (ids, ctx) => after(access.deleteGroups(ids, ctx)),
    txnCommitOffsets: (req, ctx) => after(access.txnCommitOffsets(req, ctx)),
    consumerGroupHeartbeat: (req, ctx, topics) => after(access.consumerGroupHeartbeat(req, ctx, topics)),
    consumerGroupDescribe: (ids, ctx, topicName) => access.consumerGroupDescribe(ids, ctx, topicName),
    completeTransaction: (partition, producerId, committed, nowMs) => after(access.completeTransaction(partition, producerId, committed, nowMs)),
  };
}
