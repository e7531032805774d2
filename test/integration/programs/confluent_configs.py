# librdkafka's AdminClient (python confluent_kafka) on configs, for the configs integration test.
# usage: confluent_configs.py BOOTSTRAP COMMAND ARGS...
#   describe TYPE NAME            -> one JSON object {name: [value, source, is_default, read_only, synonyms]}
#   alter TYPE NAME K=V...        -> "ok" or the error (AlterConfigs, which replaces the whole set;
#                                    Debian's confluent_kafka 1.7 has no incremental_alter_configs)
import json
import sys

from confluent_kafka.admin import AdminClient, ConfigResource

bootstrap, command, rtype, name = sys.argv[1:5]
pairs = [a.split('=', 1) for a in sys.argv[5:]]
admin = AdminClient({'bootstrap.servers': bootstrap})
kind = ConfigResource.Type.TOPIC if rtype == 'topic' else ConfigResource.Type.BROKER


def wait(futures):
    for f in futures.values():
        try:
            return f.result(timeout=30)
        except Exception as e:  # the error is the answer
            return e


if command == 'describe':
    got = wait(admin.describe_configs([ConfigResource(kind, name)], request_timeout=30))
    if isinstance(got, Exception):
        print(json.dumps({'error': str(got)}))
    else:
        print(json.dumps({k: [e.value, e.source, e.is_default, e.is_read_only, [[s.name, s.source] for s in e.synonyms.values()]]
                          for k, e in got.items()}))
elif command == 'alter':
    got = wait(admin.alter_configs([ConfigResource(kind, name, set_config=dict(pairs))]))
    print('ok' if not isinstance(got, Exception) else f'error {got}')
