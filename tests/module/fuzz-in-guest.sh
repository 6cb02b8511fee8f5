#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The ioctl fuzzer inside a lab guest, KTAP:
#   lab/run PROFILE -- tests/module/fuzz-in-guest.sh [CALLS [SECONDS [SEED]]]
# (defaults: 100000 calls, at most 60 s, a random seed; build on the host
# first: make -C module && make -C tests/module).
# Loads ${DMABENCH_KO:-module/dmabench.ko}, runs build/tests/ioctl_fuzz
# (which checks errnos, the debugfs counters, vmallocinfo, MemFree and
# dmesg after closing), then rmmod and the module's leak report.
set -u
cd "$(dirname "$0")/../.." || exit 2
BIN=build/tests
KO=${DMABENCH_KO:-module/dmabench.ko}	# check-debug: the debug kernel's build
CALLS=${1:-100000}
SECONDS_MAX=${2:-60}
SEED=${3:-0}
. tests/lib/ktap-status.sh
. tests/module/leakcheck.sh	# unload_check

for f in "$KO" "$BIN/ioctl_fuzz"; do
	[ -e "$f" ] || { echo "missing $f: build on the host first" >&2; exit 2; }
done

echo "KTAP version 1"
echo "# fuzz: profile ${DMABENCH_PROFILE:-unset}, kernel $(uname -r), calls $CALLS, seconds $SECONDS_MAX"
insmod "$KO"
ok $? "insmod $KO"

start=$(date +%s)
"$BIN/ioctl_fuzz" --calls "$CALLS" --seconds "$SECONDS_MAX" --seed "$SEED" > /tmp/fuzz.out
st=$?
sed 's/^/    /' /tmp/fuzz.out
# 1: a check failed; anything else (a signal: 128 + n) is a crash
[ $st -le 1 ]
ok $? "ioctl_fuzz did not crash (status $st, $(( $(date +%s) - start )) s)"
[ $st -eq 0 ]
ok $? "ioctl_fuzz: every check passed"

unload_check
echo "1..$n"
exit $fail
