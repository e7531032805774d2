// The KRaft metadata quorum, on three processes started from server.properties: how long a fresh
// cluster takes to elect its first controller, how long a kill -9 of the active controller leaves
// the cluster without one, how fast a node replays its metadata log on start (kraft-replay.ts), and
// what a CreateTopics request costs sent to the controller's own broker or to another broker.
import { CreateTopicsApi } from '../../protocol/generated/api/19-create-topics.js';
import { POLL_INTERVAL_MS, ProcessCluster, VOTERS, pollQuorum, type QuorumAnswer } from './kraft-cluster.js';
import { replayFigures } from './kraft-replay.js';
import { replayCoreFigures } from './replay-core.js';
import { BenchConnection } from './raw-client.js';
import { median, msRange, percentile, thousands, type BenchSettings, type Figure, type FigureGroup } from './report.js';

const CLUSTER_NOTE = `${VOTERS} processes, kraftling start --config server-N.properties (combined mode, dev profile: `
  + 'election timeout 300 ms, fetch timeout 500 ms; durable)';
const CREATE_WARMUP_REQUESTS = 10;

interface Election {
  leaderMs: number;
  allReadyMs: number;
}

interface Failover {
  ms: number;
  /** Epochs from the killed leader's to its successor's: 1 when the first election won. */
  epochs: number;
}

/** Spawns the three nodes at once and polls all of them until one names a leader. */
async function elect(cluster: ProcessCluster): Promise<Election> {
  const spawnedAt = performance.now();
  const [leader] = await Promise.all([
    pollQuorum(cluster.brokerAddresses, (p) => p.leaderId >= 0, 'a first leader'),
    cluster.startAll(),
  ]);
  const allReadyAt = Math.max(...cluster.members.map((m) => m!.readyAt));
  return { leaderMs: leader.at - spawnedAt, allReadyMs: allReadyAt - spawnedAt };
}

function anyLeader(cluster: ProcessCluster): Promise<QuorumAnswer> {
  return pollQuorum(cluster.brokerAddresses.filter((_, i) => cluster.members[i]), (p) => p.leaderId >= 0, 'a leader');
}

/**
 * kill -9 (or SIGTERM) of the active controller's process, until a survivor names another leader
 * in a later epoch; then the node is restarted and caught up again, so every run starts from
 * three voters.
 */
async function failover(cluster: ProcessCluster, how: 'kill' | 'stop'): Promise<Failover> {
  const before = (await anyLeader(cluster)).partition;
  const victim = before.leaderId;
  const survivors = cluster.brokerAddresses.filter((_, i) => i !== victim - 1);
  const killedAt = performance.now();
  const gone = how === 'kill' ? cluster.killNode(victim) : cluster.stopNode(victim);
  const after = await pollQuorum(survivors, (p) => p.leaderId >= 0 && p.leaderId !== victim && p.leaderEpoch > before.leaderEpoch, 'a new leader');
  await gone;
  await cluster.startNode(victim);
  await pollQuorum(cluster.brokerAddresses, (p) => {
    const voter = p.currentVoters.find((v) => v.replicaId === victim);
    return p.leaderId >= 0 && voter !== undefined && voter.logEndOffset >= p.highWatermark;
  }, `node ${victim} caught up as a voter`);
  return { ms: after.at - killedAt, epochs: after.partition.leaderEpoch - before.leaderEpoch };
}

interface CreateLatencies {
  controllerMs: number[];
  otherMs: number[];
  /** Whether the quorum had another leader at the end, which would blur the two series. */
  controllerMoved: boolean;
}

/** Topics per CreateTopics when filling the cluster with topics. */
const FILL_TOPICS_PER_REQUEST = 500;

/** `count` one-partition topics, so the next latencies are those of a cluster with many topics. */
async function fillTopics(cluster: ProcessCluster, count: number): Promise<void> {
  const conn = await BenchConnection.connect(cluster.brokerAddresses[0]!);
  try {
    for (let first = 0; first < count; first += FILL_TOPICS_PER_REQUEST) {
      const names = Array.from({ length: Math.min(FILL_TOPICS_PER_REQUEST, count - first) }, (_, i) => `bench-fill-${first + i}`);
      const res = await conn.request(CreateTopicsApi, 7, {
        topics: names.map((name) => ({ name, numPartitions: 1, replicationFactor: VOTERS, assignments: [], configs: [] })),
        timeoutMs: 60_000, validateOnly: false,
      });
      const failed = res.topics.find((t) => t.errorCode !== 0);
      if (failed) throw new Error(`CreateTopics ${failed.name}: error ${failed.errorCode} ${failed.errorMessage ?? ''}`);
    }
  } finally {
    conn.close();
  }
}

async function createOneTopic(conn: BenchConnection, name: string): Promise<number> {
  const started = performance.now();
  const res = await conn.request(CreateTopicsApi, 7, {
    topics: [{ name, numPartitions: 1, replicationFactor: VOTERS, assignments: [], configs: [] }], timeoutMs: 30_000, validateOnly: false,
  });
  const ms = performance.now() - started;
  const result = res.topics[0];
  if (result?.errorCode !== 0) throw new Error(`CreateTopics ${name}: error ${result?.errorCode} ${result?.errorMessage ?? ''}`);
  return ms;
}

/** One-topic CreateTopics requests, one at a time, alternating between the two brokers. */
async function createTopicsLatencies(cluster: ProcessCluster, requests: number, prefix = 'bench-create'): Promise<CreateLatencies> {
  const { leaderId, leaderEpoch } = (await anyLeader(cluster)).partition;
  const otherId = (leaderId % VOTERS) + 1;
  const controller = await BenchConnection.connect(cluster.brokerAddresses[leaderId - 1]!);
  const other = await BenchConnection.connect(cluster.brokerAddresses[otherId - 1]!).catch((err: Error) => {
    controller.close();
    throw err;
  });
  try {
    const latencies: CreateLatencies = { controllerMs: [], otherMs: [], controllerMoved: false };
    for (let i = 0; i < CREATE_WARMUP_REQUESTS + requests; i++) {
      const c = await createOneTopic(controller, `${prefix}-c-${i}`);
      const o = await createOneTopic(other, `${prefix}-o-${i}`);
      if (i < CREATE_WARMUP_REQUESTS) continue;
      latencies.controllerMs.push(c);
      latencies.otherMs.push(o);
    }
    const after = (await anyLeader(cluster)).partition;
    latencies.controllerMoved = after.leaderId !== leaderId || after.leaderEpoch !== leaderEpoch;
    return latencies;
  } finally {
    controller.close();
    other.close();
  }
}

function createTopicsFigure(name: string, values: number[], moved: boolean, note: string): Figure {
  const at = (p: number): string => percentile(values, p).toFixed(2);
  const warning = moved ? '; THE CONTROLLER MOVED DURING THE RUN' : '';
  return {
    group: 'kraft',
    name: `CreateTopics p50 / p99, ${name}`,
    value: `${at(50)} / ${at(99)} ms`,
    versus: `max ${at(100)} ms; ${note}${warning}`,
    generator: `raw client, CreateTopics v7 of 1 topic (1 partition, RF ${VOTERS}), one at a time, alternating brokers; `
      + `${values.length} requests after ${CREATE_WARMUP_REQUESTS} warm-up; ${CLUSTER_NOTE}`,
  };
}

interface ClusterRuns {
  elections: Election[];
  failovers: Failover[];
  /** The same after a SIGTERM: the leader resigns and waits for its successor. */
  handovers: Failover[];
  latencies: CreateLatencies;
  /** The same after `topicsPresent` more topics were created. */
  crowded: CreateLatencies;
  topicsPresent: number;
}

/** Fresh clusters for the election figure; the last one also serves the others. */
async function measureClusters(settings: BenchSettings): Promise<ClusterRuns> {
  const none = (): CreateLatencies => ({ controllerMs: [], otherMs: [], controllerMoved: false });
  const runs: ClusterRuns = { elections: [], failovers: [], handovers: [], latencies: none(), crowded: none(), topicsPresent: settings.replayTopics };
  for (let i = 0; i < settings.electionRuns; i++) {
    settings.log(`kraft: fresh cluster ${i + 1} of ${settings.electionRuns}`);
    const cluster = await ProcessCluster.create();
    try {
      runs.elections.push(await elect(cluster));
      if (i < settings.electionRuns - 1) continue;
      // Kills first, on a cluster without topics: the figure is the quorum's failover alone.
      for (let k = 0; k < settings.failoverRuns; k++) {
        settings.log(`kraft: kill -9 of the controller, ${k + 1} of ${settings.failoverRuns}`);
        runs.failovers.push(await failover(cluster, 'kill'));
      }
      for (let k = 0; k < settings.failoverRuns; k++) {
        settings.log(`kraft: SIGTERM of the controller, ${k + 1} of ${settings.failoverRuns}`);
        runs.handovers.push(await failover(cluster, 'stop'));
      }
      settings.log(`kraft: CreateTopics x ${2 * settings.createTopicsRequests}`);
      runs.latencies = await createTopicsLatencies(cluster, settings.createTopicsRequests);
      settings.log(`kraft: ${thousands(runs.topicsPresent)} more topics, then CreateTopics x ${2 * settings.createTopicsRequests} again`);
      await fillTopics(cluster, runs.topicsPresent);
      runs.crowded = await createTopicsLatencies(cluster, settings.createTopicsRequests, 'bench-crowded');
    } finally {
      await cluster.stop();
    }
  }
  return runs;
}

function clusterFigures({ elections, failovers, handovers, latencies, crowded, topicsPresent }: ClusterRuns): Figure[] {
  const leaderMs = elections.map((e) => e.leaderMs);
  const readyMs = elections.map((e) => e.allReadyMs);
  const failoverMs = failovers.map((f) => f.ms);
  const handoverMs = handovers.map((f) => f.ms);
  const firstElection = failovers.filter((f) => f.epochs === 1).length;
  return [
    {
      group: 'kraft',
      name: 'fresh cluster: spawn -> first leader',
      value: `${median(leaderMs).toFixed(0)} ms`,
      versus: `${msRange(leaderMs)}; spawn -> all ${VOTERS} ready lines ${median(readyMs).toFixed(0)} ms (${msRange(readyMs)})`,
      generator: `${CLUSTER_NOTE}, spawned at once; DescribeQuorum v1 to every broker listener every ${POLL_INTERVAL_MS} ms `
        + `until one names a leader; median of ${elections.length} fresh clusters`,
    },
    {
      group: 'kraft',
      name: 'kill -9 active controller -> new leader',
      value: `${median(failoverMs).toFixed(0)} ms`,
      versus: `${msRange(failoverMs)}; floor: fetch timeout 500 ms + one election; `
        + `${firstElection} of ${failovers.length} won the first election (epoch + 1), the rest took more`,
      generator: `SIGKILL of the leader's process; DescribeQuorum v1 to both survivors every ${POLL_INTERVAL_MS} ms until one names `
        + `another leader in a later epoch; no topics yet; node restarted and caught up between kills; median of ${failovers.length}`,
    },
    {
      group: 'kraft',
      name: 'SIGTERM active controller -> new leader',
      value: `${median(handoverMs).toFixed(0)} ms`,
      versus: `${msRange(handoverMs)}; the leader resigns (EndQuorumEpoch) and serves until a successor leads`,
      generator: `SIGTERM of the leader's process, polled as above; median of ${handovers.length}`,
    },
    createTopicsFigure('to the controller\'s broker', latencies.controllerMs, latencies.controllerMoved, 'handled in the active controller\'s process'),
    createTopicsFigure('to another broker', latencies.otherMs, latencies.controllerMoved, 'forwarded to the active controller'),
    // Each metadata change used to copy the images' maps of every topic: this pair shows what a
    // change costs as topics add up (the same requests, after that many more topics).
    createTopicsFigure(`to the controller's broker, ${thousands(topicsPresent)} topics present`, crowded.controllerMs, crowded.controllerMoved,
      `the same requests before those topics: ${percentile(latencies.controllerMs, 50).toFixed(2)} ms at p50`),
  ];
}

async function run(settings: BenchSettings): Promise<Figure[]> {
  return [...clusterFigures(await measureClusters(settings)), ...await replayFigures(settings), ...replayCoreFigures(settings)];
}

export const kraftGroup: FigureGroup = {
  name: 'kraft',
  description: 'three-node KRaft: first election, failover after kill -9 and after SIGTERM, metadata log replay rate, CreateTopics latency',
  usesBroker: true,
  run,
};
