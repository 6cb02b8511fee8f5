#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Tracing tests for one lab profile on one guest kernel (KTAP): each tool
# records map_single in the guest (run-in-guest.sh), then the host reads
# every trace back with perf script, trace-cmd report and babeltrace2 and
# checks the counts:
#   dmabench map_page and unmap_page events == iterations, on every tool;
#   swiotlb: one swiotlb_bounced per map;  iommu-strict: one iommu:unmap
#   per unmap (and one iommu:map per map); the result JSON says "traced";
#   the kernel's dma:* events: where the kernel has them (trace.json says,
#   from tracefs), the recording enabled every one of them and holds one
#   dma_map_page, or 7.3's dma_map_phys, per map of the device and one
#   dma_unmap_page/_phys per unmap; where it has none (6.1), trace.json and
#   the reader say absent, not zero;
#   lttng: the harness's UST run_start/run_end in the same CTF trace as the
#   kernel's events, on one clock: run_start before the first dmabench op,
#   run_end after the last, carrying the run's parameters and results.
# trace-cmd and LTTng also record the list scenario the guest chose
# (iova_list or iova_fallback where the kernel has the IOVA API, else
# map_page_list): its lists are dmabench's map_list and unmap_list events,
# one each per iteration, and no map_sg or unmap_sg (nothing called
# dma_map_sg); iommu-strict: one iommu:map per segment, one iommu:unmap per
# segment unmapped or per IOVA range unlinked; swiotlb: one bounce per
# segment.
# Then analysis/dmabench-trace-stats reads the trace-cmd and LTTng traces
# (checks in tests/trace/stats.sh).
# usage: tests/trace/run.sh [--kernel NAME] PROFILE [TOOL...]
#        (default tools: perf trace-cmd lttng; NAME as lab/kernel-info takes
#        it, default $LAB_KERNEL, else the host's headers' kernel; the module
#        loaded in the guest is $DMABENCH_KO, else lab/kernel-info NAME ko)
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
. tests/lib/ktap.sh
kernel=()
if [ "${1:-}" = --kernel ]; then
	kernel=(--kernel "$2")
	shift 2
elif [ -n "${LAB_KERNEL:-}" ]; then
	# As lab/run takes it (tests/run sets it per kernel).
	kernel=(--kernel "$LAB_KERNEL")
fi
if [ ${#kernel[@]} -gt 0 ]; then
	if [ -z "${DMABENCH_KO:-}" ]; then
		DMABENCH_KO=$(lab/kernel-info "${kernel[1]}" ko) || exit 1
		export DMABENCH_KO
	fi
fi
profile=$1
shift
tools=("${@:-perf}")
[ $# -gt 0 ] || tools=(perf trace-cmd lttng)
iterations=200

if [ "${tools[*]}" != "${tools[*]#*lttng}" ]; then
	scripts/build-lttng-modules "${kernel[@]}" || exit 1
fi
out=results/tests/trace-${kernel[1]:+${kernel[1]}-}$profile
rm -rf "$out"
mkdir -p "$out"
echo "KTAP version 1"
guest=$(mktemp)
trap 'rm -f "$guest"' EXIT
lab/run "${kernel[@]}" "$profile" -- tests/trace/run-in-guest.sh "$out" "$iterations" "${tools[@]}" |
	tee "$guest"
status=${PIPESTATUS[0]}
ktap_n=$(grep -cE '^(not )?ok [0-9]+' "$guest")
ktap_failed=$(grep -cE '^not ok [0-9]+' "$guest")
ktap_expect_eq "lab guest exit status" "$status" 0

# text_of TOOL TRACEDIR: the trace as the tool's own reader prints it.
text_of() {
	case $1 in
	perf) perf script -i "$2/perf.data" -F event,trace 2>/dev/null ;;
	trace-cmd) trace-cmd report -i "$2/trace.dat" 2>/dev/null ;;
	lttng) babeltrace2 "$2/lttng" 2>/dev/null ;;
	esac
}

# count TOOL TRACEDIR EVENT [TEXT]: events of that name within the run,
# from dmabench_run_start to dmabench_run_end (the harness's own setup
# before it, dma_need_sync's probe mapping, is not the run's), only those
# whose line has TEXT if given (a DEVICE, for events that name theirs),
# read on the host.
count() {
	local tool=$1 dir=$2 ev=$3 dev=${4:-} name=${3#*:}
	case $tool in
	perf) name=$ev ;;
	lttng) case $ev in iommu:*) name=iommu_$name ;; esac ;;
	esac
	text_of "$tool" "$dir" | awk -v e="$name:" -v d="$dev" '{
		for (i = 1; i <= NF; i++) {
			if ($i == "dmabench_run_start:" || $i == "dmabench:dmabench_run_start:") { on = 1; break }
			if ($i == "dmabench_run_end:" || $i == "dmabench:dmabench_run_end:") { on = 0; break }
			if ($i == e) { if (on && (d == "" || index($0, d))) n++; break }
		} } END { print n + 0 }'
}

# dma_pair TRACEDIR: this kernel's map/unmap event pair from trace.json's
# dma events, "dma_map_phys dma_unmap_phys" (7.3) or "dma_map_page
# dma_unmap_page" (6.12); empty when the kernel has neither.
dma_pair() {
	local ev
	for ev in phys page; do
		if jq -e --arg m "dma_map_$ev" '.dma_events.enabled + .dma_events.not_recorded |
			index($m) != null' "$1/trace.json" > /dev/null 2>&1; then
			echo "dma_map_$ev dma_unmap_$ev"
			return
		fi
	done
}

# check_dma TOOL TRACEDIR MAPS UNMAPS: the kernel's dma:* events, or their
# absence, as trace.json says.
check_dma() {
	local tool=$1 dir=$2 maps=$3 unmaps=$4 meta=$2/trace.json pair dev
	if [ "$(jq -r .dma_events.in_kernel "$meta" 2>/dev/null)" != true ]; then
		ktap_expect_eq "$tool: trace.json: no dma:* events in this kernel, none enabled" \
			"$(jq -r '"\(.dma_events.in_kernel) \(.dma_events.enabled | length)"' "$meta" 2>/dev/null)" \
			"false 0"
		return
	fi
	ktap_expect_eq "$tool: trace.json: every dma:* event of this kernel enabled (none left out)" \
		"$(jq -r '.dma_events.not_recorded | join(" ")' "$meta")" ""
	pair=$(dma_pair "$dir")
	ktap_check "$tool: the kernel has dma_map_page or dma_map_phys (got '${pair% *}')" \
		test -n "$pair"
	[ -n "$pair" ] || return
	# The device's events only: other drivers map too.
	dev=$(jq -r .device.bus_id "$dir/result.json")
	ktap_expect_eq "$tool: one dma:${pair% *} per map of $dev" \
		"$(count "$tool" "$dir" "dma:${pair% *}" "$dev")" "$maps"
	ktap_expect_eq "$tool: one dma:${pair#* } per unmap of $dev" \
		"$(count "$tool" "$dir" "dma:${pair#* }" "$dev")" "$unmaps"
}

# list_iommu TRACEDIR SCENARIO ITERATIONS: "MAPS UNMAPS", the iommu:map and
# iommu:unmap a list scenario's run makes: one map per segment mapped or
# linked; one unmap per segment unmapped, or per IOVA range unlinked or
# destroyed (iova_*: one range a list).
list_iommu() {
	local n
	n=$(( $(jq -r .params.nents "$1/result.json") * $3 ))
	case $2 in
	iova_*) echo "$n $3" ;;
	*) echo "$n $n" ;;
	esac
}

# check_list TOOL SCENARIO: the list scenario's trace (run-in-guest.sh).
check_list() {
	local tool=$1 scn=$2 dir nents
	dir=$(cat "$out/$tool-list.dir" 2>/dev/null)
	if [ -z "$dir" ] || [ ! -d "$dir" ]; then
		ktap_not_ok "$tool $scn: trace directory named by dmabench trace" "got '$dir'"
		return
	fi
	nents=$(jq -r .params.nents "$dir/result.json")
	ktap_expect_eq "$tool $scn: dmabench map_list and unmap_list events == iterations" \
		"$(count "$tool" "$dir" dmabench:dmabench_map_list) $(count "$tool" "$dir" dmabench:dmabench_unmap_list)" \
		"$iterations $iterations"
	ktap_expect_eq "$tool $scn: no dmabench map_sg or unmap_sg event (nothing called dma_map_sg)" \
		"$(count "$tool" "$dir" dmabench:dmabench_map_sg) $(count "$tool" "$dir" dmabench:dmabench_unmap_sg)" \
		"0 0"
	# The op field by name (babeltrace2 prints LTTng's as a number).
	if [ "$tool" = trace-cmd ]; then
		ktap_expect_eq "$tool $scn: their op fields print map_list and unmap_list" \
			"$(count "$tool" "$dir" dmabench:dmabench_map_list op=map_list) $(count "$tool" "$dir" dmabench:dmabench_unmap_list op=unmap_list)" \
			"$iterations $iterations"
	fi
	case $profile in
	swiotlb)
		ktap_expect_eq "$tool $scn: one swiotlb_bounced per segment mapped ($nents a list)" \
			"$(count "$tool" "$dir" swiotlb:swiotlb_bounced)" "$((nents * iterations))" ;;
	iommu-strict)
		ktap_expect_eq "$tool $scn: iommu:map and iommu:unmap ($nents segments a list)" \
			"$(count "$tool" "$dir" iommu:map) $(count "$tool" "$dir" iommu:unmap)" \
			"$(list_iommu "$dir" "$scn" "$iterations")" ;;
	esac
	stats_checks_list "$tool" "$dir" "$scn" "$profile" "$iterations"
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
	check_dma "$tool" "$dir" "$maps" "$unmaps"
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
list=$(cat "$out/list" 2>/dev/null)
for tool in "${tools[@]}"; do
	[ "$tool" = perf ] || check_list "$tool" "${list:-(none named)}"
done
stats_checks_negative "$(cat "$out/perf.dir" 2>/dev/null)"
[ "${tools[*]}" = "${tools[*]#*trace-cmd}" ] || stats_checks_loss "$out"
echo "1..$ktap_n"
ktap_end
