# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# analysis/dmabench-trace-stats on the traces tests/trace/run.sh recorded in
# the lab (sourced by run.sh; KTAP through tests/lib/ktap.sh). Per trace
# (trace-cmd's trace.dat, LTTng's CTF), for map_single --via direct:
#   - it reads the trace, loses nothing (lost_events == 0, no discarded
#     packets);
#   - dmabench_map_page / dmabench_unmap_page counts == iterations ==
#     result.json's counts;
#   - latency: for --via direct the event's latency_ns is the harness's own
#     sample (module/scenarios/timed_ops.h: the same t1 - t0 goes to the
#     histogram and to the event), so min, max and p50..p99.9 (same uapi
#     histogram) must equal result.json's, and the mean must equal it within
#     0.001 ns (result.json rounds it to 3 decimals);
#   - the mean from the tool == the mean of latency_ns computed independently
#     from the text of trace-cmd report / babeltrace2, within 0.01 ns;
#   - kernel events: on swiotlb one swiotlb_bounced of size_bytes per map
#     (to_device), none per unmap; on iommu-strict one iommu:map per map
#     and one iommu:unmap per unmap; totals less those before the run_start
#     (the harness's own setup) == the text report's counts within the run;
#   - the kernel's dma:* events (run.sh's dma_pair): one dma_map_page or
#     dma_map_phys per map_page, one of the unmap pair per unmap_page, both
#     in the trace; on a kernel without them (6.1) every dma_* count is
#     null (absent), never 0.
# stats_checks_list: the same reader on the list scenarios' traces.
# stats_checks_negative: bad input exits 1, bad usage 2, perf.data says so.
# stats_checks_loss: a trace that lost events says how many, exactly.
# Uses run.sh's count TOOL DIR EVENT (the text report's count of an event).

stats_tool=analysis/dmabench-trace-stats

# stats_text_latencies TOOL DIR EVENT: latency_ns of each EVENT, from the text.
stats_text_latencies() {
	case $1 in
	trace-cmd) trace-cmd report -i "$2/trace.dat" 2>/dev/null |
		awk -v e="$3:" '{ for (i = 1; i <= NF; i++) if ($i == e) {
			for (j = i; j <= NF; j++) if ($j ~ /^latency_ns=/) {
				sub(/^latency_ns=/, "", $j); print $j }
			break } }' ;;
	lttng) babeltrace2 "$2/lttng" 2>/dev/null | grep " $3: " |
		sed -n 's/.*latency_ns = \([0-9]*\).*/\1/p' ;;
	esac
}

# stats_close A B TOL: |A - B| <= TOL
stats_close() {
	awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d;
		exit !(a != "" && b != "" && a != "null" && b != "null" && d <= t) }'
}

# Kernel events per op, from the caller's $js (the tool's JSON):
# "stats_k EVENT OP" is that op's count of EVENT.
stats_k() { jq -r ".ops | map(select(.event == \"dmabench_$2\")) | .[0].kernel_events.$1" "$js"; }
# "stats_in_run EVENT": its total less what came before the run_start.
stats_in_run() { jq -r ".kernel_events_total.$1 - .kernel_events_before_run.$1" "$js"; }

# stats_check_op TOOL DIR JS EVENT OP ITERATIONS: EVENT's row in JS (the
# tool's JSON) against result.json's OP, for an event that carries the
# harness's own sample (--via direct: the same t1 - t0 to both): counts,
# latencies, the text report's mean, bytes.
stats_check_op() {
	local tool=$1 dir=$2 js=$3 event=$4 op=$5 iterations=$6 res=$2/result.json
	local key a b text_mean size_bytes sel
	size_bytes=$(jq -r .params.size_bytes "$res")
	sel=".ops | map(select(.event == \"$event\"))"
	ktap_expect_eq "$tool stats: $event count == iterations == result.json $op count" \
		"$(jq -r "$sel | map(.count) | add" "$js") $(jq -r ".repetitions[0].ops.$op.count" "$res")" \
		"$iterations $iterations"
	# One device in this run: its row is the whole distribution.
	ktap_expect_eq "$tool stats: $event on one device" "$(jq -r "$sel | length" "$js")" 1
	for key in min_ns max_ns p50_ns p90_ns p99_ns p999_ns; do
		a=$(jq -r "$sel | .[0].$key" "$js")
		b=$(jq -r ".repetitions[0].ops.$op.$key" "$res")
		ktap_expect_eq "$tool stats: $event $key == result.json $op $key (same samples)" "$a" "$b"
	done
	a=$(jq -r "$sel | .[0].mean_ns" "$js")
	b=$(jq -r ".repetitions[0].ops.$op.mean_ns" "$res")
	ktap_check "$tool stats: $event mean_ns $a == result.json $op mean_ns $b within 0.001 ns" \
		stats_close "$a" "$b" 0.001
	text_mean=$(stats_text_latencies "$tool" "$dir" "$event" |
		awk '{ s += $1; n++ } END { if (n) printf "%.6f %d", s / n, n }')
	ktap_check "$tool stats: $event mean_ns $a == mean of the text report's latency_ns (${text_mean% *}) within 0.01 ns" \
		stats_close "$a" "${text_mean% *}" 0.01
	ktap_expect_eq "$tool stats: $event count == the text report's" \
		"${text_mean#* }" "$iterations"
	ktap_expect_eq "$tool stats: $event bytes == count * size_bytes" \
		"$(jq -r "$sel | .[0].bytes" "$js")" "$((iterations * size_bytes))"
}

# stats_checks TOOL DIR PROFILE ITERATIONS
stats_checks() {
	local tool=$1 dir=$2 profile=$3 iterations=$4 js res size_bytes
	js=$(mktemp)
	res=$dir/result.json
	"$stats_tool" --format json "$dir" > "$js" 2> "$js.err"
	ktap_expect_eq "$tool stats: dmabench-trace-stats reads the trace" "$?" 0 \
		"$(cat "$js.err")"
	ktap_expect_eq "$tool stats: format" "$(jq -r .format "$js")" \
		"$([ "$tool" = lttng ] && echo ctf || echo trace-cmd)"
	ktap_expect_eq "$tool stats: lost_events == 0 and no discarded packets" \
		"$(jq -r '"\(.lost_events) \(.discarded_packets)"' "$js")" "0 0" \
		"lost: $(jq -r .lost_detail "$js")"
	size_bytes=$(jq -r .params.size_bytes "$res")
	stats_check_op "$tool" "$dir" "$js" dmabench_map_page map "$iterations"
	stats_check_op "$tool" "$dir" "$js" dmabench_unmap_page unmap "$iterations"
	case $profile in
	swiotlb)
		ktap_expect_eq "$tool stats: one swiotlb_bounced per map_page, none per unmap_page (to_device)" \
			"$(stats_k swiotlb_bounced map_page) $(stats_k swiotlb_bounced unmap_page)" "$iterations 0"
		ktap_expect_eq "$tool stats: swiotlb_bounced_bytes per map == size_bytes" \
			"$(stats_k swiotlb_bounced_bytes map_page)" "$((iterations * size_bytes))"
		ktap_expect_eq "$tool stats: swiotlb_bounced total - before_run == the text report's, within the run" \
			"$(stats_in_run swiotlb_bounced)" \
			"$(count "$tool" "$dir" swiotlb:swiotlb_bounced)" ;;
	iommu-strict)
		ktap_expect_eq "$tool stats: one iommu_map per map_page, one iommu_unmap per unmap_page" \
			"$(stats_k iommu_map map_page) $(stats_k iommu_unmap unmap_page)" "$iterations $iterations"
		ktap_expect_eq "$tool stats: iommu_map and iommu_unmap totals - before_run == the text report's, within the run" \
			"$(stats_in_run iommu_map) $(stats_in_run iommu_unmap)" \
			"$(count "$tool" "$dir" iommu:map) $(count "$tool" "$dir" iommu:unmap)" ;;
	esac
	local pair
	if [ "$(jq -r .dma_events.in_kernel "$dir/trace.json" 2>/dev/null)" = true ]; then
		pair=$(dma_pair "$dir")
		ktap_expect_eq "$tool stats: one ${pair% *} per map_page, one ${pair#* } per unmap_page" \
			"$(stats_k "${pair% *}" map_page) $(stats_k "${pair#* }" unmap_page)" \
			"$iterations $iterations"
		ktap_expect_eq "$tool stats: ${pair% *} total - before_run == the text report's, within the run" \
			"$(stats_in_run "${pair% *}")" "$(count "$tool" "$dir" "dma:${pair% *}")"
	else
		ktap_expect_eq "$tool stats: no dma:* in this kernel: every dma_* count absent (null), none 0" \
			"$(jq -r '[.ops[].kernel_events, .kernel_events_total | to_entries[] |
				select(.key | startswith("dma_")) | .value] | unique | map(tostring) | join(" ")' "$js")" \
			"null"
		ktap_expect_eq "$tool stats: dma_map_page and dma_map_phys listed as not in the trace" \
			"$(jq -r '[.kernel_events_not_in_trace[] | select(. == "dma_map_page" or . == "dma_map_phys")] | join(" ")' "$js")" \
			"dma_map_page dma_map_phys"
	fi
	"$stats_tool" "$dir" > "$js.txt" 2>&1
	ktap_expect_eq "$tool stats: the human table exits 0 and names dmabench_map_page" \
		"$? $(grep -c '^  dmabench_map_page ' "$js.txt")" "0 2"
	rm -f "$js" "$js.err" "$js.txt"
}

# stats_checks_list TOOL DIR SCENARIO PROFILE ITERATIONS: a list scenario's
# trace read by the tool: rows map_list and unmap_list, none map_sg or
# unmap_sg; for map_page_list, whose events carry the harness's samples of
# its map and unmap, the figures of stats_check_op; on iommu-strict the
# IOMMU's events per list (run.sh's list_iommu).
stats_checks_list() {
	local tool=$1 dir=$2 scn=$3 profile=$4 iterations=$5 js want
	js=$(mktemp)
	"$stats_tool" --format json "$dir" > "$js" 2> "$js.err"
	ktap_expect_eq "$tool stats $scn: dmabench-trace-stats reads the trace, loses nothing" \
		"$? $(jq -r '"\(.lost_events) \(.discarded_packets)"' "$js")" "0 0 0" "$(cat "$js.err")"
	ktap_expect_eq "$tool stats $scn: rows map_list and unmap_list of iterations each, none map_sg or unmap_sg" \
		"$(jq -r '[.ops[] | select(.op | test("^(un)?map_(list|sg)$")) | "\(.op)=\(.count)"] |
			sort | join(" ")' "$js")" "map_list=$iterations unmap_list=$iterations"
	if [ "$scn" = map_page_list ]; then
		stats_check_op "$tool" "$dir" "$js" dmabench_map_list map "$iterations"
		stats_check_op "$tool" "$dir" "$js" dmabench_unmap_list unmap "$iterations"
	fi
	if [ "$profile" = iommu-strict ]; then
		want=$(list_iommu "$dir" "$scn" "$iterations")
		ktap_expect_eq "$tool stats $scn: iommu_map per map_list, iommu_unmap per unmap_list" \
			"$(stats_k iommu_map map_list) $(stats_k iommu_unmap unmap_list)" "$want"
	fi
	rm -f "$js" "$js.err"
}

# stats_checks_negative PERF_TRACE_DIR
stats_checks_negative() {
	local tmp status
	tmp=$(mktemp -d)
	head -c 4096 /dev/urandom > "$tmp/trace.dat"
	"$stats_tool" "$tmp" > /dev/null 2>&1
	ktap_expect_eq "stats: a trace.dat that is not one: exit 1" "$?" 1
	"$stats_tool" "$tmp/missing" > /dev/null 2>&1
	ktap_expect_eq "stats: a missing path: exit 1" "$?" 1
	mkdir "$tmp/empty"
	"$stats_tool" "$tmp/empty" > /dev/null 2>&1
	ktap_expect_eq "stats: a directory with no trace: exit 1" "$?" 1
	"$stats_tool" > /dev/null 2>&1
	ktap_expect_eq "stats: no argument: exit 2 (usage)" "$?" 2
	"$stats_tool" --format xml "$tmp" > /dev/null 2>&1
	ktap_expect_eq "stats: --format xml: exit 2 (usage)" "$?" 2
	if [ -n "$1" ] && [ -f "$1/perf.data" ]; then
		"$stats_tool" "$1" > /dev/null 2> "$tmp/err"
		status=$?
		ktap_expect_eq "stats: perf.data: exit 1, says to use trace-cmd or lttng" \
			"$status $(grep -c 'use trace-cmd or lttng' "$tmp/err")" "1 1"
	fi
	rm -rf "$tmp"
}

# stats_checks_loss OUT: the small-buffer trace of run-in-guest.sh lost
# events (or not: the reader may keep up). lost_events must be exactly what
# trace-cmd report's "[N EVENTS DROPPED]" markers add up to, with no drop of
# unknown size, and op events read + lost_events can never exceed what the
# run emitted (map + unmap per iteration, + run_start/run_end, which come
# from the ioctl's CPU and may be among the dropped). It can fall short:
# with a 4 KiB buffer trace-cmd may stop without recording the last partial
# page of a CPU, and nothing in the data marks that (`trace-cmd report
# --stat` shows "entries" left in the buffer, a figure that is not zero in
# complete traces either, so neither tool counts it): the shortfall is
# printed in the test's description, not checked.
stats_checks_loss() {
	local dat=$1/small-buffer.dat res=$1/small-buffer.json js n sum dropped
	if [ ! -f "$dat" ]; then
		ktap_not_ok "stats: small-buffer trace recorded" "no $dat"
		return
	fi
	js=$(mktemp)
	"$stats_tool" --format json "$dat" > "$js" 2> /dev/null
	ktap_expect_eq "stats: small-buffer trace: exit 0 even with losses" "$?" 0
	n=$(jq -r .params.iterations "$res")
	sum=$(jq -r '([.ops[].count] | add) + .lost_events' "$js")
	ktap_check "stats: small-buffer trace: op events read + lost_events ($sum, lost $(jq -r .lost_events "$js")) <= $((2 * n)) op events emitted (+2 run events)" \
		test -n "$sum" -a "${sum:-0}" -gt 0 -a "${sum:-0}" -le $((2 * n + 2))
	ktap_expect_eq "stats: small-buffer trace: no drop of unknown size" \
		"$(jq -r .lost_unknown_drops "$js")" 0
	dropped=$(trace-cmd report -i "$dat" 2>/dev/null | grep -o '\[[0-9]* EVENTS DROPPED\]' |
		tr -dc '0-9\n' | awk '{ s += $1 } END { print s + 0 }')
	ktap_expect_eq "stats: small-buffer trace: lost_events == trace-cmd report's EVENTS DROPPED" \
		"$(jq -r .lost_events "$js")" "$dropped"
	rm -f "$js"
}
