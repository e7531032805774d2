// The resolved configuration of one node: Kafka's defaults, then a profile, then server.properties,
// then --override values. Unknown keys are kept and reported as warnings; an invalid value stops
// the start with an error naming the key.
import { BROKER_KEY_BY_NAME } from './broker-keys.js';
import { nearest } from './nearest-name.js';
import { ConfigError, checkValue, parseBoolean, parseNumber, splitList } from './definition.js';
import { PROFILES, type ProfileName } from './profiles.js';
import { TOPIC_KEYS } from './topic-keys.js';

export type ConfigSource = 'default' | 'profile' | 'file' | 'override';

export interface Endpoint {
  name: string;
  host: string;
  port: number;
}

export interface Voter {
  id: number;
  host: string;
  port: number;
}

export interface ConfigInput {
  profile?: ProfileName;
  /** Keys from server.properties. */
  file?: ReadonlyMap<string, string>;
  /** --override key=value pairs, in order. */
  overrides?: ReadonlyMap<string, string>;
}

export class ServerConfig {
  private constructor(
    private readonly values: ReadonlyMap<string, { value: string; source: ConfigSource }>,
    readonly warnings: readonly string[],
  ) {}

  static resolve(input: ConfigInput): ServerConfig {
    const values = new Map<string, { value: string; source: ConfigSource }>();
    for (const [k, key] of BROKER_KEY_BY_NAME) if (key.default !== null) values.set(k, { value: key.default, source: 'default' });
    const layers: [ConfigSource, ReadonlyMap<string, string> | Readonly<Record<string, string>>][] = [
      ['profile', PROFILES[input.profile ?? 'kafka']],
      ['file', input.file ?? new Map()],
      ['override', input.overrides ?? new Map()],
    ];
    const warnings: string[] = [];
    for (const [source, layer] of layers) {
      const entries = layer instanceof Map ? [...layer] : Object.entries(layer);
      for (const [k, value] of entries) {
        const key = BROKER_KEY_BY_NAME.get(k);
        // Per-listener overrides (listener.name.<name>.<key>) are read by the listener that has them.
        if (!key && !k.startsWith('listener.name.')) {
          const near = nearest(k, BROKER_KEY_BY_NAME.keys());
          warnings.push(`unknown config key ${k} (ignored)${near ? `; did you mean ${near}?` : ''}`);
        }
        else if (key) {
          const problem = checkValue(key, value);
          if (problem) throw new ConfigError(k, problem);
          if (key.inert && source !== 'profile') warnings.push(`config key ${k} is accepted but has no effect in kraftling`);
        }
        values.set(k, { value: value.trim(), source });
      }
    }
    const config = new ServerConfig(values, warnings);
    config.validate();
    return config;
  }

  /** Raw string value, or null when unset and without a default. */
  get(key: string): string | null {
    return this.values.get(key)?.value ?? null;
  }

  source(key: string): ConfigSource | null {
    return this.values.get(key)?.source ?? null;
  }

  int(key: string): number {
    const v = this.get(key);
    if (v === null) throw new ConfigError(key, 'has no value');
    return parseNumber(v);
  }

  bool(key: string): boolean {
    return parseBoolean(this.get(key) ?? 'false');
  }

  list(key: string): string[] {
    return splitList(this.get(key) ?? '');
  }

  /** Every key with a value, for DescribeConfigs on the broker resource. */
  entries(): [string, { value: string; source: ConfigSource }][] {
    return [...this.values];
  }

  get nodeId(): number {
    return this.int('node.id');
  }

  get logDir(): string {
    return this.list('log.dirs')[0] ?? this.get('log.dir')!;
  }

  get metadataLogDir(): string {
    return this.get('metadata.log.dir') ?? this.logDir;
  }

  get listeners(): Endpoint[] {
    return parseEndpoints('listeners', this.list('listeners'));
  }

  get advertisedListeners(): Endpoint[] {
    const advertised = this.get('advertised.listeners');
    return advertised === null ? this.listeners : parseEndpoints('advertised.listeners', splitList(advertised));
  }

  get controllerListenerNames(): string[] {
    return this.list('controller.listener.names');
  }

  get voters(): Voter[] {
    return this.list('controller.quorum.voters').map((v) => {
      const m = /^(\d+)@(\[[^\]]+\]|[^:]*):(\d+)$/.exec(v);
      if (!m) throw new ConfigError('controller.quorum.voters', `"${v}" is not id@host:port`);
      return { id: Number(m[1]), host: m[2]!.replace(/^\[|\]$/g, ''), port: Number(m[3]) };
    });
  }

  /** controller.quorum.bootstrap.servers (KIP-853): host:port of controllers to find the leader through. */
  get bootstrapServers(): { host: string; port: number }[] {
    return this.list('controller.quorum.bootstrap.servers').map((v) => {
      const m = /^(\[[^\]]+\]|[^:]*):(\d+)$/.exec(v);
      if (!m) throw new ConfigError('controller.quorum.bootstrap.servers', `"${v}" is not host:port`);
      return { host: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2]) };
    });
  }

  /** Retention in ms from log.retention.ms, .minutes or .hours, first set wins (as in Kafka). */
  get retentionMs(): number {
    const ms = this.get('log.retention.ms');
    if (ms !== null) return parseNumber(ms);
    const minutes = this.get('log.retention.minutes');
    if (minutes !== null) return parseNumber(minutes) * 60_000;
    return this.int('log.retention.hours') * 3_600_000;
  }

  get rollMs(): number {
    const ms = this.get('log.roll.ms');
    return ms !== null ? parseNumber(ms) : this.int('log.roll.hours') * 3_600_000;
  }

  /** Broker-level default of a topic key, as a string (the topic key's broker synonym). */
  topicDefault(topicKey: string): string | null {
    if (topicKey === 'retention.ms') return String(this.retentionMs);
    if (topicKey === 'segment.ms') return String(this.rollMs);
    if (topicKey === 'flush.ms') return this.get('log.flush.interval.ms') ?? this.get('log.flush.scheduler.interval.ms');
    const key = TOPIC_KEYS.find((k) => k.name === topicKey);
    return key ? this.get(key.brokerKey) ?? key.default : null;
  }

  private validate(): void {
    this.listeners;
    this.voters;
    this.bootstrapServers;
    const roles = this.list('process.roles');
    if (!(roles.includes('broker') && roles.includes('controller'))) {
      throw new ConfigError('process.roles', 'kraftling runs every node as broker,controller (combined mode)');
    }
    const minSession = this.int('group.min.session.timeout.ms');
    if (minSession > this.int('group.max.session.timeout.ms')) {
      throw new ConfigError('group.min.session.timeout.ms', 'is larger than group.max.session.timeout.ms');
    }
  }
}

function parseEndpoints(key: string, items: string[]): Endpoint[] {
  return items.map((item) => {
    const m = /^([A-Za-z0-9_-]+):\/\/(\[[^\]]*\]|[^:]*):(\d+)$/.exec(item);
    if (!m) throw new ConfigError(key, `"${item}" is not NAME://host:port`);
    const port = Number(m[3]);
    if (port > 65535) throw new ConfigError(key, `port ${port} is out of range`);
    return { name: m[1]!.toUpperCase(), host: m[2]!.replace(/^\[|\]$/g, ''), port };
  });
}
