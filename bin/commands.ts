// Each CLI command: its flags, its help text and what it runs.
import type { ParseArgsConfig } from 'node:util';
import { ACLS_HELP, ACLS_OPTIONS } from './acls-options.js';
import { toolCommands } from './tools/registry.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Command {
  summary: string;
  help: string;
  options: Options;
  /** String options whose value may be left out (Kafka's `--state [S,...]`): without one they read as ''. */
  optionalValues?: readonly string[];
  /** Resolves with the exit code, or -1 for a command that keeps running (start). */
  run(values: Record<string, unknown>, positionals: string[]): Promise<number>;
}

const help = { type: 'boolean', short: 'h' } as const;

const startOptions: Options = {
  nodes: { type: 'string', short: 'n' },
  racks: { type: 'string' },
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
  'data-dir': { type: 'string', short: 'd' },
  ephemeral: { type: 'boolean' },
  config: { type: 'string', short: 'c' },
  override: { type: 'string', multiple: true, short: 'o' },
  profile: { type: 'string' },
  'log-level': { type: 'string' },
  fsync: { type: 'boolean' },
  'cluster-id': { type: 'string' },
  http: { type: 'string' },
  help,
};

export const commands: Record<string, Command> = {
  start: {
    summary: 'start a broker (or --nodes N co-located nodes) and print "kraftling ready" when it serves',
    help: `kraftling start [options]

  -n, --nodes N           co-located nodes in this process (default 1); ports count up from --port
      --racks R1,R2,...   broker.rack of each node, one per node: new partitions are spread over
                          racks (and, with replica.selector.class, consumers that give a rack
                          read from a follower in it)
  -p, --port P            first broker port (default 9092; 0 picks free ports)
      --host H            address to listen on and advertise (default 127.0.0.1)
  -d, --data-dir DIR      data directory (default ./.kraftling); each node uses DIR/node-<id>
      --ephemeral         use a temporary data directory, removed at exit
  -c, --config FILE       a server.properties file (Kafka's keys; one node)
  -o, --override K=V      set a config key (repeatable), on top of --config
      --profile NAME      defaults laid under the config: dev (default) or kafka
      --fsync             fsync before acknowledging (log.flush.interval.messages=1)
      --cluster-id ID     cluster id used when formatting new data directories
      --log-level LEVEL   trace, debug, info (default), warn, error or silent
      --http HOST:PORT    serve /health, /metrics and the web console there (port 0: a free
                          one; also the config key kraftling.http.listener); off by default`,
    options: startOptions,
    run: async (values) => (await import('./start.js')).runStart(values),
  },
  format: {
    summary: 'write meta.properties into a data directory (kafka-storage format)',
    help: `kraftling format [options]

  -d, --data-dir DIR      data directory to format (default ./.kraftling/node-<id>)
  -c, --config FILE       a server.properties file (its log.dirs and node.id are used)
      --cluster-id ID     cluster id (default: a new random one)
      --node-id N         node id (default: node.id from the config, else 1)
      --add-scram CRED    a SCRAM user to create with the cluster (repeatable), as kafka-storage:
                          'SCRAM-SHA-256=[name=alice,password=alice-secret]' (iterations=N optional)
  -s, --standalone        dynamic quorum (kraft.version 1) with this node as its only voter
  -I, --initial-controllers id@host:port:directoryId,...
                          dynamic quorum with these voters (this node's directory id is used)
                          Neither: a static quorum (controller.quorum.voters), or a node that joins
                          a dynamic one through controller.quorum.bootstrap.servers as an observer`,
    options: {
      standalone: { type: 'boolean', short: 's' },
      'initial-controllers': { type: 'string', short: 'I' },
      'data-dir': { type: 'string', short: 'd' },
      config: { type: 'string', short: 'c' },
      'cluster-id': { type: 'string' },
      'node-id': { type: 'string' },
      'add-scram': { type: 'string', multiple: true },
      help,
    },
    run: async (values) => (await import('./format.js')).runFormat(values),
  },
  'metadata-quorum': {
    summary: 'describe and change the KRaft metadata quorum (kafka-metadata-quorum)',
    help: `kraftling metadata-quorum describe|add-controller|remove-controller|set-weight|force-voters [options]

      --bootstrap-server H:P      a broker listener of the cluster
      --bootstrap-controller H:P  or a controller listener
  describe:
      --status                    leader, epoch, high watermark, voters and lag (default)
      --replication               each voter's and observer's log end offset, lag and fetch times
  add-controller (dynamic quorum, KIP-853): make a caught-up observer a voter
      --command-config FILE       the new controller's server.properties (node.id, listener, log dirs)
  remove-controller:
      --controller-id N           the voter to remove
      --controller-directory-id D its metadata log directory id (DescribeQuorum shows it)
  set-weight (weighted voters, kraftling's own): a quorum weighs more than half of all weights
      --controller-id N, --controller-directory-id D, --weight W (with --bootstrap-controller)
  force-voters (offline, on each surviving voter of a quorum that lost its majority for good):
      --config FILE               this stopped node's server.properties
      --voters ID,...             the voters that remain (see the README for the risk)`,
    options: {
      'bootstrap-server': { type: 'string' },
      'bootstrap-controller': { type: 'string' },
      status: { type: 'boolean' },
      replication: { type: 'boolean' },
      'command-config': { type: 'string' },
      'controller-id': { type: 'string' },
      'controller-directory-id': { type: 'string' },
      weight: { type: 'string' },
      config: { type: 'string' },
      voters: { type: 'string' },
      help,
    },
    run: async (values, positionals) => (await import('./metadata-quorum.js')).runMetadataQuorum(values, positionals),
  },
  acls: {
    summary: 'add, remove and list ACLs over the Kafka protocol (kafka-acls)',
    help: ACLS_HELP,
    options: ACLS_OPTIONS,
    run: async (values) => (await import('./acls.js')).runAcls(values),
  },
  'dump-log': {
    summary: 'print the batches and records of log segments, indexes and snapshots (kafka-dump-log)',
    help: `kraftling dump-log --files FILE[,FILE...] [options]

      --files FILES                 .log, .index, .timeindex, .snapshot (producer state) or
                                    .checkpoint (metadata snapshot) files, comma separated
      --print-data-log              print every record's key and payload, not only the batches
      --deep-iteration              the same as --print-data-log
      --cluster-metadata-decoder    decode records as __cluster_metadata records (JSON)
      --offsets-decoder             decode records as __consumer_offsets records
      --transaction-log-decoder     decode records as __transaction_state records

  Example: kraftling dump-log --cluster-metadata-decoder \\
             --files .kraftling/node-1/__cluster_metadata-0/00000000000000000000.log`,
    options: {
      files: { type: 'string', multiple: true },
      'print-data-log': { type: 'boolean' },
      'deep-iteration': { type: 'boolean' },
      'cluster-metadata-decoder': { type: 'boolean' },
      'offsets-decoder': { type: 'boolean' },
      'transaction-log-decoder': { type: 'boolean' },
      help,
    },
    run: async (values, positionals) => (await import('./dump-log.js')).runDumpLog(values, positionals),
  },
  'metadata-shell': {
    summary: 'browse the metadata image of a data directory or snapshot, offline (kafka-metadata-shell)',
    help: `kraftling metadata-shell (--data-dir DIR | --snapshot FILE) [command]

  -d, --data-dir DIR      a node's directory (or its __cluster_metadata-0 folder): the newest
                          snapshot, then the log after it, replayed as a broker replays them
  -s, --snapshot FILE     one metadata snapshot (.checkpoint)

  Runs the command given, or reads commands from stdin: ls, cat, tree, find, cd, pwd, help, exit.
  Paths: /metadata, /features, /brokers/<id>, /topics/<name>/<partition>, /topicIds/<id>,
  /configs/<topic|broker|group>/<name>/<key>.

  Example: kraftling metadata-shell -d .kraftling/node-1 cat /topics/orders/0`,
    options: {
      'data-dir': { type: 'string', short: 'd' },
      snapshot: { type: 'string', short: 's' },
      help,
    },
    run: async (values, positionals) => (await import('./metadata-shell.js')).runMetadataShell(values, positionals),
  },
  certs: {
    summary: 'write a self-signed CA and node/client certificates (PEM) for local TLS listeners',
    help: `kraftling certs [options]

  -d, --dir DIR           where to write ca.pem, ca-key.pem, node.pem (default ./.kraftling/certs);
                          an existing CA there is reused
      --host H            a host name or address the node certificate is valid for (repeatable;
                          default localhost, 127.0.0.1 and ::1)
      --client NAME       also write NAME.pem, a client certificate with CN=NAME (repeatable)`,
    options: {
      dir: { type: 'string', short: 'd' },
      host: { type: 'string', multiple: true },
      client: { type: 'string', multiple: true },
      help,
    },
    run: async (values) => (await import('./certs.js')).runCerts(values),
  },
  'random-uuid': {
    summary: 'print a new cluster id (kafka-storage random-uuid)',
    help: 'kraftling random-uuid',
    options: { help },
    run: async () => {
      const { randomUuid } = await import('../src/node/meta-properties.js');
      process.stdout.write(`${randomUuid()}\n`);
      return 0;
    },
  },
  apis: {
    summary: 'print the supported API table (keys and versions)',
    help: 'kraftling apis',
    options: { help },
    run: async () => {
      const { apiTable } = await import('./api-table.js');
      process.stdout.write(apiTable());
      return 0;
    },
  },
  ...toolCommands,
  version: {
    summary: 'print the version',
    help: 'kraftling version',
    options: { help },
    run: async () => {
      const { VERSION } = await import('../src/version.js');
      process.stdout.write(`kraftling ${VERSION}\n`);
      return 0;
    },
  },
};

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const lines = Object.entries(commands).map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}`);
  return `kraftling: a Kafka-compatible broker with combined-mode KRaft\n\nusage: kraftling <command> [options]\n\n${lines.join('\n')}\n\nRun \`kraftling <command> --help\` for a command's options.\n`;
}
