#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The debug kernel's checkers around a guest command, KTAP:
#   lab/run --kernel debug PROFILE -- tests/debug/in-guest.sh COMMAND [ARG...]
# (tests/debug/run.sh gives it the module-<profile> command of tests/run.)
# COMMAND's KTAP passes through; then, for what happened while it ran:
# - kmemleak: boot-time suspects are cleared first (scan, then clear), and
#   after COMMAND (which unloads dmabench) two scans. An object is reported
#   only once it is unreferenced and older than 5 s. Leaks whose allocation
#   backtrace is in dmabench (or in module space, unnamed once it is
#   unloaded) fail; the kernel's own are listed as diagnostics.
# - DMA-API debugging counted no error (it prints only the first few: the
#   count is in debugfs) and did not switch itself off;
# - dmesg, from COMMAND's start: no KASAN report (KASAN prints the first of
#   a boot), no DMA-API debugging report, no lockdep or sleeping-in-atomic
#   report, no WARNING/BUG/Oops at all. What the kernel reported while it
#   booted, before dmabench was loaded, is listed but not counted; but
#   after a KASAN report while booting the command does not run (exit 75).
# Full dmesg and kmemleak reports go to $DMABENCH_DEBUG_OUT (default
# build/debug/reports/PROFILE).
set -u
cd "$(dirname "$0")/../.." || exit 2
KML=/sys/kernel/debug/kmemleak
DAPI=/sys/kernel/debug/dma-api
OUT=${DMABENCH_DEBUG_OUT:-build/debug/reports/${DMABENCH_PROFILE:-unset}}
[ $# -ge 1 ] || { echo "usage: tests/debug/in-guest.sh COMMAND [ARG...]" >&2; exit 2; }
mkdir -p "$OUT" || exit 2
. tests/lib/ktap-status.sh
diag() { sed 's/^/# /'; }

# The checkers must be there: on Debian's kernel this whole file proves nothing.
kasan=0 dmadebug=0 kmemleak=0
dmesg | grep -q 'KernelAddressSanitizer initialized' && kasan=1
dmesg | grep -q 'DMA-API: preallocated' && dmadebug=1
[ -w "$KML" ] && kmemleak=1
# Print the first 20 DMA-API errors, not only the first one of the boot.
# Each is a WARN with a backtrace: many more and the kernel log wraps, losing
# lines the suites read back from dmesg (the "bound as" of each device).
[ -w "$DAPI/num_errors" ] && echo 20 > "$DAPI/num_errors"
if [ -w "$KML" ]; then
	echo scan > "$KML"
	cat "$KML" > "$OUT/kmemleak-boot.txt"
	echo clear > "$KML"
fi

# Where the boot ends in dmesg: what the kernel reported before COMMAND ran
# (before dmabench was loaded) is listed, not counted.
boot_end=$(dmesg | tail -n 1 | sed -nE 's/^\[ *([0-9]+\.[0-9]+)\].*/\1/p')

# KASAN prints the first report of a boot only: one made while booting
# (TCG's early-interrupt report, about one boot in 20) leaves it blind to
# the command's, and a pass would claim what KASAN never checked. Such a
# boot runs nothing and exits 75 (EX_TEMPFAIL): tests/debug/run.sh boots
# again.
if [ $kasan = 1 ] && dmesg | grep -q 'BUG: KASAN'; then
	dmesg > "$OUT/dmesg-blind-boot.txt"
	echo "# KASAN reported while booting, before dmabench was loaded:"
	dmesg | grep -A12 'BUG: KASAN' | head -n 30 | diag
	echo "# so it is blind for the rest of this boot: the command did not run"
	exit 75
fi

"$@"
status=$?

echo "KTAP version 1"
echo "# debug checks: profile ${DMABENCH_PROFILE:-unset}, kernel $(uname -r), command status $status"
ok $((1 - kasan)) "KASAN is active"
ok $((1 - dmadebug)) "DMA-API debugging is active"
boot=$(grep -c 'unreferenced object' "$OUT/kmemleak-boot.txt" 2>/dev/null)
ok $((1 - kmemleak)) "kmemleak is active (${boot:-0} boot-time suspects cleared)"

if [ $dmadebug = 1 ]; then
	errors=$(cat "$DAPI/error_count")
	ok "$((errors != 0))" "DMA-API debugging: error_count is 0 (got $errors)"
	off=$(cat "$DAPI/disabled")
	[ "$off" = N ]
	ok $? "DMA-API debugging stayed on (disabled=$off; entries: $(cat "$DAPI/min_free_entries") of $(cat "$DAPI/nr_total_entries") free at the lowest)"
fi

if [ $kmemleak = 1 ]; then
	sleep 6		# kmemleak ignores objects younger than 5 s
	echo scan > "$KML"
	echo scan > "$KML"
	cat "$KML" > "$OUT/kmemleak.txt"
	# One record per "unreferenced object"; dmabench's name its functions,
	# or carry bare module-space addresses (0xffffffffc...) once unloaded.
	rm -f /tmp/kml-ours /tmp/kml-kernel
	awk -v RS='unreferenced object' 'NR > 1 { print RS $0 > (/dmabench|\] 0xffffffffc/ ? "/tmp/kml-ours" : "/tmp/kml-kernel") }' \
		"$OUT/kmemleak.txt"
	ours=$(grep -c 'unreferenced object' /tmp/kml-ours 2>/dev/null)
	theirs=$(grep -c 'unreferenced object' /tmp/kml-kernel 2>/dev/null)
	ok "${ours:-0}" "kmemleak: no leak from dmabench (got ${ours:-0})"
	[ -s /tmp/kml-ours ] && head -n 80 /tmp/kml-ours | diag
	if [ -s /tmp/kml-kernel ]; then
		echo "# kmemleak: ${theirs:-0} suspects outside dmabench (not counted):"
		head -n 40 /tmp/kml-kernel | diag
	fi
fi

dmesg > "$OUT/dmesg.txt"
# Split at boot_end.
awk -v t="${boot_end:-0}" -v before="$OUT/dmesg-boot.txt" -f tests/lib/dmesg-after.awk \
	"$OUT/dmesg.txt" > "$OUT/dmesg-run.txt"
run_log=$OUT/dmesg-run.txt
check() {	# check DESCRIPTION EXTENDED-REGEX [EXCLUDE-REGEX]: in $run_log
	local hits boot
	hits=$(grep -E "$2" "$run_log" | grep -vE "${3:-^\$}")
	[ -z "$hits" ]
	ok $? "dmesg: $1"
	[ -z "$hits" ] || grep -vE "${3:-^\$}" "$run_log" | grep -E -A12 "$2" | head -n 60 | diag
	boot=$(grep -E "$2" "$OUT/dmesg-boot.txt" | grep -vE "${3:-^\$}")
	[ -z "$boot" ] && return
	echo "# in the kernel's boot, before COMMAND and dmabench (not counted):"
	grep -vE "${3:-^\$}" "$OUT/dmesg-boot.txt" | grep -E -A12 "$2" | head -n 30 | diag
}
check "no KASAN report" 'BUG: KASAN|KASAN:'  'KernelAddressSanitizer initialized'
check "no DMA-API debugging report" 'DMA-API:' 'DMA-API: (preallocated|debugging enabled)'
# The kinds of DMA-API report among those printed, addresses and sizes elided.
grep 'DMA-API: ' "$OUT/dmesg-run.txt" | grep -vE 'preallocated|debugging enabled|Mapped at' |
	sed -E 's/^\[[ 0-9.]*\] //; s/0x[0-9a-f]+/X/g; s/=[0-9]+/=N/g' | sort | uniq -c | diag
check "no lockdep or sleeping-in-atomic report" \
	'possible (circular|recursive) locking|inconsistent lock state|suspicious RCU usage|sleeping function called from invalid context|scheduling while atomic|lock held when returning'
# An OOM kill is the command's to judge (leak_oom_kills); its report's
# backtrace is not a bug.
run_log=$OUT/dmesg-run-without-oom.txt
awk -f lab/dmesg-without-oom.awk "$OUT/dmesg-run.txt" > "$run_log"
check "no WARNING/BUG/Oops (OOM reports aside)" 'WARNING:|BUG:|Oops|general protection fault|Call Trace:'
echo "# dmesg and kmemleak reports: $OUT"
echo "1..$n"
[ "$status" = 0 ] && [ $fail = 0 ]
