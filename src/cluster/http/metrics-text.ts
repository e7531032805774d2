// /metrics in the Prometheus text exposition format (version 0.0.4). Names are those the
// Prometheus JMX exporter's Kafka rules give Kafka's MBeans (lowercased, `PerSec` counters as
// `_total`, `type=raft-metrics` attributes with dashes as underscores), so dashboards made for
// Apache Kafka find them. A node's series carry node_id: one process may run several nodes.
// Consumer-group lag uses kafka_exporter's names (Kafka's broker has no such MBean); the few
// figures with no Kafka counterpart are prefixed kraftling_.
import { apiDefinition } from '../../../protocol/registry.js';
import type { NodeView } from '../../node/node.js';
import { groupViews } from './cluster-reads.js';
import { processSamples, type GcCounter } from './process-metrics.js';

type Labels = Record<string, string | number>;

class Exposition {
  private readonly lines: string[] = [];
  private readonly declared = new Set<string>();

  sample(name: string, type: 'counter' | 'gauge' | 'summary', help: string, labels: Labels, value: number, suffix = ''): void {
    if (!this.declared.has(name)) {
      this.declared.add(name);
      this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    }
    this.lines.push(`${name}${suffix}${labelText(labels)} ${Number.isFinite(value) ? value : 0}`);
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

export function metricsText(nodes: NodeView[], gc: GcCounter): string {
  const out = new Exposition();
  // Grouped by metric, not by node: the format wants one family's samples together.
  const running = nodes.filter((n) => n.state === 'running');
  topicCounters(out, nodes);
  requestCounters(out, nodes);
  replicaManager(out, running);
  controllerGauges(out, running);
  raftGauges(out, running);
  groupLag(out, running);
  for (const s of processSamples(gc)) out.sample(s.name, s.type, s.help, s.labels, s.value, s.suffix);
  return out.text();
}

function topicCounters(out: Exposition, nodes: NodeView[]): void {
  const families = [
    ['kafka_server_brokertopicmetrics_messagesin_total', 'Records appended to the log as leader (MessagesInPerSec)', 'messagesIn'],
    ['kafka_server_brokertopicmetrics_bytesin_total', 'Record batch bytes appended as leader (BytesInPerSec)', 'bytesIn'],
    ['kafka_server_brokertopicmetrics_bytesout_total', 'Record bytes sent to consumers (BytesOutPerSec)', 'bytesOut'],
  ] as const;
  for (const [name, help, field] of families) {
    for (const n of nodes) {
      for (const [topic, c] of n.metrics.topics) out.sample(name, 'counter', help, { node_id: n.nodeId, topic }, c[field]);
    }
  }
}

function requestCounters(out: Exposition, nodes: NodeView[]): void {
  for (const n of nodes) {
    for (const r of n.metrics.requestsByVersion()) {
      out.sample('kafka_network_requestmetrics_requests_total', 'counter', 'Requests answered, per API and version (RequestsPerSec)',
        { node_id: n.nodeId, request: apiName(r.apiKey), version: r.version }, r.count);
    }
  }
  const name = 'kafka_network_requestmetrics_totaltimems';
  const help = 'Time from a decoded request to its response, in milliseconds (TotalTimeMs)';
  for (const suffix of ['_sum', '_count'] as const) {
    for (const n of nodes) {
      const m = n.metrics;
      for (let key = 0; key < m.requestCount.length; key++) {
        if (m.requestCount[key]! === 0) continue;
        const value = suffix === '_sum' ? Math.round(m.requestTimeMsSum[key]! * 1000) / 1000 : m.requestCount[key]!;
        out.sample(name, 'summary', help, { node_id: n.nodeId, request: apiName(key) }, value, suffix);
      }
    }
  }
}

function apiName(key: number): string {
  return apiDefinition(key)?.name ?? `Api${key}`;
}

function replicaManager(out: Exposition, nodes: NodeView[]): void {
  const rows = nodes.map((n) => {
    let partitions = 0;
    let leaders = 0;
    let under = 0;
    for (const p of n.replicas?.all() ?? []) {
      partitions++;
      if (!p.isLeader) continue;
      leaders++;
      if (p.state.isr.length < p.state.replicas.length) under++;
    }
    return { n, partitions, leaders, under };
  });
  const gauge = (name: string, help: string, pick: (r: (typeof rows)[number]) => number): void => {
    for (const r of rows) out.sample(name, 'gauge', help, { node_id: r.n.nodeId }, pick(r));
  };
  gauge('kafka_server_replicamanager_underreplicatedpartitions', 'Partitions this broker leads whose ISR is smaller than their replica set', (r) => r.under);
  gauge('kafka_server_replicamanager_partitioncount', 'Partitions with a replica on this broker', (r) => r.partitions);
  gauge('kafka_server_replicamanager_leadercount', 'Partitions this broker leads', (r) => r.leaders);
  for (const r of rows) out.sample('kafka_server_replicamanager_isrshrinks_total', 'counter', 'ISR shrinks of partitions this broker leads', { node_id: r.n.nodeId }, r.n.metrics.isrShrinks);
  for (const r of rows) out.sample('kafka_server_replicamanager_isrexpands_total', 'counter', 'ISR expansions of partitions this broker leads', { node_id: r.n.nodeId }, r.n.metrics.isrExpands);
}

function controllerGauges(out: Exposition, nodes: NodeView[]): void {
  const gauge = (name: string, help: string, value: (n: NodeView) => number): void => {
    for (const n of nodes) out.sample(name, 'gauge', help, { node_id: n.nodeId }, value(n));
  };
  gauge('kafka_controller_kafkacontroller_activecontrollercount', '1 on the active controller, else 0', (n) => (n.quorum?.role === 'leader' ? 1 : 0));
  gauge('kafka_controller_kafkacontroller_newactivecontrollerscount', 'Times this node has seen a new active controller elected', (n) => n.metrics.newActiveControllers);
  const counts = new Map(nodes.map((n) => [n, imageCounts(n)]));
  gauge('kafka_controller_kafkacontroller_globaltopiccount', 'Topics in the metadata image', (n) => counts.get(n)!.topics);
  gauge('kafka_controller_kafkacontroller_globalpartitioncount', 'Partitions in the metadata image', (n) => counts.get(n)!.partitions);
  gauge('kafka_controller_kafkacontroller_offlinepartitionscount', 'Partitions without a leader', (n) => counts.get(n)!.offline);
  gauge('kafka_controller_kafkacontroller_activebrokercount', 'Registered, unfenced brokers', (n) => counts.get(n)!.active);
  gauge('kafka_controller_kafkacontroller_fencedbrokercount', 'Registered, fenced brokers', (n) => counts.get(n)!.fenced);
}

function imageCounts(n: NodeView): { topics: number; partitions: number; offline: number; active: number; fenced: number } {
  const image = n.image();
  let partitions = 0;
  let offline = 0;
  for (const t of image.topicsByName.values()) {
    for (const p of t.partitions) {
      partitions++;
      if (p.leader < 0) offline++;
    }
  }
  let fenced = 0;
  for (const b of image.brokers.values()) if (b.fenced) fenced++;
  return { topics: image.topicsByName.size, partitions, offline, active: image.brokers.size - fenced, fenced };
}

function raftGauges(out: Exposition, nodes: NodeView[]): void {
  const gauge = (name: string, help: string, value: (n: NodeView) => number | undefined): void => {
    for (const n of nodes) out.sample(name, 'gauge', help, { node_id: n.nodeId }, value(n) ?? -1);
  };
  gauge('kafka_server_raft_metrics_current_epoch', 'Raft epoch of __cluster_metadata (one more per election)', (n) => n.quorum?.epoch);
  gauge('kafka_server_raft_metrics_current_leader', 'Node id of the quorum leader (the active controller), -1 when unknown', (n) => n.quorum?.leaderId);
  gauge('kafka_server_raft_metrics_current_vote', 'Node id this voter voted for in the current epoch, -1 when none', (n) => n.quorum?.votedId);
  gauge('kafka_server_raft_metrics_high_watermark', 'Committed end of __cluster_metadata as this node knows it', (n) => n.quorum?.highWatermark);
  gauge('kafka_server_raft_metrics_log_end_offset', 'End offset of this node\'s __cluster_metadata log', (n) => n.quorum?.logEndOffset);
  for (const n of nodes) {
    out.sample('kafka_server_raft_metrics_current_state', 'gauge', 'This voter\'s Raft state (1 for the state it is in)', { node_id: n.nodeId, state: n.quorum?.role ?? 'unknown' }, 1);
  }
  gauge('kafka_server_broker_metadata_metrics_last_applied_record_offset', 'Offset of the last metadata record this broker applied', (n) => n.image().offset);
  gauge('kraftling_metadata_applied_lag_offsets', 'Committed metadata records this broker has not applied yet',
    (n) => Math.max(0, (n.quorum ? n.quorum.highWatermark - 1 : -1) - n.image().offset));
}

function groupLag(out: Exposition, nodes: NodeView[]): void {
  const groups = groupViews(nodes);
  for (const g of groups) {
    for (const o of g.offsets) {
      out.sample('kafka_consumergroup_current_offset', 'gauge', 'Committed offset of a consumer group', { consumergroup: g.groupId, topic: o.topic, partition: o.partition }, o.committedOffset);
    }
  }
  for (const g of groups) {
    for (const o of g.offsets) {
      if (o.lag >= 0) out.sample('kafka_consumergroup_lag', 'gauge', 'High watermark minus committed offset', { consumergroup: g.groupId, topic: o.topic, partition: o.partition }, o.lag);
    }
  }
  for (const g of groups) out.sample('kafka_consumergroup_members', 'gauge', 'Members of a consumer group', { consumergroup: g.groupId }, g.members.length);
}
