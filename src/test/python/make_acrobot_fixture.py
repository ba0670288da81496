#!/usr/bin/env python3
"""Writes the Acrobot-v1 oracle read by org.worldmodels.env.AcrobotEnvTest.

The dynamics are Sutton and Barto's book equations as docs/architecture.md writes them (one
classic RK4 step of dt = 0.2, angles wrapped into [-pi, pi], speeds clipped), computed here in
float64 with numpy, independently of the Java code. For 200 states drawn over the whole state
space and each of the three actions, the file holds the state after one step.

Run from the repository root (re-runnable; the output is byte-identical for a given numpy):

    python3 src/test/python/make_acrobot_fixture.py [OUT_FILE]
"""

import sys

import numpy as np

OUT = sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/fixtures/acrobot/steps.npz"

L1 = 1.0
M1 = M2 = 1.0
LC1 = LC2 = 0.5
I1 = I2 = 1.0
G = 9.8
DT = 0.2
MAX_VEL_1 = 4 * np.pi
MAX_VEL_2 = 9 * np.pi
TORQUES = (-1.0, 0.0, 1.0)


def derivatives(s, a):
    th1, th2, dth1, dth2 = s
    d1 = M1 * LC1**2 + M2 * (L1**2 + LC2**2 + 2 * L1 * LC2 * np.cos(th2)) + I1 + I2
    d2 = M2 * (LC2**2 + L1 * LC2 * np.cos(th2)) + I2
    phi2 = M2 * LC2 * G * np.cos(th1 + th2 - np.pi / 2)
    phi1 = (
        -M2 * L1 * LC2 * dth2**2 * np.sin(th2)
        - 2 * M2 * L1 * LC2 * dth2 * dth1 * np.sin(th2)
        + (M1 * LC1 + M2 * L1) * G * np.cos(th1 - np.pi / 2)
        + phi2
    )
    ddth2 = (a + d2 / d1 * phi1 - M2 * L1 * LC2 * dth1**2 * np.sin(th2) - phi2) / (
        M2 * LC2**2 + I2 - d2**2 / d1
    )
    ddth1 = -(d2 * ddth2 + phi1) / d1
    return np.array([dth1, dth2, ddth1, ddth2])


def wrap(x):
    # into [-pi, pi): the same rule as the Java code's
    return (x + np.pi) % (2 * np.pi) - np.pi


def step(s, a):
    k1 = derivatives(s, a)
    k2 = derivatives(s + DT / 2 * k1, a)
    k3 = derivatives(s + DT / 2 * k2, a)
    k4 = derivatives(s + DT * k3, a)
    n = s + DT / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
    return np.array(
        [wrap(n[0]), wrap(n[1]), np.clip(n[2], -MAX_VEL_1, MAX_VEL_1), np.clip(n[3], -MAX_VEL_2, MAX_VEL_2)]
    )


def main():
    rng = np.random.default_rng(20261204)
    n = 200
    states = np.stack(
        [
            rng.uniform(-np.pi, np.pi, n),
            rng.uniform(-np.pi, np.pi, n),
            rng.uniform(-MAX_VEL_1, MAX_VEL_1, n),
            rng.uniform(-MAX_VEL_2, MAX_VEL_2, n),
        ],
        axis=1,
    )
    nxt = np.stack([np.stack([step(s, t) for t in TORQUES]) for s in states])  # [n, 3, 4]
    np.savez(OUT, state=states, next_state=nxt)


if __name__ == "__main__":
    main()
