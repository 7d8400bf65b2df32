#!/usr/bin/python3
"""Writes a DRAMsim3-format memory trace (`0x<hexaddr> READ|WRITE <cycle>`).

Pattern: `count` accesses of `size` bytes; a stream of reads over [0, span) with every
`write_every`-th access a write, and every `stride_every`-th access jumping by `stride` bytes
(to provoke bank conflicts). One access per `gap` cycles. Deterministic: no randomness.
"""
import argparse

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("out")
parser.add_argument("--count", type=int, default=4096)
parser.add_argument("--size", type=int, default=64)
parser.add_argument("--span", type=int, default=65536)
parser.add_argument("--gap", type=int, default=1)
parser.add_argument("--write-every", type=int, default=4)
parser.add_argument("--stride-every", type=int, default=8)
parser.add_argument("--stride", type=int, default=128)
args = parser.parse_args()

with open(args.out, "w") as f:
    addr = 0
    for i in range(args.count):
        op = "WRITE" if args.write_every and i % args.write_every == args.write_every - 1 else "READ"
        f.write(f"0x{addr:x} {op} {i * args.gap}\n")
        addr = (addr + (args.stride if args.stride_every and i % args.stride_every == 0 else args.size)) % args.span
