# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Leak check after each test, sourced by the guest scripts (the C twin is
# leakcheck.h; same sources, same rules):
#   leak_baseline            record the baseline
#   leak_check DESCRIPTION [MEMFREE_TOL_KB]
#                            one KTAP line (through the script's ok()):
#     dmabench's debugfs counters all 0, DMA-API vmalloc areas
#     (/proc/vmallocinfo, callers dma_*, iommu_*, [dmabench]) exactly as at
#     the baseline, swiotlb slots in use exactly as at the baseline, no OOM
#     kill since, and MemFree not lower than the baseline by more than
#     LEAK_MEMFREE_TOL_KB: MemFree cannot be exact, pages stay on the per-CPU
#     free lists and in the IOMMU's page tables and IOVA caches after a
#     storm (up to 26.6 MiB seen on iommu-strict); the exact checks above catch
#     real leaks, MemFree catches gross ones.
# A file released by a killed process is freed before the parent's wait
# returns; leak_check still retries for up to 3 s before it says no.
LEAK_DBG=/sys/kernel/debug/dmabench
LEAK_MEMFREE_TOL_KB=40960	# as MEMFREE_TOL_BYTES in dmabench_sys.h

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

leak_sample() {	# prints: counters_sum dma_vmalloc_bytes memfree_kb swiotlb_used oom_kills
	_lk_c=0
	for _lk_f in buffers mappings kernel_mappings dma_buffers vmaps; do
		_lk_v=$(cat "$LEAK_DBG/$_lk_f" 2> /dev/null || echo 1000000)
		_lk_c=$((_lk_c + (_lk_v < 0 ? -_lk_v : _lk_v)))
	done
	_lk_dma=$(awk '$0 ~ / unpurged| vm_map_ram/ { next }
		$3 ~ /^(dma_|iommu_)/ || /\[dmabench\]/ { s += $2 } END { print s + 0 }' /proc/vmallocinfo)
	_lk_mem=$(awk '/^MemFree:/ { print $2 }' /proc/meminfo)
	_lk_used=$(cat /sys/kernel/debug/swiotlb/io_tlb_used 2> /dev/null || echo -1)
	echo "$_lk_c ${_lk_dma:-0} ${_lk_mem:-0} $_lk_used $(leak_oom_kills)"
}

leak_baseline() {
	LEAK_BASE=$(leak_sample)
}

leak_check() {	# leak_check DESCRIPTION [MEMFREE_TOL_KB]
	_lk_tol=${2:-$LEAK_MEMFREE_TOL_KB}
	_lk_tries=0
	while :; do
		_lk_now=$(leak_sample)
		# shellcheck disable=SC2086
		set -- "$1" $LEAK_BASE $_lk_now
		# $2..$6 baseline, $7..$11 now
		_lk_st=1
		[ "$7" = 0 ] && [ "$8" = "$3" ] && [ $(($4 - $9)) -lt "$_lk_tol" ] &&
			[ "${10}" = "$5" ] && [ "${11}" = "$6" ] && _lk_st=0
		[ $_lk_st = 0 ] || [ $_lk_tries -ge 30 ] && break
		_lk_tries=$((_lk_tries + 1))
		sleep 0.1
	done
	ok "$_lk_st" "$1: no leak (counters sum $7, dma vmalloc $3 -> $8 bytes, MemFree change $(($9 - $4)) kB (tolerance -$_lk_tol), swiotlb used $5 -> ${10}, oom kills $6 -> ${11})"
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
	leak_dmesg | awk -f lab/dmesg-without-oom.awk > /tmp/dmabench-dmesg-checked
	! grep -qE "$_lk_re" /tmp/dmabench-dmesg-checked
	ok $? "dmesg has no WARNING/BUG/Oops/backtrace since the script began (OOM reports aside)"
	grep -E "$_lk_re" -B2 -A12 /tmp/dmabench-dmesg-checked | head -60 | sed 's/^/# /'
}
