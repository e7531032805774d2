// kraftling as a library: start a Kafka-compatible cluster inside a test suite or a program.
export { Cluster, type ClusterOptions } from './cluster/cluster.js';
export { ApiKey } from './cluster/api-keys.js';
export type { ClusterFaults, IsolateOptions } from './cluster/cluster-faults.js';
export type { ClusterWaits, WaitOptions } from './cluster/cluster-waits.js';
export type { InterceptHook, InterceptResult } from './node/client-faults.js';
export type { FaultedRequest } from './broker/request-faults.js';
export { ErrorCode } from '../protocol/errors.js';
export { ServerConfig } from './config/server-config.js';
export { VERSION } from './version.js';
