# The client matrix's librdkafka client: Python confluent-kafka (Debian's python3-confluent-kafka).
# Usage: confluent_client.py BOOTSTRAP TOPIC GROUP CODEC create | produce FROM COUNT | consume COUNT
# consume prints "partition offset key value" per record, as every program of the matrix does.
import sys
from confluent_kafka import Consumer, Producer
from confluent_kafka.admin import AdminClient, NewTopic

sys.dont_write_bytecode = True  # no __pycache__ beside the programs
from matrix_program import run  # noqa: E402


def create(a):
    admin = AdminClient({"bootstrap.servers": a.bootstrap})
    futures = admin.create_topics([NewTopic(a.topic, num_partitions=3, replication_factor=3)])
    futures[a.topic].result(30)


def produce(a, first, count):
    producer = Producer({"bootstrap.servers": a.bootstrap, "compression.codec": a.codec,
                         "enable.idempotence": True, "linger.ms": 5})
    failed = []

    def report(err, _msg):
        if err is not None:
            failed.append(err)

    for i in range(first, first + count):
        producer.produce(a.topic, key=f"key-{i % 10}", value=str(i), on_delivery=report)
        producer.poll(0)
    left = producer.flush(30)
    if failed or left:
        sys.exit(f"not delivered: {left} left, errors {failed[:3]}")


def consume(a, count):
    consumer = Consumer({"bootstrap.servers": a.bootstrap, "group.id": a.group, "auto.offset.reset": "earliest",
                         "enable.auto.commit": False, "session.timeout.ms": 6000})
    consumer.subscribe([a.topic])
    seen, idle = 0, 0
    while seen < count and idle < 1200:  # 120 s without a record: give up
        msg = consumer.poll(0.1)
        if msg is None:
            idle += 1
            continue
        if msg.error():
            print("error", msg.error(), file=sys.stderr)
            continue
        idle = 0
        seen += 1
        print(msg.partition(), msg.offset(), msg.key().decode(), msg.value().decode())
    # Commits the position after every record returned by poll.
    consumer.commit(asynchronous=False)
    consumer.close()
    return seen


run(create, produce, consume)
