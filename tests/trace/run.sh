#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Tracing tests for one lab profile (KTAP): each tool records map_single in
# the guest (run-in-guest.sh), then the host reads every trace back with
# perf script, trace-cmd report and babeltrace2 and checks the counts:
#   dmabench map_page and unmap_page events == iterations, on every tool;
#   swiotlb: one swiotlb_bounced per map;  iommu-strict: one iommu:unmap
#   per unmap (and one iommu:map per map); the result JSON says "traced".
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
		case $ev in dmabench:*) name=dmabench_$name ;; iommu:*) name=iommu_$name ;; esac
		babeltrace2 "$dir/lttng" 2>/dev/null | grep -c " $name: " ;;
	esac
}

for tool in "${tools[@]}"; do
	dir=$(cat "$out/$tool.dir" 2>/dev/null)
	if [ -z "$dir" ] || [ ! -d "$dir" ]; then
		ktap_not_ok "$tool: trace directory named by dmabench trace" "got '$dir'"
		continue
	fi
	traced=$(jq -r .traced "$dir/result.json" 2>/dev/null)
	ktap_expect_eq "$tool: result.json beside the trace says traced=$tool" "$traced" "$tool"
	maps=$(count "$tool" "$dir" dmabench:map_page)
	unmaps=$(count "$tool" "$dir" dmabench:unmap_page)
	ktap_expect_eq "$tool: dmabench map_page events == iterations" "$maps" "$iterations"
	ktap_expect_eq "$tool: dmabench unmap_page events == iterations" "$unmaps" "$iterations"
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
done
echo "1..$ktap_n"
ktap_end
