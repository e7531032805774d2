// CreateAcls (key 30), v0-v3.
// Needs ALTER on the cluster (else CLUSTER_AUTHORIZATION_FAILED per creation); SECURITY_DISABLED
// when no authorizer is configured, as Kafka. Forwarded to the active controller, which validates
// each binding (INVALID_REQUEST) and commits AccessControlEntryRecords; the answer is sent once
// this broker's image has them, so the next request is authorized with them.
import { CreateAclsApi, type CreateAclsRequest, type CreateAclsResponse } from '../../../protocol/generated/api/30-create-acls.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { AclOperation } from '../../metadata/acls.js';
import { authorizerOn, clusterAllowed, controllerListenerAllowed } from '../access.js';
import { handler } from '../handler.js';

export const createAclsHandler = handler<CreateAclsRequest, CreateAclsResponse>({
  api: CreateAclsApi,
  minVersion: 0,
  maxVersion: 3,
  listeners: ['broker', 'controller'],
  handle(req, ctx) {
    const fail = (errorCode: number): CreateAclsResponse =>
      ({ throttleTimeMs: 0, results: req.creations.map(() => ({ errorCode, errorMessage: null })) });
    if (!authorizerOn(ctx)) return fail(ErrorCode.SECURITY_DISABLED);
    if (ctx.listenerType === 'controller') {
      if (!controllerListenerAllowed(ctx, AclOperation.ALTER)) return fail(ErrorCode.CLUSTER_AUTHORIZATION_FAILED);
      return ctx.services.controller.callLocal(CreateAclsApi, req);
    }
    if (!clusterAllowed(ctx, AclOperation.ALTER)) return fail(ErrorCode.CLUSTER_AUTHORIZATION_FAILED);
    return ctx.services.controller.call(CreateAclsApi, ctx.version, req);
  },
});
