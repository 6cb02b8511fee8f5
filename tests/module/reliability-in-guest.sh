#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Reliability of the module inside a lab guest, KTAP (every profile):
#   lab/run PROFILE -- tests/module/reliability-in-guest.sh
# Build first on the host: make -C module && make -C tests/module
# - exhaustion: until-ENOMEM storms of every variant with the device's own
#   mask over the guest's whole memory, on 8 threads, UBUF_ALLOC to its
#   limits (build/tests/exhaust); no OOM kill;
# - 8 concurrent clients on one device (build/tests/concurrent);
# - rmmod during a run is refused and the run completes;
# - SIGKILL during a timed run, a storm holding buffers, with user buffers
#   mmapped: the module frees everything, rmmod then works;
# - unbind during a storm holding buffers and while a process has the
#   device's user buffers mmapped (both vias): the unbind frees them and
#   revokes the mappings (SIGBUS on access), rebind, runs work;
# - unbind/rebind in a loop racing 4 threads that mmap, touch, verify,
#   fork, exit, munmap and close user buffers on the device, 2000 mmaps
#   at least, DMABENCH_UNBIND_RACES to change it (build/tests/unbind_race);
# after each: the leak check of leakcheck.sh against the baseline.
set -u
cd "$(dirname "$0")/../.." || exit 2
BIN=build/tests
KO=${DMABENCH_KO:-module/dmabench.ko}
DBG=/sys/kernel/debug/dmabench
DRV=/sys/bus/pci/drivers/dmabench
TMP=$(mktemp -d /tmp/reliability-XXXXXX)
. tests/lib/ktap-status.sh

. tests/module/leakcheck.sh
. tests/module/ops-layer.sh
. tests/module/second-edu.sh

# wait_for COUNTER MIN: until debugfs COUNTER >= MIN (20 s at most).
wait_for() {
	i=0
	while [ "$(cat "$DBG/$1" 2> /dev/null || echo 0)" -lt "$2" ] && [ $i -lt 200 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ $i -lt 200 ]
}

# wait_ready FILE: until FILE says ready (20 s at most).
wait_ready() {
	i=0
	while ! grep -q ready "$1" 2> /dev/null && [ $i -lt 200 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ $i -lt 200 ]
}

t_last=$(date +%s)
took() {	# took WHAT: a diagnostic with the seconds since the last one
	now=$(date +%s)
	echo "# $1 took $((now - t_last)) s"
	t_last=$now
}

killed() {	# killed PID DESCRIPTION: SIGKILL PID, which must die of it
	kill -KILL "$1"
	wait "$1"
	_st=$?
	[ $_st = 137 ]
	ok $? "$2 (status $_st)"
}

for f in "$KO" "$BIN/exhaust" "$BIN/concurrent" "$BIN/holder" "$BIN/smoke" \
	"$BIN/unbind_race"; do
	[ -e "$f" ] || { echo "missing $f: build on the host first" >&2; exit 2; }
done

echo "KTAP version 1"
echo "# reliability: profile ${DMABENCH_PROFILE:-unset}, kernel $(uname -r), $(awk '/^MemTotal/ { print $2 / 1024 " MiB" }' /proc/meminfo)"
insmod "$KO"
ok $? "insmod $KO"
leak_baseline
oom0=$(leak_oom_kills)

# Exhaustion: every variant until ENOMEM, 8 threads, user buffers.
echo "# exhaust"
"$BIN/exhaust" edu0 > "$TMP/exhaust" 2>&1
st=$?
sed 's/^/    /' "$TMP/exhaust"
ok $st "exhaust: until-ENOMEM storms of every variant, 8 threads, UBUF_ALLOC limits on edu0"
[ "$(leak_oom_kills)" = "$oom0" ]
ok $? "no OOM kill during the exhaustion (/proc/vmstat oom_kill, oom_balloon.h's balloons aside)"
dmesg | grep -i -m3 -e 'Out of memory' -e 'oom-kill' | sed 's/^/# /'
leak_check "after exhaust"
took exhaust

# Concurrency: 8 clients at once on edu0.
echo "# concurrent"
"$BIN/concurrent" edu0 2 > "$TMP/concurrent" 2>&1
st=$?
sed 's/^/    /' "$TMP/concurrent"
ok $st "concurrent: 8 clients on edu0, every result complete and consistent"
leak_check "after concurrent"
took concurrent

# rmmod while a run holds buffers: refused (the open file holds the
# module), the run completes with consistent results. Holds are long: a
# fill takes seconds on iommu-strict under TCG.
"$BIN/holder" storm edu0 16 4000 &
pid=$!
wait_for dma_buffers 16
ok $? "a storm holds 16 buffers ($(cat $DBG/dma_buffers))"
rmmod dmabench 2> "$TMP/rmmod.err"
st=$?
kill -0 $pid 2> /dev/null && [ $st -ne 0 ] && [ -c /dev/dmabench ]
ok $? "rmmod during the run is refused, the module stays ($(cat "$TMP/rmmod.err"))"
wait $pid
st=$?
ok $st "the run rmmod tried to interrupt completes, results consistent (status $st)"
leak_check "after rmmod during a run"

# SIGKILL of the harness mid-run: the released file frees everything.
"$BIN/smoke" run map_single direct edu0 30000 &
pid=$!
wait_for buffers 1
sleep 0.5
killed $pid "SIGKILL during a timed map_single run"
leak_check "after SIGKILL during a timed run"

"$BIN/holder" storm edu0 64 10000 &
pid=$!
wait_for dma_buffers 64
ok $? "a storm holds 64 buffers ($(cat $DBG/dma_buffers))"
killed $pid "SIGKILL during the storm"
leak_check "after SIGKILL during a storm holding 64 buffers"

via=ops
ops_refused edu0 && { ok_ops_refusal edu0; via=direct; }
"$BIN/holder" ubuf edu0 $via 16 - > "$TMP/ubuf" &
pid=$!
wait_ready "$TMP/ubuf"
ok $? "16 user buffers of every variant mmapped via $via ($(cat $DBG/dma_buffers) DMA buffers, $(cat $DBG/mappings) mappings)"
killed $pid "SIGKILL with the user buffers mmapped"
leak_check "after SIGKILL with user buffers mmapped"

rmmod dmabench
ok $? "rmmod after the killed runs"
! dmesg | grep -q 'dmabench: leaked'
ok $? "no leak reported at module exit"
insmod "$KO"
ok $? "insmod again"
took "rmmod and kill"

# Unbind mid-run: the second edu device.
second_edu
if [ -n "$name" ]; then
	"$BIN/holder" storm "$name" 32 10000 &
	pid=$!
	wait_for dma_buffers 32
	ok $? "a storm on $name holds 32 buffers"
	echo "$bus" > "$DRV/unbind"
	wait $pid
	st=$?
	[ $st = 19 ]
	ok $? "unbind of $name ($bus) during the storm: ENODEV (status $st)"
	leak_check "after unbind during a storm"
	echo "$bus" > "$DRV/bind"
	# shellcheck disable=SC2320 # echo's status: did sysfs take it
	ok $? "rebind $bus"
	name=$(name_of "$bus")
	"$BIN/smoke" run alloc_coherent direct "$name" 200
	ok $? "a run on rebound $name works"

	for via in direct ops; do
		[ $via = ops ] && ops_refused "$name" && continue
		# One file with all 16 on $name, one with 8 on edu0 and 8 on
		# $name: only what was on $name goes.
		"$BIN/holder" ubuf "$name" $via 16 "$name" > "$TMP/ubuf-$via" &
		pid=$!
		"$BIN/holder" ubuf "edu0,$name" $via 16 "$name" > "$TMP/mixed-$via" &
		pid2=$!
		wait_ready "$TMP/ubuf-$via" && wait_ready "$TMP/mixed-$via"
		ok $? "16 user buffers of $name in one file, 8 of edu0 and 8 of $name in another, mmapped via $via"
		echo "$bus" > "$DRV/unbind"
		# shellcheck disable=SC2320 # echo's status: did sysfs take it
		ok $? "unbind $name with the buffers mmapped"
		held=$(cat $DBG/dma_buffers)
		[ "$held" = 8 ]	# edu0's are variants 0, 2, 4, 6: DMA buffers
		ok $? "the unbind freed the buffers on $name, edu0's 8 stay ($held DMA buffers left)"
		kill -USR1 $pid $pid2
		wait $pid
		st=$?
		ok $st "every page of the mappings on $name revoked: SIGBUS on read and write, no offset maps again (status $st)"
		wait $pid2
		st=$?
		ok $st "in the other file, those on $name revoked and those on edu0 intact ($(tail -n 1 "$TMP/mixed-$via"), status $st)"
		leak_check "after unbind with buffers mmapped via $via"
		echo "$bus" > "$DRV/bind"
		# shellcheck disable=SC2320 # echo's status: did sysfs take it
		ok $? "rebind $bus"
		name=$(name_of "$bus")
		"$BIN/smoke" run map_single $via "$name" 200
		ok $? "a run on rebound $name via $via works"
	done
	took unbind

	# Unbind against mmap, munmap, fork and exit, from several threads:
	# 2,000 races in make check (about 25 s under TCG), more with
	# DMABENCH_UNBIND_RACES (10000: about 2 minutes), within
	# DMABENCH_UNBIND_RACE_SECONDS (240; a debug kernel needs more), with
	# DMABENCH_UNBIND_RACE_MMAPS mmaps per binding (none unless set).
	races=${DMABENCH_UNBIND_RACES:-2000}
	echo "# unbind_race"
	"$BIN/unbind_race" "$bus" "$name" "$races" "${DMABENCH_UNBIND_RACE_SECONDS:-240}" \
		${DMABENCH_UNBIND_RACE_MMAPS:+"$DMABENCH_UNBIND_RACE_MMAPS"} > "$TMP/race" 2>&1
	st=$?
	sed 's/^/    /' "$TMP/race"
	ok $st "unbind_race: $races mmaps on $name raced against its unbind and rebind, no kernel report, nothing left held"
	name=$(name_of "$bus")
	"$BIN/smoke" run map_single direct "$name" 200
	ok $? "a run on $name after the races works"
	took "unbind races"
else
	ok 1 "no second edu device to unbind"
fi

[ "$(leak_oom_kills)" = "$oom0" ]
ok $? "no OOM kill in the whole run"
unload_check
rm -rf "$TMP"
echo "1..$n"
exit $fail
