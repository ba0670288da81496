#!/usr/bin/env bash
# Two builds of worldmodels (OLD_JAR_DIR and NEW_JAR_DIR each hold worldmodels.jar and lib/),
# alternately, ROUNDS rounds: bench train 100x100, bench step B1
# and B4096, and the control phase of the CartPole recipe on one fixed model. One JSON line each.
# usage: docs/compare-jars.sh OLD_JAR_DIR NEW_JAR_DIR MODEL_DIR EPISODES_DIR ROUNDS
# (MODEL_DIR and EPISODES_DIR: a CartPole run's model/ and episodes/). Run it on an idle machine.
old=$1; new=$2; model=$3; eps=$4; n=$5
export TF_CPP_MIN_LOG_LEVEL=2 TF_OVERRIDE_GLOBAL_THREADPOOL=1
run() { java -Djava.awt.headless=true -jar "$1/worldmodels.jar" "${@:2}" 2>/dev/null; }
for r in $(seq 1 "$n"); do
  for v in old new; do
    jar=$old; [ $v = new ] && jar=$new
    echo "$v train $(run $jar bench train --steps 10 --warmup 3)"
    echo "$v step1 $(run $jar bench step --batch 1 --backend java --steps 20000 --warmup 100)"
    echo "$v step4096 $(run $jar bench step --batch 4096 --backend tensorflow --steps 100 --warmup 10)"
    rm -f /tmp/ctl-$v.json
    t0=$(date +%s.%N)
    run $jar control --model "$model" --initial "$eps" --out /tmp/ctl-$v.json --population 32 --generations 30 --rollouts 8 --temperature 1.0 --halt-margin -0.1 --initial-sigma 0.5 --seed 0 --quiet > /tmp/ctl-$v.out
    t1=$(date +%s.%N)
    echo "$v control {\"seconds\": $(echo "$t1 - $t0" | bc), \"result\": $(cat /tmp/ctl-$v.out)}"
  done
done
