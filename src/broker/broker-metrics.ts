// Counters a broker keeps on its hot paths, read only when someone scrapes /metrics. Plain number
// fields and preallocated typed arrays: a request costs a few integer increments and no
// allocation (a topic's counters are made once, the first time the topic is seen).
// What they mirror in Kafka: kafka.server:type=BrokerTopicMetrics (MessagesInPerSec, BytesInPerSec,
// BytesOutPerSec, per topic), kafka.network:type=RequestMetrics (RequestsPerSec and TotalTimeMs,
// per request), kafka.server:type=ReplicaManager (IsrShrinksPerSec, IsrExpandsPerSec).

export class TopicCounters {
  messagesIn = 0;
  bytesIn = 0;
  /** Bytes sent to consumers (follower fetches are replication, not counted, as in Kafka). */
  bytesOut = 0;
}

/** API keys and versions fit these bounds with room to spare (Kafka's keys stop below 100). */
const MAX_API_KEY = 127;
const MAX_VERSION = 31;

export class BrokerMetrics {
  readonly topics = new Map<string, TopicCounters>();
  /** Requests answered, by apiKey * (MAX_VERSION + 1) + version. */
  readonly requests = new Float64Array((MAX_API_KEY + 1) * (MAX_VERSION + 1));
  /** Total time from decoded to answered, by API key, in milliseconds. */
  readonly requestTimeMsSum = new Float64Array(MAX_API_KEY + 1);
  readonly requestCount = new Float64Array(MAX_API_KEY + 1);
  isrShrinks = 0;
  isrExpands = 0;
  /** Kafka's NewActiveControllersCount: leaders of the metadata quorum this node has seen elected. */
  newActiveControllers = 0;
  private lastController = { leaderId: -1, epoch: -1 };

  topic(name: string): TopicCounters {
    let t = this.topics.get(name);
    if (t === undefined) {
      t = new TopicCounters();
      this.topics.set(name, t);
    }
    return t;
  }

  /** Called once per answered request; startMs is performance.now() when it was decoded. */
  requestDone(apiKey: number, version: number, startMs: number): void {
    if (apiKey < 0 || apiKey > MAX_API_KEY || version < 0 || version > MAX_VERSION) return;
    this.requests[apiKey * (MAX_VERSION + 1) + version]! += 1;
    this.requestCount[apiKey]! += 1;
    this.requestTimeMsSum[apiKey]! += performance.now() - startMs;
  }

  /** Requests answered per (apiKey, version), skipping zeros. */
  *requestsByVersion(): Iterable<{ apiKey: number; version: number; count: number }> {
    for (let i = 0; i < this.requests.length; i++) {
      const count = this.requests[i]!;
      if (count > 0) yield { apiKey: Math.floor(i / (MAX_VERSION + 1)), version: i % (MAX_VERSION + 1), count };
    }
  }

  /**
   * The quorum announced a leader. As Kafka counts it: every newly elected controller, the same
   * node again included (a new epoch); "no leader" is not counted, nor an announcement repeated.
   */
  controllerSeen(leaderId: number, epoch: number): void {
    if (leaderId < 0 || (leaderId === this.lastController.leaderId && epoch === this.lastController.epoch)) return;
    this.lastController = { leaderId, epoch };
    this.newActiveControllers++;
  }

  /** A partition this broker leads (before and after) changed its ISR in the image. */
  isrChanged(before: number, after: number): void {
    if (after < before) this.isrShrinks++;
    else if (after > before) this.isrExpands++;
  }
}
