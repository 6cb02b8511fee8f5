#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Tracing tests for one lab profile (KTAP): each tool records map_single in
# the guest (run-in-guest.sh), then the host reads every trace back with
# perf script, trace-cmd report and babeltrace2 and checks the counts:
#   dmabench map_page and unmap_page events == iterations, on every tool;
#   swiotlb: one swiotlb_bounced per map;  iommu-strict: one iommu:unmap
#   per unmap (and one iommu:map per map); the result JSON says "traced";
#   lttng: the harness's UST run_start/run_end in the same CTF trace as the
#   kernel's events, on one clock: run_start before the first dmabench op,
#   run_end after the last, carrying the run's parameters and results.
# Then analysis/dmabench-trace-stats reads the trace-cmd and LTTng traces
# (checks in tests/trace/stats.sh).
# usage: tests/trace/run.sh PROFILE [TOOL...]   (default: perf trace-cmd lttng)
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/ktap.sh
profile=$1
shift
tools=("${@:-perf}")
[ $# -gt 0 ] || tools=(perf trace-cmd lttng)
iterations=200

scripts/build-lttng-modules || exit 1
out=results/tests/trace-$profile
rm -rf "$out"
mkdir -p "$out"
echo "KTAP version 1"
guest=$(mktemp)
trap 'rm -f "$guest"' EXIT
lab/run "$profile" -- tests/trace/run-in-guest.sh "$out" "$iterations" "${tools[@]}" | tee "$guest"
status=${PIPESTATUS[0]}
ktap_n=$(grep -cE '^(not )?ok [0-9]+' "$guest")
ktap_failed=$(grep -cE '^not ok [0-9]+' "$guest")
ktap_expect_eq "lab guest exit status" "$status" 0

# count TOOL TRACEDIR EVENT: events of that name in the trace, read on the host.
count() {
	local tool=$1 dir=$2 ev=$3
	case $tool in
	perf) perf script -i "$dir/perf.data" -F event 2>/dev/null |
		awk -v e="$ev:" '$1 == e' | wc -l ;;
	trace-cmd) trace-cmd report -i "$dir/trace.dat" 2>/dev/null |
		awk -v e="${ev#*:}:" '{ for (i = 1; i <= NF; i++) if ($i == e) { print; break } }' | wc -l ;;
	lttng) local name=${ev#*:}
		case $ev in iommu:*) name=iommu_$name ;; esac
		babeltrace2 "$dir/lttng" 2>/dev/null | grep -c " $name: " ;;
	esac
}

# check_ust LTTNG_TRACE_DIR: UST and kernel events in one trace, one clock.
check_ust() {
	local text first_op last_op start end n_streams
	text=$(babeltrace2 --clock-seconds "$1" 2>/dev/null)
	# Kernel and UST streams both under the one trace directory.
	n_streams=$(find "$1/kernel" "$1/ust" -name metadata 2>/dev/null | wc -l)
	ktap_expect_eq "lttng: kernel and ust metadata in one session's output" \
		"$([ "$n_streams" -ge 2 ] && echo yes || echo "no ($n_streams)")" yes
	# [seconds.nanoseconds] of the first line matching an event name.
	ts() { awk -v e="$1:" '{ for (i = 1; i <= NF; i++) if ($i == e) {
		gsub(/[][]/, "", $1); print $1; exit } }'; }
	tsl() { awk -v e="$1:" '{ for (i = 1; i <= NF; i++) if ($i == e) {
		gsub(/[][]/, "", $1); t = $1 } } END { print t }'; }
	start=$(ts dmabench_ust:run_start <<< "$text")
	end=$(ts dmabench_ust:run_end <<< "$text")
	first_op=$(ts dmabench_map_page <<< "$text")
	last_op=$(tsl dmabench_unmap_page <<< "$text")
	ktap_expect_eq "lttng: one dmabench_ust:run_start" \
		"$(grep -c ' dmabench_ust:run_start: ' <<< "$text")" 1
	ktap_expect_eq "lttng: one dmabench_ust:run_end" \
		"$(grep -c ' dmabench_ust:run_end: ' <<< "$text")" 1
	# Same clock: both ends bracket the kernel's ops, within the run's time.
	ktap_expect_eq "lttng: run_start ($start) <= first map_page ($first_op) <= last unmap_page ($last_op) <= run_end ($end)" \
		"$(awk -v s="${start:-x}" -v f="${first_op:-x}" -v l="${last_op:-x}" -v e="${end:-x}" \
			'BEGIN { print (s != "x" && f != "x" && e != "x" && s + 0 <= f + 0 && f + 0 <= l + 0 && l + 0 <= e + 0 && e - s < 600) ? "yes" : "no" }')" yes
	ktap_expect_eq "lttng: run_start carries the parameters" \
		"$(grep ' dmabench_ust:run_start: ' <<< "$text" |
		   grep -c "scenario = \"map_single\", device = \"edu0\", via = \"direct\", direction = \"to_device\", size_bytes = 4096, threads = 1, iterations = $iterations,")" 1
	ktap_expect_eq "lttng: run_end carries iterations and ops (map + unmap)" \
		"$(grep ' dmabench_ust:run_end: ' <<< "$text" |
		   grep -c "status = 0, elapsed_ns = [1-9][0-9]*, iterations = $iterations, ops = $((2 * iterations)) ")" 1
}

. tests/trace/stats.sh
for tool in "${tools[@]}"; do
	dir=$(cat "$out/$tool.dir" 2>/dev/null)
	if [ -z "$dir" ] || [ ! -d "$dir" ]; then
		ktap_not_ok "$tool: trace directory named by dmabench trace" "got '$dir'"
		continue
	fi
	traced=$(jq -r .traced "$dir/result.json" 2>/dev/null)
	ktap_expect_eq "$tool: result.json beside the trace says traced=$tool" "$traced" "$tool"
	maps=$(count "$tool" "$dir" dmabench:dmabench_map_page)
	unmaps=$(count "$tool" "$dir" dmabench:dmabench_unmap_page)
	ktap_expect_eq "$tool: dmabench map_page events == iterations" "$maps" "$iterations"
	ktap_expect_eq "$tool: dmabench unmap_page events == iterations" "$unmaps" "$iterations"
	[ "$tool" != lttng ] || check_ust "$dir/lttng"
	case $profile in
	swiotlb)
		ktap_expect_eq "$tool: one swiotlb_bounced per map" \
			"$(count "$tool" "$dir" swiotlb:swiotlb_bounced)" "$maps" ;;
	iommu-strict)
		ktap_expect_eq "$tool: one iommu:map per map" \
			"$(count "$tool" "$dir" iommu:map)" "$maps"
		ktap_expect_eq "$tool: one iommu:unmap per unmap" \
			"$(count "$tool" "$dir" iommu:unmap)" "$unmaps" ;;
	esac
	[ "$tool" = perf ] || stats_checks "$tool" "$dir" "$profile" "$iterations"
done
stats_checks_negative "$(cat "$out/perf.dir" 2>/dev/null)"
[ "${tools[*]}" = "${tools[*]#*trace-cmd}" ] || stats_checks_loss "$out"
echo "1..$ktap_n"
ktap_end
