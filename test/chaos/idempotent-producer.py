"""An idempotent librdkafka producer (python3-confluent-kafka) for the chaos harness.

Usage: python3 idempotent-producer.py BOOTSTRAP TOPIC PARTITIONS RECORDS_PER_SECOND
Produces records whose values are unique ids (librdkafka-0, librdkafka-1, ...) round-robin over
the partitions until SIGTERM, then waits for every delivery report. Prints one line per report:
  ack PARTITION OFFSET ID      the broker acknowledged the record at that offset
  fail ID ERROR                librdkafka gave up on the record
  fatal ERROR                  librdkafka raised a fatal error (the producer stops)
and first `librdkafka VERSION`, since some fatal errors are bugs of older librdkafka versions.
"""
import signal
import sys
import time

from confluent_kafka import KafkaException, Producer, libversion

stopping = False


def on_term(_signum, _frame):
    global stopping
    stopping = True


def say(line):
    sys.stdout.write(line + '\n')
    sys.stdout.flush()


def main(bootstrap, topic, partitions, rate):
    signal.signal(signal.SIGTERM, on_term)
    say('librdkafka ' + libversion()[0])
    fatal = []

    def on_error(err):
        if err.fatal():
            fatal.append(str(err))
            say('fatal ' + str(err).replace('\n', ' '))

    producer = Producer({
        'bootstrap.servers': bootstrap,
        'enable.idempotence': True,
        'acks': 'all',
        'linger.ms': 5,
        'retry.backoff.ms': 100,
        'message.timeout.ms': 60000,
        'error_cb': on_error,
    })

    def on_delivery(err, msg):
        value = msg.value().decode()
        if err is None:
            # None: delivered, offset unknown. librdkafka reports messages of a request that failed
            # in a way that left them possibly persisted (a killed leader) as delivered once a later
            # request of the same producer succeeds: they were written, at offsets it never learnt
            # (confluentinc/librdkafka#2081, "implicit acks").
            offset = msg.offset()
            say('ack %d %d %s' % (msg.partition(), -1 if offset is None else offset, value))
        else:
            say('fail %s %s' % (value, str(err).replace('\n', ' ')))

    sent = 0
    while not stopping and not fatal:
        try:
            producer.produce(topic, value='librdkafka-%d' % sent, partition=sent % partitions, on_delivery=on_delivery)
            sent += 1
        except (BufferError, KafkaException):
            pass
        try:
            producer.poll(0)
        except KafkaException:
            pass  # a fatal error: error_cb reported it, and the loop ends
        time.sleep(1.0 / rate)
    try:
        producer.flush(90)
    except KafkaException:
        pass


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
