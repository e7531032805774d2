# The client matrix's librdkafka client: Python confluent-kafka (Debian's python3-confluent-kafka).
# Usage: confluent_client.py BOOTSTRAP TOPIC GROUP CODEC create | produce FROM COUNT | consume COUNT
# consume prints "partition offset key value" per record, as every program of the matrix does.
import sys
from confluent_kafka import Consumer, Producer
from confluent_kafka.admin import AdminClient, NewTopic

bootstrap, topic, group, codec, mode = sys.argv[1:6]


def create():
    admin = AdminClient({"bootstrap.servers": bootstrap})
    futures = admin.create_topics([NewTopic(topic, num_partitions=3, replication_factor=3)])
    futures[topic].result(30)


def produce(first, count):
    producer = Producer({"bootstrap.servers": bootstrap, "compression.codec": codec,
                         "enable.idempotence": True, "linger.ms": 5})
    failed = []

    def report(err, _msg):
        if err is not None:
            failed.append(err)

    for i in range(first, first + count):
        producer.produce(topic, key=f"key-{i % 10}", value=str(i), on_delivery=report)
        producer.poll(0)
    left = producer.flush(30)
    if failed or left:
        sys.exit(f"not delivered: {left} left, errors {failed[:3]}")


def consume(count):
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": group, "auto.offset.reset": "earliest",
                         "enable.auto.commit": False, "session.timeout.ms": 6000})
    consumer.subscribe([topic])
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
    if seen != count:
        sys.exit(f"read {seen} of {count}")


if mode == "create":
    create()
elif mode == "produce":
    produce(int(sys.argv[6]), int(sys.argv[7]))
elif mode == "consume":
    consume(int(sys.argv[6]))
else:
    sys.exit(f"unknown mode {mode}")
