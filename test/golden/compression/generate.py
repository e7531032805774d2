#!/usr/bin/python3
"""Writes the compression fixtures with implementations other than ours (see README.md).

    generate.py           inputs/ and the gzip/ snappy/ lz4/ zstd/ fixtures
    generate.py --verify  decodes ours/ (written by write-ours.ts) with python-lz4, the lz4 CLI
                          and python-snappy, and checks each against its input
"""
import gzip
import json
import pathlib
import random
import struct
import subprocess
import sys

import lz4.frame
import snappy
import zstandard

HERE = pathlib.Path(__file__).resolve().parent
XERIAL_HEADER = b"\x82SNAPPY\x00" + struct.pack(">ii", 1, 1)
XERIAL_BLOCK_BYTES = 32 * 1024


def write(rel, data):
    path = HERE / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print(f"{rel}: {len(data)} bytes")


def make_inputs():
    rng = random.Random(20240611)
    lines, size = [], 0
    while size < 70_000:
        line = json.dumps({
            "orderId": rng.randrange(10**9),
            "customer": f"customer-{rng.randrange(500)}",
            "items": [{"sku": f"SKU-{rng.randrange(2000):05d}", "qty": rng.randrange(1, 5)} for _ in range(rng.randrange(1, 4))],
            "status": rng.choice(["NEW", "PAID", "SHIPPED", "CANCELLED"]),
            "ts": 1718000000000 + rng.randrange(10**7),
        }, separators=(",", ":"))
        lines.append(line)
        size += len(line) + 1
    text = ("\n".join(lines) + "\n").encode()
    write("inputs/text.json", text)
    write("inputs/random.bin", rng.randbytes(33_000))
    return text, (HERE / "inputs/random.bin").read_bytes()


def xerial(data):
    """snappy-java's SnappyOutputStream framing around libsnappy blocks."""
    out = bytearray(XERIAL_HEADER)
    for i in range(0, max(len(data), 1), XERIAL_BLOCK_BYTES):
        block = snappy.compress(data[i:i + XERIAL_BLOCK_BYTES])
        out += struct.pack(">i", len(block)) + block
    return bytes(out)


def unxerial(data):
    assert data[:16] == XERIAL_HEADER
    out, pos = bytearray(), 16
    while pos < len(data):
        (n,) = struct.unpack(">i", data[pos:pos + 4])
        out += snappy.uncompress(data[pos + 4:pos + 4 + n])
        pos += 4 + n
    return bytes(out)


def run(*cmd, stdin):
    return subprocess.run(cmd, input=stdin, stdout=subprocess.PIPE, check=True).stdout


def generate():
    text, rnd = make_inputs()
    half = len(text) // 2
    write("gzip/text.json.gz", run("gzip", "-9", "-n", "-c", stdin=text))
    write("gzip/text.json.2members.gz", gzip.compress(text[:half], mtime=0) + gzip.compress(text[half:], mtime=0))
    write("snappy/text.json.snappy", snappy.compress(text))
    write("snappy/text.json.xerial", xerial(text))
    write("snappy/random.bin.xerial", xerial(rnd))
    independent = dict(block_size=lz4.frame.BLOCKSIZE_MAX64KB, block_linked=False)
    write("lz4/text.json.lz4", lz4.frame.compress(text, **independent))
    write("lz4/text.json.checksums.lz4", lz4.frame.compress(
        text, block_size=lz4.frame.BLOCKSIZE_MAX256KB, block_linked=False,
        content_checksum=True, block_checksum=True, store_size=False))
    write("lz4/random.bin.lz4", lz4.frame.compress(rnd, **independent))
    write("lz4/text.json.cli.lz4", run("lz4", "-9", "-B4", "-c", stdin=text))
    write("lz4/text.json.linked.lz4", lz4.frame.compress(text, block_linked=True))
    write("zstd/text.json.zst", zstandard.ZstdCompressor(level=3).compress(text))
    stream = zstandard.ZstdCompressor(level=3, write_content_size=False, write_checksum=True).compressobj()
    write("zstd/text.json.stream.zst", stream.compress(text) + stream.flush())
    write("zstd/text.json.cli.zst", run("zstd", "-19", "-q", "-c", stdin=text))
    skippable = struct.pack("<II", 0x184D2A50, 3) + b"abc"
    cctx = zstandard.ZstdCompressor(level=1)
    write("zstd/text.json.multi.zst", cctx.compress(text[:half]) + skippable + cctx.compress(text[half:]))


def verify():
    for name in ["text.json", "random.bin"]:
        expected = (HERE / "inputs" / name).read_bytes()
        ours_lz4 = (HERE / "ours" / f"{name}.lz4").read_bytes()
        assert lz4.frame.decompress(ours_lz4) == expected, f"python-lz4 rejects ours/{name}.lz4"
        assert run("lz4", "-d", "-c", stdin=ours_lz4) == expected, f"lz4 CLI rejects ours/{name}.lz4"
        assert unxerial((HERE / "ours" / f"{name}.xerial").read_bytes()) == expected, f"python-snappy rejects ours/{name}.xerial"
        print(f"ours/{name}.lz4 and ours/{name}.xerial read back correctly")


if __name__ == "__main__":
    verify() if "--verify" in sys.argv else generate()
