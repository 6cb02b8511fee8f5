#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Inside a lab guest, for scripts/trace-cost: map_single 4 KiB to_device,
# untraced and under each tool, REPEAT repetitions each, results as
# OUTDIR/<tool>.json and the trace directories as OUTDIR/<tool>.dir.
#   lab/run PROFILE -- tests/trace/cost-in-guest.sh OUTDIR ITERATIONS REPEAT
set -u
cd "$(dirname "$0")/../.." || exit 2
out=$1 iterations=$2 repeat=$3
run="map_single --size 4096 --dir to_device --iterations $iterations --repeat $repeat"
insmod "${DMABENCH_KO:-module/dmabench.ko}" || exit 1
# shellcheck disable=SC2086
bench/dmabench run $run --format json --output "$out/none.json" || exit 1
scripts/lttng-start || exit 1
for tool in perf trace-cmd lttng; do
	# shellcheck disable=SC2086
	d=$(bench/dmabench trace --with "$tool" --output-dir "$out/traces" $run) || exit 1
	cp "$d/result.json" "$out/$tool.json"
	echo "$d" > "$out/$tool.dir"
done
scripts/lttng-start --stop
