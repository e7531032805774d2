// DescribeAcls (key 29), v0-v3.
// Answered from this broker's metadata image, as a Kafka broker answers from its authorizer:
// the ACLs the filter matches, grouped by resource pattern. Needs DESCRIBE on the cluster (else
// CLUSTER_AUTHORIZATION_FAILED); SECURITY_DISABLED without an authorizer; a filter with an
// UNKNOWN resource or pattern type is INVALID_REQUEST.
import { DescribeAclsApi, type DescribeAclsRequest, type DescribeAclsResource, type DescribeAclsResponse } from '../../../protocol/generated/api/29-describe-acls.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { AclOperation, filterMatches, PatternType, ResourceType } from '../../metadata/acls.js';
import { authorizerOn, clusterAllowed } from '../access.js';
import { handler } from '../handler.js';

export const describeAclsHandler = handler<DescribeAclsRequest, DescribeAclsResponse>({
  api: DescribeAclsApi,
  minVersion: 0,
  maxVersion: 3,
  handle(req, ctx) {
    const fail = (errorCode: number, errorMessage: string | null = null): DescribeAclsResponse =>
      ({ throttleTimeMs: 0, errorCode, errorMessage, resources: [] });
    if (!authorizerOn(ctx)) return fail(ErrorCode.SECURITY_DISABLED, 'No Authorizer is configured.');
    if (!clusterAllowed(ctx, AclOperation.DESCRIBE)) return fail(ErrorCode.CLUSTER_AUTHORIZATION_FAILED);
    if (req.resourceTypeFilter === ResourceType.UNKNOWN || req.patternTypeFilter === PatternType.UNKNOWN) {
      return fail(ErrorCode.INVALID_REQUEST, 'Filters with UNKNOWN types are not allowed');
    }
    const filter = {
      resourceType: req.resourceTypeFilter, resourceName: req.resourceNameFilter, patternType: req.patternTypeFilter,
      principal: req.principalFilter, host: req.hostFilter, operation: req.operation, permissionType: req.permissionType,
    };
    const byResource = new Map<string, DescribeAclsResource>();
    for (const acl of ctx.services.image().acls.values()) {
      if (!filterMatches(filter, acl)) continue;
      const key = `${acl.resourceType}\u0000${acl.patternType}\u0000${acl.resourceName}`;
      let res = byResource.get(key);
      if (!res) byResource.set(key, (res = { resourceType: acl.resourceType, resourceName: acl.resourceName, patternType: acl.patternType, acls: [] }));
      res.acls.push({ principal: acl.principal, host: acl.host, operation: acl.operation, permissionType: acl.permissionType });
    }
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: null, resources: [...byResource.values()] };
  },
});
