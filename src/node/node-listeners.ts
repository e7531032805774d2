// The node's TCP listeners: one per entry of `listeners`. Those named in controller.listener.names
// carry the quorum's traffic (Raft, broker registration, forwarded admin requests) and serve the
// controller APIs; the others serve clients and follower brokers.
import type { BrokerMetrics } from '../broker/broker-metrics.js';
import { ConnectionQuotas } from '../broker/connection-quota.js';
import { Dispatcher } from '../broker/dispatch.js';
import type { BrokerServices } from '../broker/services.js';
import type { RequestFaults } from '../broker/request-faults.js';
import type { Endpoint, ServerConfig } from '../config/server-config.js';
import { Listener } from '../server/listener.js';
import { BufferPool } from '../../storage/buffer-pool.js';
import type { Logger } from '../logger.js';
import { listenerRateLimits, perIpLimit } from './connection-limits.js';
import { principalRules, saslListenerConfig, securityProtocol, serverTlsOptions, usesSasl, usesTls } from './listener-security.js';

/** Unsent response bytes per connection beyond which it stops reading requests. */
const MAX_QUEUED_RESPONSE_BYTES = 64 * 1024 * 1024;
/** Client request frames up to this size (produce requests) are read into reused buffers. */
const REQUEST_BUFFER_BYTES = 1024 * 1024;
/** Free request buffers kept, across the broker listener's connections. */
const REQUEST_BUFFERS_KEPT = 16;

export class NodeListeners {
  private readonly listeners: { endpoint: Endpoint; listener: Listener; controller: boolean }[] = [];
  private brokerDispatcher: Dispatcher | undefined;

  constructor(
    private readonly config: ServerConfig,
    private readonly services: BrokerServices,
    private readonly log: Logger,
    private readonly metrics: BrokerMetrics,
  ) {}

  async start(): Promise<void> {
    const windows = { samples: this.config.int('quota.window.num'), windowMs: this.config.int('quota.window.size.seconds') * 1000 };
    const quotas = new ConnectionQuotas(windows, this.config.int('max.connection.creation.rate'), listenerRateLimits(this.config),
      await perIpLimit(this.config));
    const openConnections = quotas.limitsOpenConnections
      ? { open: (ip: string) => quotas.openConnection(ip), close: (ip: string) => quotas.closeConnection(ip) } : undefined;
    const dispatchers = {
      broker: new Dispatcher(this.services, this.log, 'broker', new BufferPool(REQUEST_BUFFER_BYTES, REQUEST_BUFFERS_KEPT)),
      controller: new Dispatcher(this.services, this.log, 'controller'),
    };
    this.brokerDispatcher = dispatchers.broker;
    const controllerNames = new Set(this.config.controllerListenerNames);
    const limits = {
      maxFrameBytes: this.config.int('socket.request.max.bytes'),
      idleTimeoutMs: this.config.int('connections.max.idle.ms'),
      maxInFlight: this.config.int('queued.max.requests'),
      maxQueuedBytes: MAX_QUEUED_RESPONSE_BYTES,
    };
    for (const endpoint of this.config.listeners) {
      const controller = controllerNames.has(endpoint.name);
      const dispatcher = controller ? dispatchers.controller : dispatchers.broker;
      const protocol = securityProtocol(this.config, endpoint.name);
      const listener = new Listener({
        name: endpoint.name, host: endpoint.host || '0.0.0.0', port: endpoint.port, limits,
        handler: {
          handle: (frame, conn) => dispatcher.handle(frame, conn),
          // kafka.network RequestMetrics: the API key and version are the frame's first 4 bytes.
          answered: (frame, startMs) => this.metrics.requestDone(frame.readInt16BE(0), frame.readInt16BE(2), startMs),
          requestBuffers: dispatcher.requestBuffers,
        },
        log: this.log.child({ listener: endpoint.name }),
        ...(usesTls(protocol) ? { tls: serverTlsOptions(this.config, endpoint.name) } : {}),
        // SASL_SSL names its principal by the SASL login, as Kafka does, not by the certificate.
        ...(protocol === 'SSL' ? { principalName: principalRules(this.config, endpoint.name) } : {}),
        ...(usesSasl(protocol) ? { sasl: saslListenerConfig(this.config, endpoint.name, () => this.services.image()) } : {}),
        // The quorum's own traffic is never held back.
        ...(controller ? {} : { admit: (ip: string) => quotas.admit(ip, this.services.image().clientQuotas, this.services.nowMs(), endpoint.name) }),
        ...(controller || openConnections === undefined ? {} : { openConnections }),
      });
      await listener.listen();
      this.listeners.push({ endpoint, listener, controller });
    }
  }

  /** Advertised broker addresses, with ports that were 0 replaced by the bound ones. */
  brokerAddresses(): { name: string; host: string; port: number }[] {
    const advertised = this.config.advertisedListeners;
    return this.listeners.filter((l) => !l.controller).map(({ endpoint, listener }) => {
      const ad = advertised.find((a) => a.name === endpoint.name) ?? endpoint;
      const host = ad.host === '' || ad.host === '0.0.0.0' ? 'localhost' : ad.host;
      return { name: endpoint.name, host, port: ad.port === 0 || ad === endpoint ? listener.port : ad.port };
    });
  }

  /** Stops the broker listeners: in-flight requests get up to graceMs to answer. */
  async closeBroker(graceMs: number): Promise<void> {
    await Promise.all(this.listeners.filter((l) => !l.controller).map(({ listener }) => listener.close(graceMs)));
  }

  /**
   * Stops the controller listeners. Called once the quorum has stopped: the quorum needs them until
   * then, to commit other brokers' controlled shutdowns and to hand leadership over.
   */
  async closeController(graceMs: number): Promise<void> {
    await Promise.all(this.listeners.filter((l) => l.controller).map(({ listener }) => listener.close(graceMs)));
  }

  /** Client faults (tests): on the broker listeners only; the quorum's traffic is cut elsewhere. */
  setBrokerFaults(faults: RequestFaults | null): void {
    if (this.brokerDispatcher) this.brokerDispatcher.faults = faults;
  }

  dropBrokerConnections(): void {
    for (const { listener } of this.listeners.filter((l) => !l.controller)) listener.dropConnections();
  }

  abort(): void {
    for (const { listener } of this.listeners) listener.abort();
  }
}
