# A librdkafka (confluent-kafka) producer with idempotence on: sends COUNT messages and waits for
# every delivery report.
import sys
from confluent_kafka import Producer

bootstrap, topic, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
producer = Producer({"bootstrap.servers": bootstrap, "enable.idempotence": True, "acks": "all", "linger.ms": 5})
failed = []
def report(err, msg):
    if err is not None:
        failed.append(str(err))
for i in range(count):
    producer.produce(topic, key=str(i % 7), value="librdkafka-%d" % i, on_delivery=report)
    producer.poll(0)
producer.flush(30)
if failed:
    print("\n".join(failed), file=sys.stderr)
sys.exit(1 if failed else 0)
