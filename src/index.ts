// kraftling as a library: start a Kafka-compatible cluster inside a test suite or a program.
export { Cluster, type ClusterOptions } from './cluster/cluster.js';
export { ServerConfig } from './config/server-config.js';
export { VERSION } from './version.js';
