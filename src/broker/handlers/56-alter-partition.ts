// AlterPartition (key 56), v0-v3, controller listener.
// A partition leader asks to shrink or expand its ISR (KIP-497): checked against the leader and
// partition epochs, committed as a PartitionChangeRecord.
// Served by this node's controller when it is the active one, else NOT_CONTROLLER.
import { AlterPartitionApi, type AlterPartitionRequest, type AlterPartitionResponse } from '../../../protocol/generated/api/56-alter-partition.js';
import { handler } from '../handler.js';

export const alterPartitionHandler = handler<AlterPartitionRequest, AlterPartitionResponse>({
  api: AlterPartitionApi,
  minVersion: 0,
  maxVersion: 3,
  listeners: ['controller'],
  handle(req, { services }) {
    return services.controller.callLocal(AlterPartitionApi, req);
  },
});
