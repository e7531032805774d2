# The client matrix's kafka-python client (Debian's python3-kafka; its codecs come from
# python3-snappy, python3-lz4 and python3-zstandard, which .ci/run installs too).
# Usage: kafka_python_client.py BOOTSTRAP TOPIC GROUP CODEC create | produce FROM COUNT | consume COUNT
# consume prints "partition offset key value" per record, as every program of the matrix does.
import sys
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.admin import NewTopic

sys.dont_write_bytecode = True  # no __pycache__ beside the programs
from matrix_program import run  # noqa: E402


def create(a):
    admin = KafkaAdminClient(bootstrap_servers=a.bootstrap.split(","))
    admin.create_topics([NewTopic(a.topic, num_partitions=3, replication_factor=3)], timeout_ms=30000)
    admin.close()


def produce(a, first, count):
    producer = KafkaProducer(bootstrap_servers=a.bootstrap.split(","), compression_type=a.codec, acks="all", linger_ms=5)
    futures = [producer.send(a.topic, key=f"key-{i % 10}".encode(), value=str(i).encode())
               for i in range(first, first + count)]
    producer.flush(30)
    for f in futures:
        f.get(30)
    producer.close()


def consume(a, count):
    consumer = KafkaConsumer(a.topic, bootstrap_servers=a.bootstrap.split(","), group_id=a.group, auto_offset_reset="earliest",
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
    return seen


run(create, produce, consume)
