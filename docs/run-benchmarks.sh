#!/usr/bin/env bash
# Runs every benchmark of docs/performance.md, one at a time, and prints one JSON line each.
# Run it on an otherwise idle machine: on 2 cores any other busy process spoils the figures.
# Usage: docs/run-benchmarks.sh [--with-peer PEER_DIR] [--with-vae-peer VAE_PEER_DIR]
#   PEER_DIR: the PyTorch MDN-RNN reference (bench_train.py, bench_step.py);
#   VAE_PEER_DIR: the PyTorch ConvVAE reference (bench_vae.py). Both need python3-torch and
#   OpenBLAS from Debian.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The peers' directories are checked before anything runs, so a typo costs no benchmark time.
peer=""
vae_peer=""
while [ $# -gt 0 ]; do
  case "$1" in
    --with-peer | --with-vae-peer)
      dir="${2:-}"
      script=bench_train.py; [ "$1" = --with-vae-peer ] && script=bench_vae.py
      if [ -z "$dir" ] || [ ! -f "$dir/$script" ]; then
        echo "error: $1 '$dir': expected a directory holding $script" >&2; exit 2
      fi
      if [ "$1" = --with-peer ]; then peer="$dir"; else vae_peer="$dir"; fi
      shift 2 ;;
    *)
      echo "error: unknown argument '$1': expected --with-peer DIR or --with-vae-peer DIR" >&2; exit 2 ;;
  esac
done
wm="$root/bin/worldmodels"
# Every line also goes to target/benchmarks.txt; the scaling plots are drawn from it at the end.
mkdir -p "$root/target"
figures="$root/target/benchmarks.txt"
exec > >(tee "$figures")
echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), java $(java -version 2>&1 | head -1)"
echo "# train step, World Models CarRacing shapes"
"$wm" bench train --steps 20 --warmup 3 2>/dev/null
echo "# train step at sequence length 1000 (memory)"
"$wm" bench train --seq-len 1000 --steps 3 --warmup 1 2>/dev/null
echo "# train step vs batch, sequence length and hidden size"
for b in 25 50 200; do "$wm" bench train --batch "$b" --steps 10 2>/dev/null; done
for t in 25 50 200; do "$wm" bench train --seq-len "$t" --steps 10 2>/dev/null; done
for h in 64 128 512; do "$wm" bench train --hidden "$h" --steps 10 2>/dev/null; done
echo "# product throughput, the peak the other figures are a share of (the dream's two products, a square one)"
"$wm" bench matmul 2>/dev/null
"$wm" bench matmul --k 256 --n 482 2>/dev/null
"$wm" bench matmul --m 2048 --k 2048 --n 2048 --steps 20 2>/dev/null
echo "# dream step"
for b in 1 4 8 16 64 256 1024 4096; do
  for backend in java tensorflow; do
    # Below 32 rows the Java cell may run on two cores, and which it uses is re-timed every 64
    # steps: 20,000 steps (about half a second) give a median over many of those choices.
    steps=2000; [ "$b" -lt 32 ] && [ "$backend" = java ] && steps=20000
    # At 4096 rows a window of 100 steps (3 s) spread over a third on a machine with slow phases,
    # 1000 steps over 5% (docs/performance.md, 2026-12-06); the peer times 1000 there too.
    [ "$b" -ge 256 ] && steps=200; [ "$b" -ge 4096 ] && steps=1000
    "$wm" bench step --batch "$b" --backend "$backend" --steps "$steps" --warmup 100 2>/dev/null
  done
done
echo "# the vision model V (World Models' ConvVAE): training step, encoding and decoding at batch 100, and at the pixel recipes' batch 32"
"$wm" bench vae --batch 100 2>/dev/null
"$wm" bench vae --batch 32 2>/dev/null
if [ -n "$peer" ]; then
  echo "# peer: PyTorch MDN-RNN"
  (cd "$peer" && /usr/bin/python3 bench_train.py --clip norm 2>&1 | grep RESULT)
  (cd "$peer" && /usr/bin/python3 bench_step.py --batch-sizes 1,16,256,4096 2>&1 | grep RESULT)
fi
if [ -n "$vae_peer" ]; then
  echo "# peer: PyTorch ConvVAE"
  (cd "$vae_peer" && /usr/bin/python3 bench_vae.py --batch 100 2>&1 | grep RESULT)
fi
"$wm" bench plot --in "$figures" --out "$root/docs/images/performance" 2>/dev/null
