#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Module tests inside a lab guest: lab/run PROFILE -- tests/module/run-in-guest.sh
# Build first on the host: make -C module && make -C tests/module
# Loads module/dmabench.ko, runs the bad-input and smoke programs (KTAP),
# checks tracing on both vias, a signal and an unbind during a run, the
# debugfs counters before rmmod, and that the kernel logged no WARN/BUG.
set -u
cd "$(dirname "$0")/../.." || exit 2
BIN=build/tests
KO=${DMABENCH_KO:-module/dmabench.ko}	# check-debug: the debug kernel's build
TRACE=/sys/kernel/tracing
. tests/lib/ktap-status.sh

. tests/module/leakcheck.sh	# a baseline before each step, leak_check after it
. tests/module/ops-layer.sh

for f in "$KO" "$BIN/ioctl_bad_input" "$BIN/smoke" "$BIN/alloc"; do
	[ -e "$f" ] || { echo "missing $f: build on the host first" >&2; exit 2; }
done

echo "KTAP version 1"
echo "# profile ${DMABENCH_PROFILE:-unset}, kernel $(uname -r)"
insmod "$KO"
ok $? "insmod $KO"
[ -c /dev/dmabench ]
ok $? "/dev/dmabench exists"
[ "$(stat -c %a /dev/dmabench)" = 600 ]
ok $? "/dev/dmabench is mode 0600"

leak_baseline
echo "# ioctl_bad_input"
"$BIN/ioctl_bad_input" | sed 's/^/    /'
ok $? "ioctl_bad_input"
leak_check "after ioctl_bad_input"

leak_baseline
echo "# smoke"
"$BIN/smoke" edu0 | sed 's/^/    /'
ok $? "smoke on edu0"
"$BIN/smoke" fake0 > /tmp/smoke-fake0.txt
st=$?
# the fake device is never behind an IOMMU: only the scenarios must pass
grep '^not ok' /tmp/smoke-fake0.txt | grep -v -e 'path of' -e 'verify' | sed 's/^/    /'
! grep '^not ok' /tmp/smoke-fake0.txt | grep -q -v -e 'path of' -e 'verify'
ok $? "smoke scenarios on fake0 (status $st; path and verify are edu-only)"
leak_check "after smoke"

# Allocation pairs, storms (cleanup checked against vmallocinfo, MemFree and
# the debugfs counters), vmalloc bytes per buffer, mmap with an edu check.
leak_baseline
echo "# alloc"
"$BIN/alloc" edu0 | sed 's/^/    /'
ok $? "alloc: pairs, storms, vmalloc, mmap on edu0"
# ~50 storms on both vias keep more of MemFree on per-CPU lists and in
# caches than one test does: the storms tolerance of lib/mem_sample.h.
leak_check "after alloc" storms

# Trace events on both paths: the scenario emits them for --via direct,
# the ops child for --via ops.
if ops_refused edu0; then
	ok_ops_refusal edu0
elif [ -d "$TRACE/events/dmabench" ]; then
	echo > "$TRACE/trace"
	echo 1 > "$TRACE/events/dmabench/enable"
	"$BIN/smoke" run map_single direct edu0 20 && "$BIN/smoke" run map_single ops edu0 20
	ok $? "traced runs"
	echo 0 > "$TRACE/events/dmabench/enable"
	bus=$(basename "$(readlink -f /sys/bus/pci/drivers/dmabench/*:*/ 2>/dev/null | head -1)")
	grep -q "dmabench_map_page: device=dmabench-ops-edu0 op=map_page" "$TRACE/trace"
	ok $? "map_page events from the ops child"
	grep "dmabench_unmap_page: device=" "$TRACE/trace" | grep -v dmabench-ops | grep -q "latency_ns=[1-9]"
	ok $? "unmap_page events with latency from --via direct ($bus)"
	grep -q "dmabench_run_start: scenario=map_single device=edu0 via=ops" "$TRACE/trace"
	ok $? "run_start event"
	grep -q "dmabench_run_end: scenario=map_single device=edu0 via=ops" "$TRACE/trace"
	ok $? "run_end event"
	grep -m2 -e "dmabench_map_page:" -e "dmabench_run_end:" "$TRACE/trace" | sed 's/^/# /'
	echo > "$TRACE/trace"
else
	ok 1 "tracefs not mounted"
fi

# A signal stops a run: -EINTR, everything freed.
leak_baseline
"$BIN/smoke" run rx direct edu0 20000 &
pid=$!
sleep 2
kill -USR1 $pid
wait $pid
st=$?
[ $st -eq 4 ]
ok $? "SIGUSR1 during a run returns EINTR (got $st)"
leak_check "after a signal mid-run"

# Unbinding a device mid-run stops the run (-ENODEV) and later runs on it fail.
edu1=$(for d in /sys/bus/pci/drivers/dmabench/0000:*; do echo "${d##*/}"; done | sort | tail -1)
if [ -n "$edu1" ] && [ -e "/sys/bus/pci/drivers/dmabench/$edu1" ]; then
	name=$(dmesg | sed -n "s/.*dmabench $edu1: bound as \(.*\)/\1/p" | tail -1)
	leak_baseline
	"$BIN/smoke" run map_page "$(ops_via "$name")" "$name" 20000 &
	pid=$!
	sleep 2
	echo "$edu1" > /sys/bus/pci/drivers/dmabench/unbind
	wait $pid
	st=$?
	[ $st -eq 19 ]
	ok $? "unbind of $name ($edu1) mid-run returns ENODEV (got $st)"
	"$BIN/smoke" run map_single direct "$name" 10
	st=$?
	[ $st -eq 19 ]
	ok $? "a run on unbound $name returns ENODEV (got $st)"
	echo "$edu1" > /sys/bus/pci/drivers/dmabench/bind
	# shellcheck disable=SC2320 # echo's status: did sysfs take it
	ok $? "rebind $edu1"
	leak_check "after unbind mid-run"
else
	ok 1 "no second PCI device to unbind"
fi

unload_check
echo "1..$n"
exit $fail
