// DescribeCluster (key 60), v0-v1.
// Cluster id, active controller and live brokers on the listener the request came in on.
// v1's endpoint type 2 (controllers) is answered with UNSUPPORTED_ENDPOINT_TYPE, as a broker does.
// Authorized operations on the cluster are reported when requested.
import { DescribeClusterApi, type DescribeClusterRequest, type DescribeClusterResponse } from '../../../protocol/generated/api/60-describe-cluster.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { CLUSTER_NAME, ResourceType } from '../../metadata/acls.js';
import { authorizedOperations } from '../access.js';
import { handler } from '../handler.js';
import { brokerEndpoints } from '../cluster-view.js';

const BROKERS_ENDPOINT_TYPE = 1;

export const describeClusterHandler = handler<DescribeClusterRequest, DescribeClusterResponse>({
  api: DescribeClusterApi,
  minVersion: 0,
  maxVersion: 1,
  handle(req, ctx) {
    const { services, listenerName } = ctx;
    const base = {
      throttleTimeMs: 0, endpointType: req.endpointType, clusterId: services.clusterId,
      controllerId: services.controllerId(),
      clusterAuthorizedOperations: req.includeClusterAuthorizedOperations ? authorizedOperations(ctx, ResourceType.CLUSTER, CLUSTER_NAME) : -2147483648,
    };
    if (req.endpointType !== BROKERS_ENDPOINT_TYPE) {
      return { ...base, errorCode: ErrorCode.UNSUPPORTED_ENDPOINT_TYPE, errorMessage: 'The request was sent to an endpoint of type BROKER, but we wanted an endpoint of type CONTROLLER', brokers: [] };
    }
    const brokers = brokerEndpoints(services.image(), listenerName)
      .map((b) => ({ brokerId: b.id, host: b.host, port: b.port, rack: b.rack }));
    return { ...base, errorCode: 0, errorMessage: null, brokers };
  },
});
