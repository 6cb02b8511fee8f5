#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The unbind races alone inside a lab guest, KTAP (every profile):
#   lab/run PROFILE -- tests/module/unbind-race-in-guest.sh [RACES [SECONDS]]
# (defaults: 10,000 mmaps within 900 s, or DMABENCH_UNBIND_RACES and
# DMABENCH_UNBIND_RACE_SECONDS; DMABENCH_UNBIND_RACE_MMAPS, the mean mmaps
# per binding, none unless set (unbind_race); build on the host first: make -C
# module && make -C tests/module).
# The reliability suite runs 2,000 of these races among its other checks;
# this runs the full count on its own boot, so that every profile of every
# kernel, and the debug kernel, can be given it (make check-races).
# unbind_race checks the errnos, the kernel log and that nothing is left
# held; then a run on the rebound device, rmmod and the module's leak report.
set -u
cd "$(dirname "$0")/../.." || exit 2
BIN=build/tests
KO=${DMABENCH_KO:-module/dmabench.ko}
RACES=${1:-${DMABENCH_UNBIND_RACES:-10000}}
SECONDS_MAX=${2:-${DMABENCH_UNBIND_RACE_SECONDS:-900}}
. tests/lib/ktap-status.sh
. tests/module/leakcheck.sh	# unload_check
. tests/module/second-edu.sh

for f in "$KO" "$BIN/unbind_race" "$BIN/smoke"; do
	[ -e "$f" ] || { echo "missing $f: build on the host first" >&2; exit 2; }
done

echo "KTAP version 1"
echo "# unbind races: profile ${DMABENCH_PROFILE:-unset}, kernel $(uname -r), $RACES races, $SECONDS_MAX s at most"
insmod "$KO"
ok $? "insmod $KO"
second_edu
[ -n "$name" ]
ok $? "a second edu device to unbind (${bus:-none} ${name:-})"
if [ -n "$name" ]; then
	start=$(date +%s)
	# Streamed: if the kernel hangs, what unbind_race printed is in the log.
	{ "$BIN/unbind_race" "$bus" "$name" "$RACES" "$SECONDS_MAX" \
		${DMABENCH_UNBIND_RACE_MMAPS:+"$DMABENCH_UNBIND_RACE_MMAPS"} 2>&1
		echo $? > /tmp/unbind-race.status; } | sed 's/^/    /'
	st=$(cat /tmp/unbind-race.status)
	[ "$st" = 0 ]
	ok $? "unbind_race: $RACES mmaps on $name raced against its unbind and rebind, no kernel report, nothing left held (status $st, $(( $(date +%s) - start )) s)"
	second_edu
	"$BIN/smoke" run map_single direct "$name" 200
	ok $? "a run on $name after the races works"
fi
unload_check
echo "1..$n"
exit $fail
