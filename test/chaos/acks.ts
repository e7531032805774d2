// What a producer was told: one acknowledgement per record whose delivery it confirmed, in the
// order the confirmations arrived. The checks compare these against what the brokers kept.

export interface Ack {
  /** Which producer sent it ("kafkajs" or "librdkafka"). */
  producer: string;
  partition: number;
  /** -1: acknowledged without one (librdkafka's implicit acknowledgements of an idempotent
   * producer's earlier requests); the check then looks for the record in the whole partition. */
  offset: number;
  /** The record's value: an id no other record carries. */
  id: string;
}

export interface ProducerRun {
  producer: string;
  acks: Ack[];
  /** Records whose send failed (not acknowledged: they may or may not be in the log). */
  failed: number;
  /** Whether the producer can never write the same record twice (idempotence). */
  idempotent: boolean;
  /** Errors the producer could not carry on from, e.g. librdkafka's fatal idempotence errors. */
  fatal: string[];
  /** Fatal errors that are a known bug of this client version, not the broker's doing (reported, not failed). */
  clientBugs: string[];
}
