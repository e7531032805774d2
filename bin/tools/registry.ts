// The Kafka-style tools (`kraftling topics`, ...): flags and help here, code loaded only when a
// tool runs (dynamic import), so `kraftling start` loads none of it.
import type { Command } from '../commands.js';

const help = { type: 'boolean', short: 'h' } as const;
const bootstrap = { 'bootstrap-server': { type: 'string' } } as const;
const BOOTSTRAP_HELP = '      --bootstrap-server H:P[,H:P]  brokers to ask (kraftling or Apache Kafka)';

export const toolCommands: Record<string, Command> = {
  topics: {
    summary: 'create, list, describe, alter or delete topics (kafka-topics)',
    help: `kraftling topics --bootstrap-server H:P (--create|--list|--describe|--alter|--delete) [options]

${BOOTSTRAP_HELP}
      --create | --list | --describe | --alter | --delete
      --topic NAME                  the topic; except for --create a regular expression matched against
                                    whole names (a,b for either); --list and --describe: all when left out
      --exclude-internal            leave out internal topics (__consumer_offsets, __transaction_state)
      --partitions N                partitions to create with, or (--alter) to grow to
      --replication-factor N        replicas of each partition (default: the broker's)
      --replica-assignment 1:2,2:3  each partition's replicas (--create; --alter: the new partitions'
                                    are taken from the list, past those the topic has)
      --config K=V                  a topic config at creation (repeatable)
      --if-not-exists | --if-exists  no error when it already exists / does not exist
      --under-replicated-partitions  with --describe: only partitions with fewer in-sync replicas than replicas
      --unavailable-partitions      with --describe: only partitions without a live leader
      --under-min-isr-partitions    with --describe: only partitions with fewer in-sync replicas than min.insync.replicas
      --at-min-isr-partitions       with --describe: only partitions with exactly min.insync.replicas in sync
      --topics-with-overrides       with --describe: only the topic lines of topics with configs of their own

examples:
  kraftling topics --bootstrap-server 127.0.0.1:9092 --create --topic orders --partitions 3 --config retention.ms=60000
  kraftling topics --bootstrap-server 127.0.0.1:9092 --describe --topic orders
  kraftling topics --bootstrap-server 127.0.0.1:9092 --describe --under-replicated-partitions
  kraftling topics --bootstrap-server 127.0.0.1:9092 --alter --topic orders --partitions 6
  kraftling topics --bootstrap-server 127.0.0.1:9092 --list --topic 'orders-.*' --exclude-internal`,
    options: {
      ...bootstrap, create: { type: 'boolean' }, list: { type: 'boolean' }, describe: { type: 'boolean' }, alter: { type: 'boolean' },
      delete: { type: 'boolean' }, topic: { type: 'string' }, partitions: { type: 'string' }, 'replication-factor': { type: 'string' },
      config: { type: 'string', multiple: true }, 'if-not-exists': { type: 'boolean' }, 'if-exists': { type: 'boolean' },
      'under-replicated-partitions': { type: 'boolean' }, 'unavailable-partitions': { type: 'boolean' },
      'under-min-isr-partitions': { type: 'boolean' }, 'at-min-isr-partitions': { type: 'boolean' }, 'topics-with-overrides': { type: 'boolean' },
      'exclude-internal': { type: 'boolean' }, 'replica-assignment': { type: 'string' }, help,
    },
    run: async (values) => (await import('./topics.js')).runTopics(values),
  },
  'console-producer': {
    summary: 'write lines from stdin to a topic (kafka-console-producer)',
    help: `kraftling console-producer --bootstrap-server H:P --topic NAME [options] < lines

${BOOTSTRAP_HELP}
      --topic NAME                  the topic to write to
      --property K=V                parse.key=true, key.separator (tab), parse.headers=true,
                                    headers.delimiter (tab), headers.separator (,), headers.key.separator (:)
      --compression-codec C         none (default), gzip, snappy, lz4 or zstd
      --request-required-acks A     -1 / all (default) or 1

examples:
  echo hello | kraftling console-producer --bootstrap-server 127.0.0.1:9092 --topic orders
  printf 'k1\\tv1\\n' | kraftling console-producer --bootstrap-server 127.0.0.1:9092 --topic orders --property parse.key=true
  printf 'h1:x,h2:y\\tk1\\tv1\\n' | kraftling console-producer --bootstrap-server 127.0.0.1:9092 --topic orders \\
      --property parse.headers=true --property parse.key=true --compression-codec zstd`,
    options: {
      ...bootstrap, topic: { type: 'string' }, property: { type: 'string', multiple: true }, 'compression-codec': { type: 'string' },
      'request-required-acks': { type: 'string' }, help,
    },
    run: async (values) => (await import('./console-producer.js')).runConsoleProducer(values),
  },
  'console-consumer': {
    summary: 'print records of a topic (kafka-console-consumer)',
    help: `kraftling console-consumer --bootstrap-server H:P --topic NAME [options]

${BOOTSTRAP_HELP}
      --topic NAME                  the topic to read
      --from-beginning              start at the earliest offset (default: new records only)
      --partition N                 only this partition
      --offset O                    earliest, latest or an offset (with --partition)
      --group G                     join consumer group G: read the partitions it assigns, from its
                                    committed offsets, and commit what was printed (not with --partition)
      --max-messages N              exit after N records
      --timeout-ms MS               exit when no record came for MS
      --property K=V                print.key, print.timestamp, print.partition, print.offset,
                                    print.headers (true/false), key.separator, line.separator, headers.separator

examples:
  kraftling console-consumer --bootstrap-server 127.0.0.1:9092 --topic orders --from-beginning --max-messages 10
  kraftling console-consumer --bootstrap-server 127.0.0.1:9092 --topic orders --group audit \\
      --property print.key=true --property print.offset=true --property print.headers=true`,
    options: {
      ...bootstrap, topic: { type: 'string' }, 'from-beginning': { type: 'boolean' }, partition: { type: 'string' }, offset: { type: 'string' },
      group: { type: 'string' }, 'max-messages': { type: 'string' }, 'timeout-ms': { type: 'string' }, property: { type: 'string', multiple: true }, help,
    },
    run: async (values) => (await import('./console-consumer.js')).runConsoleConsumer(values),
  },
  'consumer-groups': {
    summary: 'list, describe (with lag), reset offsets of or delete consumer groups (kafka-consumer-groups)',
    help: `kraftling consumer-groups --bootstrap-server H:P (--list|--describe|--reset-offsets|--delete|--delete-offsets) [options]

${BOOTSTRAP_HELP}
      --list | --describe | --reset-offsets | --delete | --delete-offsets
      --state [S,S...] --type [T,T...]   (--list) add the STATE / TYPE column, and with values list
                                    only groups in those states (Stable, Empty, ...) / of those types
                                    (classic, consumer)
      --group G                     the group (--describe, --reset-offsets, --delete): classic or
                                    KIP-848 consumer groups alike
      --all-groups                  (--describe, --reset-offsets, --delete) every group instead
      --members [--verbose]         (--describe) each member and its partition count (--verbose:
                                    its partitions) instead of the offsets
      --state                       (--describe) the coordinator, assignor, state and member count
      --offsets                     (--describe) committed offsets, log end offsets and lag (the default)
      --topic NAME[:P,P...]         (--reset-offsets, --delete-offsets; repeatable) a topic, or some
                                    of its partitions, whose committed offsets to reset or delete
      --to-earliest | --to-latest | --to-offset N   (--reset-offsets) where to; or
      --shift-by N | --to-current   the committed offset moved by N (may be negative), or kept
                                    (the log end where none is committed)
      --to-datetime YYYY-MM-DDTHH:mm:SS.sss   the first offset at or after that time (UTC unless a
                                    zone follows, as Z or +01:00); the log end where none is
      --by-duration PnDTnHnMnS      the same for a time that long ago (e.g. PT1H30M)
      --from-file F                 the offsets of a plan --export wrote (CSV: [group,]topic,partition,offset)
      --export                      (--reset-offsets) print the plan as that CSV instead of a table
      --execute | --dry-run         (--reset-offsets) commit, or only print the plan (default);
                                    only a group without members (Empty) is reset

examples:
  kraftling consumer-groups --bootstrap-server 127.0.0.1:9092 --list
  kraftling consumer-groups --bootstrap-server 127.0.0.1:9092 --list --state Stable,Empty --type
  kraftling consumer-groups --bootstrap-server 127.0.0.1:9092 --describe --group audit
  kraftling consumer-groups --bootstrap-server 127.0.0.1:9092 --describe --group audit --members --verbose
  kraftling consumer-groups --bootstrap-server 127.0.0.1:9092 --reset-offsets --group audit --topic orders --to-earliest --execute
  kraftling consumer-groups --bootstrap-server 127.0.0.1:9092 --delete-offsets --group audit --topic orders:0,1`,
    options: {
      ...bootstrap, list: { type: 'boolean' }, describe: { type: 'boolean' }, 'reset-offsets': { type: 'boolean' }, delete: { type: 'boolean' },
      'delete-offsets': { type: 'boolean' }, group: { type: 'string' }, topic: { type: 'string', multiple: true }, 'to-earliest': { type: 'boolean' }, 'to-latest': { type: 'boolean' },
      'to-offset': { type: 'string' }, 'shift-by': { type: 'string' }, 'to-current': { type: 'boolean' }, 'to-datetime': { type: 'string' },
      'by-duration': { type: 'string' }, execute: { type: 'boolean' }, 'dry-run': { type: 'boolean' },
      'from-file': { type: 'string' }, export: { type: 'boolean' }, members: { type: 'boolean' }, state: { type: 'string' }, type: { type: 'string' }, offsets: { type: 'boolean' }, verbose: { type: 'boolean' },
      'all-groups': { type: 'boolean' }, help,
    },
    optionalValues: ['state', 'type'],
    run: async (values) => (await import('./consumer-groups.js')).runConsumerGroups(values),
  },
  configs: {
    summary: 'describe or alter topic, broker and group configs, broker log levels and client quotas (kafka-configs)',
    help: `kraftling configs --bootstrap-server H:P --entity-type topics|brokers|groups|broker-loggers|users|clients|ips --entity-name NAME (--describe [--all] | --alter ...)

${BOOTSTRAP_HELP}
      --entity-type T               topics, brokers, groups, broker-loggers (a broker's log level:
                                    root=DEBUG until it restarts), or (client quotas) users, clients, ips
      --entity-name NAME            the topic's name, the broker's id, the group's id, or the quota entity's name
      --entity-default              every broker (the cluster-wide dynamic defaults), or the default
                                    user / client / ip (quotas)
      --describe [--all]            the dynamic configs, or (--all) every config with its source
      --alter                       change configs:
      --add-config K=V[,K=V]        set (a list value in brackets: k=[a,b])
      --delete-config K[,K]         remove (back to the default)

examples:
  kraftling configs --bootstrap-server 127.0.0.1:9092 --entity-type topics --entity-name orders --alter --add-config retention.ms=60000
  kraftling configs --bootstrap-server 127.0.0.1:9092 --entity-type topics --entity-name orders --describe
  kraftling configs --bootstrap-server 127.0.0.1:9092 --entity-type groups --entity-name audit --alter --add-config consumer.heartbeat.interval.ms=6000
  kraftling configs --bootstrap-server 127.0.0.1:9092 --entity-type clients --entity-name app --alter --add-config producer_byte_rate=1024`,
    options: {
      ...bootstrap, 'entity-type': { type: 'string' }, 'entity-name': { type: 'string' }, 'entity-default': { type: 'boolean' },
      describe: { type: 'boolean' }, all: { type: 'boolean' },
      alter: { type: 'boolean' }, 'add-config': { type: 'string' }, 'delete-config': { type: 'string' }, help,
    },
    run: async (values) => (await import('./configs.js')).runConfigs(values),
  },
  'broker-api-versions': {
    summary: 'print the API versions a live broker serves (kafka-broker-api-versions)',
    help: `kraftling broker-api-versions --bootstrap-server H:P

${BOOTSTRAP_HELP}

example:
  kraftling broker-api-versions --bootstrap-server 127.0.0.1:9092`,
    options: { ...bootstrap, help },
    run: async (values) => (await import('./broker-info.js')).runBrokerApiVersions(values),
  },
  'log-dirs': {
    summary: 'print each broker\'s log directories and partition sizes (kafka-log-dirs)',
    help: `kraftling log-dirs --bootstrap-server H:P --describe [--topic-list T[,T]] [--broker-list ID[,ID]]

${BOOTSTRAP_HELP}
      --describe                    print the log directories as JSON (the only action)
      --topic-list T[,T]            only these topics' partitions (default: all)
      --broker-list ID[,ID]         only these brokers (default: every live one)

example:
  kraftling log-dirs --bootstrap-server 127.0.0.1:9092 --describe --topic-list orders`,
    options: { ...bootstrap, describe: { type: 'boolean' }, 'topic-list': { type: 'string' }, 'broker-list': { type: 'string' }, help },
    run: async (values) => (await import('./log-dirs.js')).runLogDirs(values),
  },
  'get-offsets': {
    summary: 'print an offset of each partition: latest, earliest or by time (kafka-get-offsets)',
    help: `kraftling get-offsets --bootstrap-server H:P [--topic REGEX] [--partitions N[,N]] [--time T] [--exclude-internal-topics]

${BOOTSTRAP_HELP}
      --topic REGEX                 topics whose whole name matches (default: all)
      --partitions N[,N]            only these partitions (default: all)
      --time T                      latest or -1 (default), earliest or -2, max-timestamp or -3,
                                    or a timestamp in ms: the first offset at or after it
      --exclude-internal-topics     leave __consumer_offsets and __transaction_state out

Prints topic:partition:offset per partition; one with no such offset is left out.

examples:
  kraftling get-offsets --bootstrap-server 127.0.0.1:9092 --topic orders
  kraftling get-offsets --bootstrap-server 127.0.0.1:9092 --topic 'orders|payments' --time earliest`,
    options: {
      ...bootstrap, topic: { type: 'string' }, partitions: { type: 'string' }, time: { type: 'string' },
      'exclude-internal-topics': { type: 'boolean' }, help,
    },
    run: async (values) => (await import('./get-offsets.js')).runGetOffsets(values),
  },
  'delete-records': {
    summary: 'delete the records of partitions below given offsets (kafka-delete-records)',
    help: `kraftling delete-records --bootstrap-server H:P --offset-json-file FILE

${BOOTSTRAP_HELP}
      --offset-json-file FILE       {"partitions": [{"topic": "orders", "partition": 0, "offset": 42}], "version": 1};
                                    offset -1 deletes up to the high watermark

example:
  kraftling delete-records --bootstrap-server 127.0.0.1:9092 --offset-json-file offsets.json`,
    options: { ...bootstrap, 'offset-json-file': { type: 'string' }, help },
    run: async (values) => (await import('./delete-records.js')).runDeleteRecords(values),
  },
  'leader-election': {
    summary: 'elect the preferred (or any live) replica leader of partitions (kafka-leader-election)',
    help: `kraftling leader-election --bootstrap-server H:P --election-type preferred|unclean
    (--all-topic-partitions | --topic NAME --partition N | --path-to-json-file FILE)

${BOOTSTRAP_HELP}
      --election-type T             preferred: the first replica, if in sync; unclean: any live replica
                                    when none in sync is (may lose acknowledged records)
      --all-topic-partitions        every partition
      --topic NAME --partition N    one partition
      --path-to-json-file FILE      {"partitions": [{"topic": "orders", "partition": 0}]}

example:
  kraftling leader-election --bootstrap-server 127.0.0.1:9092 --election-type preferred --all-topic-partitions`,
    options: {
      ...bootstrap, 'election-type': { type: 'string' }, 'all-topic-partitions': { type: 'boolean' }, topic: { type: 'string' },
      partition: { type: 'string' }, 'path-to-json-file': { type: 'string' }, help,
    },
    run: async (values) => (await import('./leader-election.js')).runLeaderElection(values),
  },
  'reassign-partitions': {
    summary: 'move partition replicas between brokers: generate, execute, verify, list, cancel (kafka-reassign-partitions)',
    help: `kraftling reassign-partitions --bootstrap-server H:P (--generate|--execute|--verify|--list|--cancel) [options]

${BOOTSTRAP_HELP}
      --generate                    propose a plan for --topics-to-move-json-file over --broker-list
      --execute                     start the plan of --reassignment-json-file (--additional: beside ongoing ones)
      --throttle B                  with --execute: replication into the new replicas at most B bytes/s
      --verify                      tell whether each partition of the plan has finished moving; once all
                                    have, remove the throttles (--preserve-throttles keeps them)
      --list                        the reassignments in progress
      --cancel                      cancel the plan's reassignments still in progress
      --reassignment-json-file F    {"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[2,3]}]}
      --topics-to-move-json-file F  {"version":1,"topics":[{"topic":"orders"}]}
      --broker-list ID[,ID]         brokers the generated plan may use
      --disable-rack-aware          with --generate: ignore the brokers' racks (by default replicas are
                                    spread over racks first when the brokers name them)

examples:
  kraftling reassign-partitions --bootstrap-server 127.0.0.1:9092 --generate --topics-to-move-json-file topics.json --broker-list 2,3
  kraftling reassign-partitions --bootstrap-server 127.0.0.1:9092 --execute --reassignment-json-file plan.json --throttle 50000000
  kraftling reassign-partitions --bootstrap-server 127.0.0.1:9092 --verify --reassignment-json-file plan.json`,
    options: {
      ...bootstrap, generate: { type: 'boolean' }, execute: { type: 'boolean' }, verify: { type: 'boolean' }, list: { type: 'boolean' },
      cancel: { type: 'boolean' }, additional: { type: 'boolean' }, 'reassignment-json-file': { type: 'string' },
      throttle: { type: 'string' }, 'preserve-throttles': { type: 'boolean' },
      'topics-to-move-json-file': { type: 'string' }, 'broker-list': { type: 'string' }, 'disable-rack-aware': { type: 'boolean' }, help,
    },
    run: async (values) => (await import('./reassign-partitions.js')).runReassignPartitions(values),
  },
  transactions: {
    summary: 'list, describe, abort or find hanging transactions; producers of a partition (kafka-transactions)',
    help: `kraftling transactions --bootstrap-server H:P list
kraftling transactions --bootstrap-server H:P describe --transactional-id ID
kraftling transactions --bootstrap-server H:P describe-producers --topic T --partition P
kraftling transactions --bootstrap-server H:P abort --topic T --partition P --start-offset O
kraftling transactions --bootstrap-server H:P find-hanging (--broker-id N | --topic T [--partition P])
    [--max-transaction-timeout MINUTES]

${BOOTSTRAP_HELP}

abort writes an ABORT marker for the transaction open at that offset of the partition (a hanging
transaction: one its coordinator no longer knows), as Kafka's tool does. find-hanging lists those:
transactions open longer than --max-transaction-timeout (15 minutes) that no coordinator will end.

example:
  kraftling transactions --bootstrap-server 127.0.0.1:9092 describe-producers --topic orders --partition 0`,
    options: {
      ...bootstrap, 'transactional-id': { type: 'string' }, topic: { type: 'string' }, partition: { type: 'string' },
      'start-offset': { type: 'string' }, 'broker-id': { type: 'string' }, 'max-transaction-timeout': { type: 'string' }, help,
    },
    run: async (values, positionals) => (await import('./transactions.js')).runTransactions(values, positionals),
  },
  'producer-perf-test': {
    summary: 'measure produce throughput and latency (kafka-producer-perf-test)',
    help: `kraftling producer-perf-test --bootstrap-server H:P --topic NAME --num-records N --record-size BYTES
    --throughput N|-1 [--producer-props KEY=VALUE ...]

${BOOTSTRAP_HELP}
      --topic NAME                  an existing topic
      --num-records N               records to send
      --record-size BYTES           bytes of each record's (random) value
      --throughput N                records per second at most; -1: as fast as possible
      --producer-props K=V ...      acks (all, -1 or 1; default all), batch.size (16384),
                                    max.in.flight.requests.per.connection (5), compression.type (none),
                                    delivery.timeout.ms (120000: how long a batch is retried)

Prints a line every five seconds, then records/s, MB/s (MiB, as Kafka's tool) and latency
percentiles. Records go out in batches of batch.size, one partition after another.

example:
  kraftling producer-perf-test --bootstrap-server 127.0.0.1:9092 --topic perf --num-records 1000000 --record-size 1024 --throughput -1 --producer-props acks=1`,
    options: {
      ...bootstrap, topic: { type: 'string' }, 'num-records': { type: 'string' }, 'record-size': { type: 'string' }, throughput: { type: 'string' },
      'producer-props': { type: 'string', multiple: true }, help,
    },
    run: async (values, positionals) => (await import('./producer-perf-test.js')).runProducerPerfTest(values, positionals),
  },
  'consumer-perf-test': {
    summary: 'measure consume throughput (kafka-consumer-perf-test)',
    help: `kraftling consumer-perf-test --bootstrap-server H:P --topic NAME --messages N [options]

${BOOTSTRAP_HELP}
      --topic NAME                  the topic to read
      --messages N                  records to read
      --fetch-size BYTES            bytes per partition per fetch (default 1048576)
      --timeout MS                  stop after this long without a record (default 10000)
      --from-latest                 start at the end of each partition, not the start
      --hide-header                 print the figures without their header line

Reads without a consumer group and prints Kafka's summary line (MB are MiB, as Kafka's tool).

example:
  kraftling consumer-perf-test --bootstrap-server 127.0.0.1:9092 --topic perf --messages 1000000`,
    options: {
      ...bootstrap, topic: { type: 'string' }, messages: { type: 'string' }, 'fetch-size': { type: 'string' }, timeout: { type: 'string' },
      'from-latest': { type: 'boolean' }, 'hide-header': { type: 'boolean' }, help,
    },
    run: async (values) => (await import('./consumer-perf-test.js')).runConsumerPerfTest(values),
  },
  cluster: {
    summary: 'print the cluster id, or unregister a broker removed for good (kafka-cluster)',
    help: `kraftling cluster --bootstrap-server H:P cluster-id
kraftling cluster --bootstrap-server H:P unregister --id N

${BOOTSTRAP_HELP}
      --id N                        the broker to unregister: it leaves every ISR and leadership

example:
  kraftling cluster --bootstrap-server 127.0.0.1:9092 unregister --id 3`,
    options: { ...bootstrap, id: { type: 'string' }, help },
    run: async (values, positionals) => (await import('./cluster.js')).runCluster(values, positionals),
  },
  features: {
    summary: 'describe, upgrade, downgrade or disable finalized features (kafka-features)',
    help: `kraftling features --bootstrap-server H:P describe
kraftling features --bootstrap-server H:P upgrade (--metadata V | --release-version V | --feature NAME=LEVEL ...) [--dry-run]
kraftling features --bootstrap-server H:P downgrade (--metadata V | --feature NAME=LEVEL ...) [--unsafe] [--dry-run]
kraftling features --bootstrap-server H:P disable --feature NAME ... [--unsafe] [--dry-run]

metadata.version takes a release (3.7, 3.6-IV2) or a level. A downgrade of metadata.version
passes only over levels that changed no record format, as Kafka allows.

${BOOTSTRAP_HELP}

example:
  kraftling features --bootstrap-server 127.0.0.1:9092 downgrade --metadata 3.7-IV3 --dry-run`,
    options: {
      ...bootstrap, feature: { type: 'string', multiple: true }, metadata: { type: 'string' }, 'release-version': { type: 'string' },
      'dry-run': { type: 'boolean' }, unsafe: { type: 'boolean' }, help,
    },
    run: async (values, positionals) => (await import('./features.js')).runFeatures(values, positionals),
  },
  storage: {
    summary: 'print what meta.properties says in data directories (kafka-storage info)',
    help: `kraftling storage info (-c FILE | -d DIR...)

  -c, --config FILE       a server.properties file: its log.dirs and metadata.log.dir
  -d, --data-dir DIR      a data directory (repeatable)

example:
  kraftling storage info -d .kraftling/node-1`,
    options: { config: { type: 'string', short: 'c' }, 'data-dir': { type: 'string', short: 'd', multiple: true }, help },
    run: async (values, positionals) => (await import('./storage-info.js')).runStorageInfo(values, positionals),
  },
};
