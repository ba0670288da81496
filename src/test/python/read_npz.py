#!/usr/bin/env python3
"""Prints an npz file as one JSON object, so a Java test can check what numpy reads.

    python3 src/test/python/read_npz.py FILE.npz

Output: {key: {"descr": dtype string, "shape": [...], "values": [flat C-order values]}}.
np.load runs with allow_pickle=False (its default), so object arrays would be refused.
"""

import json
import sys

import numpy as np


def main():
    out = {}
    with np.load(sys.argv[1], allow_pickle=False) as npz:
        for key in npz.files:
            a = npz[key]
            out[key] = {
                "descr": a.dtype.str,
                "shape": list(a.shape),
                "values": a.reshape(-1).tolist(),
            }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
