// CreatePartitions (key 37), v0-v3.
// Forwarded to the active controller, which adds PartitionRecords (placed over live brokers, or
// as assigned) or answers INVALID_PARTITIONS / INVALID_REPLICA_ASSIGNMENT. validate_only honoured.
import { CreatePartitionsApi, type CreatePartitionsRequest, type CreatePartitionsResponse } from '../../../protocol/generated/api/37-create-partitions.js';
import { handler } from '../handler.js';

export const createPartitionsHandler = handler<CreatePartitionsRequest, CreatePartitionsResponse>({
  api: CreatePartitionsApi,
  minVersion: 0,
  maxVersion: 3,
  listeners: ['broker', 'controller'],
  handle(req, { services, version, listenerType }) {
    // On the controller listener the request was forwarded here: serve it, never forward again.
    if (listenerType === 'controller') return services.controller.callLocal(CreatePartitionsApi, req);
    return services.controller.call(CreatePartitionsApi, version, req);
  },
});
