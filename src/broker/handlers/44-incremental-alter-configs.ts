// IncrementalAlterConfigs (key 44), v0-v1.
// Forwarded to the active controller: SET, DELETE, APPEND and SUBTRACT on topic and broker
// resources, with the same validation as AlterConfigs.
import {
  IncrementalAlterConfigsApi, type IncrementalAlterConfigsRequest, type IncrementalAlterConfigsResponse,
} from '../../../protocol/generated/api/44-incremental-alter-configs.js';
import { handler } from '../handler.js';

export const incrementalAlterConfigsHandler = handler<IncrementalAlterConfigsRequest, IncrementalAlterConfigsResponse>({
  api: IncrementalAlterConfigsApi,
  minVersion: 0,
  maxVersion: 1,
  listeners: ['broker', 'controller'],
  handle(req, { services, version, listenerType }) {
    // On the controller listener the request was forwarded here: serve it, never forward again.
    if (listenerType === 'controller') return services.controller.callLocal(IncrementalAlterConfigsApi, req);
    return services.controller.call(IncrementalAlterConfigsApi, version, req);
  },
});
