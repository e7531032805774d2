// Named sets of defaults laid under server.properties. `dev` (the default of `kraftling start`)
// trades Kafka's production timings for fast local feedback; `kafka` is Kafka's own defaults.
// Every value here is a plain Kafka key, so the same keys carry over to Apache Kafka.

export type ProfileName = 'dev' | 'kafka';

export const PROFILES: Record<ProfileName, Readonly<Record<string, string>>> = {
  kafka: {},
  dev: {
    // A first consumer joins at once instead of after 3 s.
    'group.initial.rebalance.delay.ms': '0',
    // Internal topics fit a laptop: fewer partitions, one replica (raised for multi-node clusters).
    'offsets.topic.num.partitions': '10',
    'offsets.topic.replication.factor': '1',
    'transaction.state.log.num.partitions': '10',
    'transaction.state.log.replication.factor': '1',
    'transaction.state.log.min.isr': '1',
    // A killed controller or broker is noticed within a second.
    'controller.quorum.election.timeout.ms': '300',
    'controller.quorum.fetch.timeout.ms': '500',
    'controller.quorum.election.backoff.max.ms': '200',
    'controller.quorum.append.linger.ms': '0',
    'broker.session.timeout.ms': '1500',
    'broker.heartbeat.interval.ms': '250',
    'replica.lag.time.max.ms': '5000',
    'log.retention.check.interval.ms': '30000',
    // Leadership returns to a restarted broker within seconds, not five minutes.
    'leader.imbalance.check.interval.seconds': '10',
    // A test's consumer.disconnect() waits out its in-flight long-poll Fetch: keep that short.
    'kraftling.consumer.fetch.max.wait.ms': '200',
  },
};
