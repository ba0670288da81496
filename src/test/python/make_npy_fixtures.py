#!/usr/bin/env python3
"""Writes the numpy fixtures read by the tests of org.worldmodels.io and org.worldmodels.data.

numpy is the oracle: every file here is written by numpy itself, and expected.json holds the
values numpy put in them, so the Java reader is checked against numpy, not against itself.

Run from the repository root (re-runnable; the output is byte-identical for a given numpy):

    python3 src/test/python/make_npy_fixtures.py [OUT_DIR]

OUT_DIR defaults to src/test/resources/fixtures/npy. Generated with numpy 2.4.
"""

import io
import json
import os
import sys

import numpy as np
from numpy.lib import format as npformat

OUT = sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/fixtures/npy"

# Values per type code, chosen to hit the edges of each type; all exactly representable.
VALUES = {
    "f2": [0.0, -1.5, 2.25, 1024.0, 2.0**-14 * 0.5, -65504.0],  # includes a subnormal half
    "f4": [0.0, -1.5, 2.25, 3.4028234663852886e38, 2.0**-149, -1.0e-3],
    "f8": [0.0, -1.5, 2.25, 1.0e300, -5.0e-324, 0.1],
    "b1": [True, False, True, False, False, True],
    "u1": [0, 1, 127, 128, 200, 255],
    "i1": [-128, -1, 0, 1, 100, 127],
    "i4": [-(2**31), -1, 0, 1, 123456789, 2**31 - 1],
    "i8": [-(2**63), -1, 0, 1, 2**53 + 1, 2**63 - 1],
}

expected = {}


def path(name):
    return os.path.join(OUT, name)


def save(name, array, **kwargs):
    """Saves with np.save and records what a reader must find (shape and C-order values)."""
    with open(path(name), "wb") as f:
        np.save(f, array, **kwargs)


def record(name, array):
    values = np.ascontiguousarray(array).reshape(-1)
    if values.dtype.kind == "f":
        flat = [float(v) for v in values.astype(np.float64)]
    elif values.dtype.kind == "b":
        flat = [bool(v) for v in values]
    else:
        flat = [int(v) for v in values]
    expected[name] = {"descr": array.dtype.str, "shape": list(array.shape), "values": flat}


def dtype_files():
    for code, values in VALUES.items():
        orders = ["<", ">"] if code[1] != "1" else ["|"]
        for order in orders:
            a = np.array(values, dtype=order + code).reshape(2, 3)
            suffix = {"<": "_le", ">": "_be", "|": ""}[order]
            name = code + suffix + ".npy"
            save(name, a)
            record(name, a)


def shapes():
    cube = (np.arange(24, dtype=np.float32) * 0.5 - 3.0).reshape(2, 3, 4)
    cases = {
        "scalar_f8.npy": np.array(3.5, dtype="<f8"),
        "vec5_i4.npy": np.arange(5, dtype="<i4") * 7 - 3,
        "cube_f4.npy": cube,
        "empty_f4.npy": np.zeros((0, 3), dtype="<f4"),
        "fortran_f4.npy": np.asfortranarray(cube),
        "fortran_i8_be.npy": np.asfortranarray(
            (np.arange(6, dtype=">i8") - 2).reshape(3, 2) * 1000000007
        ),
    }
    for name, a in cases.items():
        save(name, a)
        record(name, a)
    for version in [(2, 0), (3, 0)]:
        name = "v%d_f4.npy" % version[0]
        with open(path(name), "wb") as f:
            npformat.write_array(f, cube, version=version)
        record(name, cube)
    return cube


def npz(cube):
    arrays = {
        "z": cube,
        "flags": np.array([True, False, True]),
        "n": np.arange(5, dtype="<i4") * 7 - 3,
    }
    np.savez(path("stored.npz"), **arrays)
    np.savez_compressed(path("deflated.npz"), **arrays)
    for key, a in arrays.items():
        record("npz:" + key, a)


def refused():
    save("object.npy", np.array([1, "a", None], dtype=object), allow_pickle=True)
    save("unicode.npy", np.array(["ab", "cde"]))
    save("bytes.npy", np.array([b"ab", b"c"]))
    save("structured.npy", np.zeros(2, dtype=[("a", "<i4"), ("b", "<f8")]))
    save("complex.npy", np.array([1 + 2j], dtype="<c8"))
    save("u2.npy", np.array([1, 2], dtype="<u2"))
    ragged = np.empty(2, dtype=object)
    ragged[0] = np.zeros(3, dtype=np.float32)
    ragged[1] = np.zeros(5, dtype=np.float32)
    np.savez(path("object.npz"), ok=np.ones(2, dtype=np.float32), z=ragged)


def halves():
    patterns = np.arange(65536, dtype=np.uint32).astype(np.uint16).view("<f2")
    save("half_all_f2.npy", patterns)
    save("half_all_f4.npy", patterns.astype("<f4"))

    # float32 -> float16 rounding cases: random magnitudes, exact midpoints between
    # neighbouring halves (ties to even), the overflow edge and the subnormal range.
    rng = np.random.default_rng(7)
    rand = (rng.standard_normal(1500) * np.exp(rng.uniform(-20, 12, 1500))).astype("<f4")
    finite = patterns[np.isfinite(patterns)].astype(np.float64)
    finite = np.unique(finite)
    mids = ((finite[:-1] + finite[1:]) / 2)[::37].astype("<f4")
    edges = np.array(
        [65504.0, 65519.0, 65519.996, 65520.0, 70000.0, 1e-8, 2.0**-25, 2.0**-24, 3e-8, 0.0],
        dtype="<f4",
    )
    f32 = np.concatenate([rand, mids, edges, -edges, [np.inf, -np.inf]]).astype("<f4")
    with np.errstate(over="ignore"):  # overflow to inf is one of the cases under test
        bits = f32.astype("<f2").view(np.uint16).astype("<i4")
    np.savez(path("f32_to_f2.npz"), f32=f32, bits=bits)


def series():
    rng = np.random.default_rng(11)
    episodes, steps, z, a = 3, 5, 4, 2
    np.savez_compressed(
        path("series_f16.npz"),
        mu=rng.standard_normal((episodes, steps, z)).astype("<f2"),
        logvar=rng.uniform(-2.0, 0.5, (episodes, steps, z)).astype("<f2"),
        action=rng.uniform(-1.0, 1.0, (episodes, steps, a)).astype("<f2"),
        reward=rng.uniform(0.0, 1.0, (episodes, steps)).astype("<f2"),
        done=np.arange(episodes * steps).reshape(episodes, steps) % 4 == 3,
    )


def main():
    os.makedirs(OUT, exist_ok=True)
    dtype_files()
    npz(shapes())
    refused()
    halves()
    series()
    with open(path("expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
