// AlterClientQuotas (key 49), v0-v1.
// Forwarded to the active controller, which checks entities and keys as Kafka's
// ClientQuotaControlManager does and writes ClientQuotaRecords (none with validate_only).
import {
  AlterClientQuotasApi, type AlterClientQuotasRequest, type AlterClientQuotasResponse,
} from '../../../protocol/generated/api/49-alter-client-quotas.js';
import { handler } from '../handler.js';

export const alterClientQuotasHandler = handler<AlterClientQuotasRequest, AlterClientQuotasResponse>({
  api: AlterClientQuotasApi,
  minVersion: 0,
  maxVersion: 1,
  listeners: ['broker', 'controller'],
  handle(req, { services, version, listenerType }) {
    // On the controller listener the request was forwarded here: serve it, never forward again.
    if (listenerType === 'controller') return services.controller.callLocal(AlterClientQuotasApi, req);
    return services.controller.call(AlterClientQuotasApi, version, req);
  },
});
