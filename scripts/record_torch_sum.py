#!/usr/bin/env python3
"""Record torch's CPU sums for Tests/Fixtures/torch-sum.json.

    ATEN_CPU_CAPABILITY=default python3 scripts/record_torch_sum.py > Tests/Fixtures/torch-sum.json

For each dtype and shape, a matrix of values spread over many magnitudes (so
that the order of additions shows in the last bits) and torch's `x.sum()` and
`x.sum(0)`, one thread, every number as its bit pattern in hex. The tests
check that optnb's torchSum and torchColumnSums give the same bits.
"""
import json
import os
import struct
import sys

os.environ.setdefault("ATEN_CPU_CAPABILITY", "default")
import torch  # noqa: E402

torch.set_num_threads(1)
SHAPES = [(1000, 1), (37, 1), (3, 1), (50, 3), (33, 9), (20, 40), (300, 5), (6, 70)]


def bits(value, dtype):
    return struct.pack(">d" if dtype == torch.float64 else ">f", value).hex()


def main():
    generator = torch.Generator().manual_seed(15)
    cases = []
    for dtype in (torch.float32, torch.float64):
        for rows, columns in SHAPES:
            x = (torch.randn(rows, columns, generator=generator, dtype=torch.float64)
                 * torch.exp(4 * torch.randn(rows, columns, generator=generator, dtype=torch.float64))).to(dtype)
            cases.append({
                "dtype": str(dtype).removeprefix("torch."), "rows": rows, "columns": columns,
                "values": [bits(v, dtype) for v in x.reshape(-1).tolist()],
                "sum": bits(x.sum().item(), dtype),
                "column_sums": [bits(v, dtype) for v in x.sum(0).tolist()],
            })
    json.dump({"source": f"torch {torch.__version__}, ATEN_CPU_CAPABILITY={os.environ['ATEN_CPU_CAPABILITY']}, "
                         "one thread", "cases": cases}, sys.stdout, indent=0)
    print()


if __name__ == "__main__":
    main()
