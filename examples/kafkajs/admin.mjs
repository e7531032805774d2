// Creates a topic with a config, describes it, and lists the cluster's brokers.
// KAFKA_BROKERS overrides the bootstrap servers.
import kafkajs from 'kafkajs';

const { ConfigResourceTypes, Kafka, logLevel } = kafkajs;

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const topic = process.env.TOPIC ?? 'orders';
const admin = new Kafka({ clientId: 'example-admin', brokers, logLevel: logLevel.WARN }).admin();

await admin.connect();
await admin.createTopics({ topics: [{ topic, numPartitions: 3, configEntries: [{ name: 'retention.ms', value: '86400000' }] }] });
const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
console.log(`${topic}: ${topics[0].partitions.length} partitions, leaders ${topics[0].partitions.map((p) => p.leader).join(',')}`);
const configs = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['retention.ms'] }] });
console.log('retention.ms =', configs.resources[0].configEntries[0].configValue);
const cluster = await admin.describeCluster();
console.log('brokers', cluster.brokers.map((b) => `${b.nodeId}@${b.host}:${b.port}`).join(' '), 'cluster', cluster.clusterId);
await admin.disconnect();
