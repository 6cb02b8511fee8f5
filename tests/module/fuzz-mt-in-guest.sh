#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The ioctl fuzzer's multi-threaded mode inside a lab guest, KTAP:
#   lab/run PROFILE -- tests/module/fuzz-mt-in-guest.sh [SECONDS [THREADS]]
# (defaults: 60 s, 4 fuzzing threads; build on the host first:
# make -C module && make -C tests/module).
# THREADS fuzz four shared files while a thread closes and replaces them,
# one opens and closes files of its own, and one unbinds and rebinds the
# second edu device; ioctl_fuzz --threads checks the errnos, that no call
# hangs (a watchdog), that nothing is left held (leakcheck.h) and the
# kernel log; then rmmod and the module's leak report.
set -u
cd "$(dirname "$0")/../.." || exit 2
BIN=build/tests
KO=${DMABENCH_KO:-module/dmabench.ko}
SECONDS_MAX=${1:-60}
THREADS=${2:-4}
. tests/lib/ktap-status.sh
. tests/module/leakcheck.sh	# unload_check
. tests/module/second-edu.sh

for f in "$KO" "$BIN/ioctl_fuzz"; do
	[ -e "$f" ] || { echo "missing $f: build on the host first" >&2; exit 2; }
done

echo "KTAP version 1"
echo "# fuzz-mt: profile ${DMABENCH_PROFILE:-unset}, kernel $(uname -r), $THREADS threads, $SECONDS_MAX s"
insmod "$KO"
ok $? "insmod $KO"

# The device to unbind: the second edu, as reliability-in-guest.sh does.
second_edu
unbind=""
if [ -n "$name" ]; then
	unbind="--unbind $bus,$name"
else
	echo "# no second edu device: no unbinder"
fi

start=$(date +%s)
# Streamed, not kept for later: if a thread hangs in the kernel, what the
# watchdog printed must already be in the log.
# shellcheck disable=SC2086 # $unbind: two words or none
{ "$BIN/ioctl_fuzz" --threads "$THREADS" --seconds "$SECONDS_MAX" $unbind \
	--hang-seconds 120; echo $? > /tmp/fuzz-mt.status; } | sed 's/^/    /'
st=$(cat /tmp/fuzz-mt.status)
# 1: a check failed; anything else (a signal: 128 + n) is a crash
[ "$st" -le 1 ]
ok $? "ioctl_fuzz --threads did not crash (status $st, $(( $(date +%s) - start )) s)"
[ "$st" -eq 0 ]
ok $? "ioctl_fuzz --threads: every check passed"

unload_check
echo "1..$n"
exit $fail
