// AlterClientQuotas (key 49), v0-v1.
// Forwarded to the active controller, which checks entities and keys as Kafka's
// ClientQuotaControlManager does and writes ClientQuotaRecords (none with validate_only).
import {
  AlterClientQuotasApi, type AlterClientQuotasRequest, type AlterClientQuotasResponse,
} from '../../../protocol/generated/api/49-alter-client-quotas.js';
import { toController } from '../forward-authorized.js';
import { handler } from '../handler.js';

export const alterClientQuotasHandler = handler<AlterClientQuotasRequest, AlterClientQuotasResponse>({
  api: AlterClientQuotasApi,
  minVersion: 0,
  maxVersion: 1,
  listeners: ['broker', 'controller'],
  handle(req, ctx) {
    return toController(ctx, AlterClientQuotasApi, req);
  },
});
