#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Inside a lab guest, for scripts/trace-cost: map_single 4 KiB to_device,
# untraced and under each tool, results as OUTDIR/<tool>.json.
#   lab/run PROFILE -- tests/trace/cost-in-guest.sh OUTDIR ITERATIONS
set -u
cd "$(dirname "$0")/../.." || exit 2
out=$1 iterations=$2
run="map_single --size 4096 --dir to_device --iterations $iterations"
insmod module/dmabench.ko || exit 1
# shellcheck disable=SC2086
bench/dmabench run $run --format json --output "$out/none.json" || exit 1
scripts/lttng-start || exit 1
for tool in perf trace-cmd lttng; do
	# shellcheck disable=SC2086
	d=$(bench/dmabench trace --with "$tool" --output-dir "$out/traces" $run) || exit 1
	cp "$d/result.json" "$out/$tool.json"
done
scripts/lttng-start --stop
