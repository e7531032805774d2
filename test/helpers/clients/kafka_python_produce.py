# A kafka-python producer: sends COUNT messages with gzip and waits for each acknowledgement.
import sys
from kafka import KafkaProducer

bootstrap, topic, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", compression_type="gzip")
futures = [producer.send(topic, key=b"k", value=("kafka-python-%d" % i).encode()) for i in range(count)]
for f in futures:
    f.get(timeout=30)
producer.close()
