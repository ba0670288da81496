#!/usr/bin/env bash
# Executes every notebooks/*.ipynb headless and writes the executed copies to OUTDIR.
#
#   bash notebooks/execute.sh OUTDIR
#
# On a fresh Debian machine it first installs what is missing: Debian's Jupyter (nbconvert,
# nbclient, jupyter-client, ipykernel), the Java kernel jar
# io.github.padreati:rapaio-jupyter-kernel from Maven Central, and target/worldmodels.jar. The
# kernelspec lives in target/jupyter (JUPYTER_PATH points there): nothing is written to $HOME.
# Exits non-zero if any cell of any notebook fails. Works from any current directory.
#
# Environment:
#   NB_TIME_LIMIT  seconds one notebook may take, per attempt (default 1200)
#   NB_ATTEMPTS    attempts when the kernel does not start (default 3)
#   NB_PATTERN     which notebooks to run, a glob inside notebooks/ (default *.ipynb)
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: bash notebooks/execute.sh OUTDIR" >&2
  exit 2
fi
mkdir -p "$1"
out="$(cd "$1" && pwd)"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nbdir="$root/notebooks"
build="$root/target/jupyter"
kernel_version=3.0.1
kernel_name=rapaio-jupyter-kernel
time_limit="${NB_TIME_LIMIT:-1200}"
attempts="${NB_ATTEMPTS:-3}"
pattern="${NB_PATTERN:-*.ipynb}"

say() { echo "execute.sh: $*" >&2; }

# Runs a command silently, showing its output only if it fails.
quietly() {
  local output
  if ! output="$("$@" 2>&1)"; then
    echo "$output" >&2
    return 1
  fi
}

# 1. Debian's Jupyter. Package lists are refreshed only if the install fails without them.
packages=(jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=()
  if [ "$(id -u)" != 0 ]; then
    sudo=(sudo)
  fi
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt=(${sudo[@]+"${sudo[@]}"} apt-get -qq -o DPkg::Lock::Timeout=600) # waits for another apt to finish
  if ! "${apt[@]}" install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    quietly "${apt[@]}" update
    quietly "${apt[@]}" install -y --no-install-recommends "${missing[@]}"
  fi
fi
jupyter=/usr/bin/jupyter # Debian's, on /usr/bin/python3 (not a pyenv python first on PATH)

# 2. The kernel jar, from the local Maven repository or Maven Central.
m2_jar="${M2_REPO:-$HOME/.m2/repository}/io/github/padreati/rapaio-jupyter-kernel/$kernel_version/rapaio-jupyter-kernel-$kernel_version.jar"
jar="$build/rapaio-jupyter-kernel-$kernel_version.jar"
mkdir -p "$build"
if [ ! -f "$jar" ]; then
  if [ ! -f "$m2_jar" ]; then
    say "fetching io.github.padreati:rapaio-jupyter-kernel:$kernel_version"
    (cd "$root" && quietly mvn -B -q dependency:get \
      -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$kernel_version" -Dtransitive=false)
  fi
  cp "$m2_jar" "$jar.tmp"
  mv "$jar.tmp" "$jar"
fi

# 3. The kernel's start-up race fixed (see kernel-fix/LoopThread.java): our LoopThread, compiled
# against the kernel jar, goes before that jar on the class path.
fix="$build/kernel-fix"
fix_src="$nbdir/kernel-fix/LoopThread.java"
fix_class="$fix/org/rapaio/jupyter/kernel/channels/LoopThread.class"
if [ ! -f "$fix_class" ] || [ "$fix_src" -nt "$fix_class" ]; then
  rm -rf "$fix.tmp"
  quietly javac --release 17 -cp "$jar" -d "$fix.tmp" "$fix_src"
  rm -rf "$fix"
  mv "$fix.tmp" "$fix"
fi

# 4. The kernelspec, in the build directory.
mkdir -p "$build/kernels/$kernel_name"
cat >"$build/kernels/$kernel_name/kernel.json" <<EOF
{
  "argv": ["java", "-Djava.awt.headless=true", "-cp", "$fix:$jar",
           "org.rapaio.jupyter.kernel.MainApp", "{connection_file}"],
  "display_name": "Java (rapaio-jupyter-kernel $kernel_version)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {"TF_CPP_MIN_LOG_LEVEL": "2", "TF_OVERRIDE_GLOBAL_THREADPOOL": "1"}
}
EOF

# 5. The project jar the notebooks load with %%jars.
if [ ! -f "$root/target/worldmodels.jar" ] || [ ! -d "$root/target/lib" ]; then
  say "building target/worldmodels.jar"
  (cd "$root" && quietly mvn -B -q -DskipTests package)
fi

# Jupyter reads and writes only below target/jupyter.
export JUPYTER_PATH="$build"
export JUPYTER_CONFIG_DIR="$build/config"
export JUPYTER_DATA_DIR="$build/data"
export JUPYTER_RUNTIME_DIR="$build/runtime"
export PYTHONNOUSERSITE=1
unset PYTHONPATH
export TF_CPP_MIN_LOG_LEVEL=2 TF_OVERRIDE_GLOBAL_THREADPOOL=1
mkdir -p "$JUPYTER_RUNTIME_DIR" "$build/logs"

# Ends kernels a failed attempt left behind: Jupyter starts each kernel in a session of its own,
# so a timeout does not reach it, and nbconvert may die before shutting it down. Each attempt runs
# with a unique NB_EXECUTE_TAG in its environment, which the kernel inherits; only processes
# carrying this attempt's tag are ended.
end_leftovers() {
  local tag="NB_EXECUTE_TAG=$1" f pid
  for f in /proc/[0-9]*/environ; do
    pid="${f#/proc/}"
    pid="${pid%/environ}"
    if { tr '\0' '\n' <"$f"; } 2>/dev/null | grep -qxF -- "$tag"; then
      kill "$pid" 2>/dev/null || true
    fi
  done
}

shopt -s nullglob
notebooks=()
for nb in "$nbdir"/$pattern; do
  if [ -f "$nb" ]; then # a pattern without wildcards comes back as itself
    notebooks+=("$nb")
  fi
done
if [ ${#notebooks[@]} -eq 0 ]; then
  say "no notebooks match $nbdir/$pattern"
  exit 1
fi

failed=()
for nb in "${notebooks[@]}"; do
  name="$(basename "$nb" .ipynb)"
  rm -f "$build/logs/$name".attempt*.log
  status=1
  for attempt in $(seq 1 "$attempts"); do
    log="$build/logs/$name.attempt$attempt.log"
    tag="$$-$name-$attempt"
    start=$(date +%s)
    set +e
    NB_EXECUTE_TAG="$tag" timeout --kill-after=30 "$time_limit" \
      "$jupyter" nbconvert --to notebook --execute "$nb" \
      --ExecutePreprocessor.kernel_name="$kernel_name" \
      --ExecutePreprocessor.timeout=900 --ExecutePreprocessor.startup_timeout=120 \
      --output-dir "$out" >"$log" 2>&1
    status=$?
    set -e
    end_leftovers "$tag"
    seconds=$(($(date +%s) - start))
    if [ "$status" = 0 ]; then
      say "$name: ok in ${seconds}s (attempt $attempt)"
      break
    fi
    if [ "$status" = 124 ] || [ "$status" = 137 ]; then
      say "$name: over the time limit of ${time_limit}s"
      break
    fi
    if grep -q 'CellExecutionError' "$log"; then
      break
    fi
    if grep -q -e "didn't respond" -e 'Kernel died' "$log" && [ "$attempt" -lt "$attempts" ]; then
      say "$name: the kernel did not start or died (attempt $attempt of $attempts); retrying"
      continue
    fi
    break
  done
  if [ "$status" != 0 ]; then
    say "$name: FAILED (exit $status); log $log:"
    tail -n 60 "$log" >&2
    failed+=("$name")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  say "failed: ${failed[*]}"
  exit 1
fi
say "all ${#notebooks[@]} notebooks executed; output in $out"
