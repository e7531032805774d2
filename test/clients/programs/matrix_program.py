# What every Python program of the client matrix shares: its arguments, its three modes and the
# check that a consume read all it was asked for.
# Usage: PROGRAM BOOTSTRAP TOPIC GROUP CODEC create | produce FROM COUNT | consume COUNT
import sys
from types import SimpleNamespace


def run(create, produce, consume):
    """Calls create(args), produce(args, first, count) or consume(args, count) as argv says."""
    bootstrap, topic, group, codec, mode = sys.argv[1:6]
    args = SimpleNamespace(bootstrap=bootstrap, topic=topic, group=group, codec=codec)
    if mode == "create":
        create(args)
    elif mode == "produce":
        produce(args, int(sys.argv[6]), int(sys.argv[7]))
    elif mode == "consume":
        count = int(sys.argv[6])
        seen = consume(args, count)
        if seen != count:
            sys.exit(f"read {seen} of {count}")
    else:
        sys.exit(f"unknown mode {mode}")
