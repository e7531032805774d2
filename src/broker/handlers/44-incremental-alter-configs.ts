// IncrementalAlterConfigs (key 44), v0-v1.
// Forwarded to the active controller: SET, DELETE, APPEND and SUBTRACT on topic, broker and group
// resources, with the same validation as AlterConfigs. BROKER_LOGGER resources (this broker's log
// levels) are answered here, as Kafka's brokers answer them, and never reach the metadata log.
// With an authorizer: ALTER_CONFIGS on the topic (else TOPIC_AUTHORIZATION_FAILED), the group (else
// GROUP_AUTHORIZATION_FAILED), or the cluster for broker resources (else CLUSTER_AUTHORIZATION_FAILED).
import {
  IncrementalAlterConfigsApi, type IncrementalAlterConfigsRequest, type IncrementalAlterConfigsResponse,
} from '../../../protocol/generated/api/44-incremental-alter-configs.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { AclOperation } from '../../metadata/acls.js';
import { BROKER_LOGGER, changeLoggers, checkLoggerResource } from '../broker-loggers.js';
import { alterConfigsAuthorized, configAllowed, configRefusal, toController } from '../forward-authorized.js';
import { handler, type RequestContext } from '../handler.js';

export const incrementalAlterConfigsHandler = handler<IncrementalAlterConfigsRequest, IncrementalAlterConfigsResponse>({
  api: IncrementalAlterConfigsApi,
  minVersion: 0,
  maxVersion: 1,
  listeners: ['broker', 'controller'],
  async handle(req, ctx) {
    const loggers = req.resources.filter((r) => r.resourceType === BROKER_LOGGER);
    const forwarded = loggers.length === req.resources.length ? undefined : { ...req, resources: req.resources.filter((r) => r.resourceType !== BROKER_LOGGER) };
    const res: IncrementalAlterConfigsResponse = forwarded === undefined ? { throttleTimeMs: 0, responses: [] }
      : await alterConfigsAuthorized(ctx, forwarded, (resources) => toController(ctx, IncrementalAlterConfigsApi, { ...req, resources: resources as typeof req.resources }));
    return { ...res, responses: [...res.responses, ...loggers.map((r) => alterLoggers(ctx, r, req.validateOnly))] };
  },
});

/** A BROKER_LOGGER resource, answered by this broker: ALTER_CONFIGS on the cluster, its own id. */
function alterLoggers(ctx: RequestContext, r: IncrementalAlterConfigsRequest['resources'][number], validateOnly: boolean) {
  const answer = (errorCode: number, errorMessage: string | null) => ({ errorCode, errorMessage, resourceType: r.resourceType, resourceName: r.resourceName });
  if (!configAllowed(ctx, AclOperation.ALTER_CONFIGS, r.resourceType, r.resourceName)) return answer(configRefusal(r.resourceType), null);
  const problem = checkLoggerResource(r.resourceName, ctx.services.nodeId) ?? changeLoggers(ctx.services.log, r.configs, validateOnly);
  return problem === null ? answer(ErrorCode.NONE, null) : answer(problem[0], problem[1]);
}
