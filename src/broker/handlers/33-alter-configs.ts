// AlterConfigs (key 33), v0-v2.
// Forwarded to the active controller. Replaces a topic's whole set of overrides (keys not named
// are removed, as the legacy API defines), or sets broker-wide defaults of topic configs on a
// broker resource ("" for the cluster default, or a broker id). Invalid keys or values get
// INVALID_CONFIG; broker keys that cannot change at runtime get INVALID_REQUEST.
import { AlterConfigsApi, type AlterConfigsRequest, type AlterConfigsResponse } from '../../../protocol/generated/api/33-alter-configs.js';
import { handler } from '../handler.js';

export const alterConfigsHandler = handler<AlterConfigsRequest, AlterConfigsResponse>({
  api: AlterConfigsApi,
  minVersion: 0,
  maxVersion: 2,
  listeners: ['broker', 'controller'],
  handle(req, { services, version, listenerType }) {
    // On the controller listener the request was forwarded here: serve it, never forward again.
    if (listenerType === 'controller') return services.controller.callLocal(AlterConfigsApi, req);
    return services.controller.call(AlterConfigsApi, version, req);
  },
});
