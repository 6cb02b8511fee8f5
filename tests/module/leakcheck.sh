# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Leak check after each test, sourced by the guest scripts. The rule and
# its tolerances are the C one (leakcheck.h, lib/mem_sample.h), run by the
# leakcheck program:
#   leak_baseline            record the baseline
#   leak_check DESCRIPTION [storms]
#                            one KTAP line (through the script's ok()):
#     dmabench's debugfs counters all 0, DMA-API vmalloc bytes and areas and
#     swiotlb slots in use exactly as at the baseline, no OOM kill since,
#     and MemFree not lower than the baseline by more than the tolerance
#     (net of the IOMMU's page tables); "storms" after a program of many
#     storms. It retries for up to 3 s: a file released by a killed process
#     is freed before the parent's wait returns, lazy vunmap lags.
# Its files (the baseline, the checked dmesg) live in a mktemp directory
# that an EXIT trap removes; a script that sets an EXIT trap of its own
# calls leak_cleanup from it.
LEAK_DBG=/sys/kernel/debug/dmabench
LEAK_TMP=$(mktemp -d /tmp/dmabench-leak.XXXXXX)
LEAK_BASE_FILE=$LEAK_TMP/baseline
LEAK_BIN=build/tests/leakcheck	# 64-bit, also beside the i386 programs

leak_cleanup() {
	rm -rf "$LEAK_TMP"
}
trap leak_cleanup EXIT

# leak_dmesg: the kernel log since this file was sourced (what the kernel
# reported while it booted is not the test's; see dmesg-after.awk).
LEAK_DMESG_T0=$(dmesg | sed -n '$s/^\[ *\([0-9]*\.[0-9]*\)\].*/\1/p')
leak_dmesg() {
	dmesg | awk -v t="${LEAK_DMESG_T0:-0}" -f tests/lib/dmesg-after.awk
}

# OOM kills since boot, but of the balloons of oom_balloon.h (exhaust's
# storms), which list each kill in its OOM_BALLOON_KILLS file.
leak_oom_kills() {
	_lk_oom=$(awk '$1 == "oom_kill" { print $2 }' /proc/vmstat)
	# shellcheck disable=SC2002 # cat: a missing file counts as no line
	echo $((${_lk_oom:-0} - $(cat /tmp/dmabench-oom-balloon-kills 2> /dev/null | wc -l)))
}

leak_baseline() {
	"$LEAK_BIN" baseline "$LEAK_BASE_FILE"
}

leak_check() {	# leak_check DESCRIPTION [storms]
	_lk_out=$("$LEAK_BIN" check "$LEAK_BASE_FILE" ${2:+"$2"})
	ok $? "$1: no leak ($_lk_out)"
}

# The end of a guest script: counters 0, rmmod, no leak reported by the
# module's exit, no kernel WARNING/BUG/Oops/backtrace logged since the
# script began (shown if any), but in the OOM killer's reports: the OOM
# kills are checked on their own.
unload_check() {
	for _lk_f in buffers mappings kernel_mappings dma_buffers vmaps; do
		_lk_v=$(cat "$LEAK_DBG/$_lk_f")
		[ "$_lk_v" = 0 ]
		ok $? "debugfs $_lk_f is 0 before rmmod (got $_lk_v)"
	done
	rmmod dmabench
	ok $? "rmmod dmabench"
	! leak_dmesg | grep -q 'dmabench: leaked'
	ok $? "no leak reported at module exit"
	_lk_re='WARNING:|BUG:|Oops|Call Trace|general protection'
	leak_dmesg | awk -f lab/dmesg-without-oom.awk > "$LEAK_TMP/dmesg"
	! grep -qE "$_lk_re" "$LEAK_TMP/dmesg"
	ok $? "dmesg has no WARNING/BUG/Oops/backtrace since the script began (OOM reports aside)"
	grep -E "$_lk_re" -B2 -A12 "$LEAK_TMP/dmesg" | head -60 | sed 's/^/# /'
}
