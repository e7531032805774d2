"""librdkafka (python3-confluent-kafka) producer for the kraftling bench.

Usage: python3 librdkafka-producer.py BOOTSTRAP TOPIC RECORDS RECORD_BYTES ACKS
Produces RECORDS values of RECORD_BYTES bytes as fast as librdkafka takes them, waits for every
delivery report, and prints one JSON line: {"elapsedS": ..., "cpuS": ..., "delivered": ..., "failed": ...}.
The clocks start after the first delivery, so connecting and fetching metadata are not counted;
cpuS is the CPU time of the whole process (librdkafka's threads included) over the timed part.
"""
import json
import sys
import time

from confluent_kafka import Producer


def main(bootstrap, topic, records, record_bytes, acks):
    producer = Producer({
        'bootstrap.servers': bootstrap,
        'acks': acks,
        'linger.ms': 5,
        'batch.size': 1000000,
        'queue.buffering.max.messages': 200000,
    })
    counts = {'delivered': 0, 'failed': 0}

    def on_delivery(err, _msg):
        counts['failed' if err else 'delivered'] += 1

    value = b'k' * record_bytes
    # One record first, so the timed part starts with a connected producer that knows the leaders.
    producer.produce(topic, value, on_delivery=on_delivery)
    producer.flush(30)
    started = time.perf_counter()
    cpu_started = time.process_time()
    for _ in range(records - 1):
        while True:
            try:
                producer.produce(topic, value, on_delivery=on_delivery)
                break
            except BufferError:
                producer.poll(0.001)
    remaining = producer.flush(60)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    print(json.dumps({'elapsedS': elapsed, 'cpuS': cpu, 'delivered': counts['delivered'] - 1, 'failed': counts['failed'] + remaining}))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
