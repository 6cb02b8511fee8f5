#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Inside a lab guest, any kernel: record a short scenario with each tool.
#   lab/run [--kernel NAME] PROFILE -- tests/trace/run-in-guest.sh OUTDIR ITERATIONS [TOOL...]
# The module is $DMABENCH_KO (default module/dmabench.ko).
# Loads dmabench.ko (and LTTng's modules for lttng), then for each tool
# `dmabench trace --with TOOL --output-dir OUTDIR/TOOL map_single`, and
# with trace-cmd and LTTng (perf reads the formats trace-cmd does, and a
# recording adds a minute or more under TCG) one list scenario, 16
# segments of 4 KiB, into OUTDIR/TOOL-list: where the module has the IOVA
# API, iova_list on a device with an IOVA domain (DMA, DMA-FQ),
# iova_fallback where there is none (iova_list is refused there); else
# map_page_list, which every kernel has. OUTDIR/list names it.
# Prints KTAP results without a plan: tests/trace/run.sh reads the traces
# back on the host, counts the events and closes the plan.
set -u
cd "$(dirname "$0")/../.." || exit 2
out=$1 iterations=$2
shift 2
LOSS_ITERATIONS=20000
n=0
has_tool() {	# has_tool NAME TOOL...: NAME is one of the TOOLs
	want=$1
	shift
	for t in "$@"; do [ "$t" = "$want" ] && return 0; done
	return 1
}
ok() {	# ok STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

insmod "${DMABENCH_KO:-module/dmabench.ko}"
ok $? "insmod ${DMABENCH_KO:-module/dmabench.ko}"
# What this kernel offers (dmabench trace finds the same; trace.json says).
dma=""
for e in /sys/kernel/tracing/events/dma/*/; do
	[ -d "$e" ] && dma="$dma $(basename "$e")"
done
echo "# kernel $(uname -r); dma:* events in tracefs:${dma:- none}"
list=map_page_list
if bench/dmabench list --format json |
	jq -e '.[] | select(.name == "iova_list") | .available' > /dev/null; then
	case $(bench/dmabench info --format json |
		jq -r '.devices[] | select(.name == "edu0") | .group_type') in
	DMA|DMA-FQ) list=iova_list ;;
	*) list=iova_fallback ;;
	esac
fi
echo "$list" > "$out/list"
echo "# list scenario: $list"
for tool in "$@"; do
	if [ "$tool" = lttng ]; then
		start=$(date +%s)
		scripts/lttng-start > /tmp/lttng-start.log 2>&1
		st=$?
		sed 's/^/# /' /tmp/lttng-start.log
		ok $st "lttng modules loaded and lttng-sessiond up ($(( $(date +%s) - start )) s)"
	fi
	bench/dmabench trace --with "$tool" --output-dir "$out/$tool" map_single \
		--dir to_device --iterations "$iterations" > "/tmp/trace-$tool.out"
	ok $? "dmabench trace --with $tool map_single --iterations $iterations"
	# The directory it names is where the trace is; the host reads it there.
	cat "/tmp/trace-$tool.out" > "$out/$tool.dir"
	[ "$tool" != perf ] || continue
	bench/dmabench trace --with "$tool" --output-dir "$out/$tool-list" "$list" \
		--size 64k --nents 16 --dir to_device --iterations "$iterations" \
		> "/tmp/trace-$tool-list.out"
	ok $? "dmabench trace --with $tool $list --nents 16 --iterations $iterations"
	cat "/tmp/trace-$tool-list.out" > "$out/$tool-list.dir"
done
! has_tool lttng "$@" || scripts/lttng-start --stop
# For the host's dmabench-trace-stats checks: a buffer too small on purpose
# (4 KiB per CPU), so that events are lost and must be counted.
if has_tool trace-cmd "$@"; then
	trace-cmd record -q -b 4 -e dmabench -o "$out/small-buffer.dat" -- \
		bench/dmabench run map_single --dir to_device --iterations "$LOSS_ITERATIONS" \
		--format json --output "$out/small-buffer.json" > /dev/null
	ok $? "trace-cmd record -b 4 map_single --iterations $LOSS_ITERATIONS (small buffer)"
fi
echo "# guest done: $n results"
