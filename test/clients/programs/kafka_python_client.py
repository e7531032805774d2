# The client matrix's kafka-python client (Debian's python3-kafka; its codecs come from
# python3-snappy, python3-lz4 and python3-zstandard, which .ci/run installs too).
# Usage: kafka_python_client.py BOOTSTRAP TOPIC GROUP CODEC create | produce FROM COUNT | consume COUNT
# consume prints "partition offset key value" per record, as every program of the matrix does.
import sys
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.admin import NewTopic

bootstrap, topic, group, codec, mode = sys.argv[1:6]
servers = bootstrap.split(",")


def create():
    admin = KafkaAdminClient(bootstrap_servers=servers)
    admin.create_topics([NewTopic(topic, num_partitions=3, replication_factor=3)], timeout_ms=30000)
    admin.close()


def produce(first, count):
    producer = KafkaProducer(bootstrap_servers=servers, compression_type=codec, acks="all", linger_ms=5)
    futures = [producer.send(topic, key=f"key-{i % 10}".encode(), value=str(i).encode())
               for i in range(first, first + count)]
    producer.flush(30)
    for f in futures:
        f.get(30)
    producer.close()


def consume(count):
    consumer = KafkaConsumer(topic, bootstrap_servers=servers, group_id=group, auto_offset_reset="earliest",
                             enable_auto_commit=False, consumer_timeout_ms=120000, fetch_max_wait_ms=100)
    seen = 0
    for msg in consumer:
        seen += 1
        print(msg.partition, msg.offset, msg.key.decode(), msg.value.decode())
        if seen == count:
            break
    # Commits the position after every record the iterator returned.
    consumer.commit()
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
