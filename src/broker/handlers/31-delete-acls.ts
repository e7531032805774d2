// DeleteAcls (key 31), v0-v3.
// Needs ALTER on the cluster; SECURITY_DISABLED without an authorizer. Forwarded to the active
// controller, which matches each filter against the stored ACLs (ANY matches every value, MATCH
// the literal name, the wildcard and prefixes of the name) and commits one
// RemoveAccessControlEntryRecord per ACL removed. Each filter's result lists the ACLs it matched.
import { DeleteAclsApi, type DeleteAclsRequest, type DeleteAclsResponse } from '../../../protocol/generated/api/31-delete-acls.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { AclOperation } from '../../metadata/acls.js';
import { authorizerOn, clusterAllowed, controllerListenerAllowed } from '../access.js';
import { handler } from '../handler.js';

export const deleteAclsHandler = handler<DeleteAclsRequest, DeleteAclsResponse>({
  api: DeleteAclsApi,
  minVersion: 0,
  maxVersion: 3,
  listeners: ['broker', 'controller'],
  handle(req, ctx) {
    const fail = (errorCode: number): DeleteAclsResponse =>
      ({ throttleTimeMs: 0, filterResults: req.filters.map(() => ({ errorCode, errorMessage: null, matchingAcls: [] })) });
    if (!authorizerOn(ctx)) return fail(ErrorCode.SECURITY_DISABLED);
    if (ctx.listenerType === 'controller') {
      if (!controllerListenerAllowed(ctx, AclOperation.ALTER)) return fail(ErrorCode.CLUSTER_AUTHORIZATION_FAILED);
      return ctx.services.controller.callLocal(DeleteAclsApi, req);
    }
    if (!clusterAllowed(ctx, AclOperation.ALTER)) return fail(ErrorCode.CLUSTER_AUTHORIZATION_FAILED);
    return ctx.services.controller.call(DeleteAclsApi, ctx.version, req);
  },
});
