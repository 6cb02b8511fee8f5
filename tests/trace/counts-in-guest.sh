#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Inside a lab guest, for scripts/trace-counts: map_single 4 KiB recorded with
# trace-cmd once per direction given; OUTDIR/<dir>.dir names each trace.
#   lab/run PROFILE -- tests/trace/counts-in-guest.sh OUTDIR ITERATIONS DIR...
set -u
cd "$(dirname "$0")/../.." || exit 2
out=$1 iterations=$2
shift 2
insmod "${DMABENCH_KO:-module/dmabench.ko}" || exit 1
for dir in "$@"; do
	bench/dmabench trace --with trace-cmd --output-dir "$out/$dir" map_single \
		--size 4096 --dir "$dir" --iterations "$iterations" > "$out/$dir.dir" || exit 1
done
