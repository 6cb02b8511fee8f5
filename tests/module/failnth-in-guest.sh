#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# fail-nth walks inside a lab guest, KTAP (a kernel with fault injection:
# the debug kernel, scripts/build-debug-kernel):
#   lab/run PROFILE -- tests/module/failnth-in-guest.sh [DEVICE]
# (make check-debug runs it on the debug kernel as tests/run's failnth-PROFILE
# suites; build on the host first: make -C module && make -C tests/module).
# build/tests/failnth walks every ioctl, open and mmap of DEVICE (edu0)
# through /proc/thread-self/fail-nth, and counts the failure points per
# entry point; then the debugfs counters, rmmod and the kernel log as every
# guest script. On a kernel without CONFIG_FAULT_INJECTION (Debian's) the
# walks are a KTAP SKIP: the module is not even loaded.
# DMABENCH_FAILNTH_BUDGET_S (lab/run passes DMABENCH_* into the guest) sets
# failnth's time budget: on a loaded host 600 s leave requests unwalked
# (each a SKIP that says so); give tests/debug/run.sh a DEBUG_TIMEOUT to match.
set -u
[ -n "${DMABENCH_FAILNTH_BUDGET_S:-}" ] && export FAILNTH_BUDGET_S="$DMABENCH_FAILNTH_BUDGET_S"
cd "$(dirname "$0")/../.." || exit 2
BIN=build/tests
KO=${DMABENCH_KO:-module/dmabench.ko}
DEVICE=${1:-edu0}
. tests/lib/ktap-status.sh

for f in "$KO" "$BIN/failnth"; do
	[ -e "$f" ] || { echo "missing $f: build on the host first" >&2; exit 2; }
done

echo "KTAP version 1"
echo "# failnth: profile ${DMABENCH_PROFILE:-unset}, kernel $(uname -r)"
if [ ! -e /proc/thread-self/fail-nth ]; then
	ok 0 "fail-nth walks # SKIP no /proc/thread-self/fail-nth: $(uname -r) has no CONFIG_FAULT_INJECTION (the debug kernel has: make check-debug)"
	echo "1..$n"
	exit 0
fi
. tests/module/leakcheck.sh
insmod "$KO"
ok $? "insmod $KO"
start=$(date +%s)
echo "# failnth $DEVICE"
"$BIN/failnth" "$DEVICE" > /tmp/failnth.out 2>&1
st=$?
sed 's/^/    /' /tmp/failnth.out
ok $st "fail-nth walks of every entry point on $DEVICE ($(($(date +%s) - start)) s)"
grep '^# failnth ' /tmp/failnth.out
unload_check
echo "1..$n"
exit $fail
