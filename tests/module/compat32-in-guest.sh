#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# 32-bit user space inside a lab guest, KTAP:
#   lab/run PROFILE -- tests/module/compat32-in-guest.sh [FUZZ_CALLS [FUZZ_SECONDS]]
# (defaults: 20000 calls, at most 30 s; build on the host first:
# make -C module && make -C tests/module, which builds build/tests/i386/).
# The i386 builds of ioctl_bad_input, smoke (INFO, DEVICE, SCENARIO, RUN
# with results and histograms, VERIFY), alloc (storms, UBUF_ALLOC, mmap,
# VERIFY_UBUF) and ioctl_fuzz call the 64-bit module through its
# compat_ioctl (compat_ptr_ioctl: the structs go through unconverted, which
# tests/module/check-uapi-layout.sh proves is right). Debian's kernels build
# IA32_EMULATION in, enabled by default: nothing on the command line.
set -u
cd "$(dirname "$0")/../.." || exit 2
BIN=build/tests/i386
KO=${DMABENCH_KO:-module/dmabench.ko}
CALLS=${1:-20000}
SECONDS_MAX=${2:-30}
. tests/lib/ktap-status.sh
. tests/module/leakcheck.sh	# a baseline before each step, leak_check after it

for f in "$KO" "$BIN/ioctl_bad_input" "$BIN/smoke" "$BIN/alloc" "$BIN/ioctl_fuzz"; do
	[ -e "$f" ] || { echo "missing $f: build on the host first" >&2; exit 2; }
done

echo "KTAP version 1"
echo "# compat32: profile ${DMABENCH_PROFILE:-unset}, kernel $(uname -r) ($(uname -m))"
# ELF class 1 (32-bit), machine 3 (i386): the calls below are compat calls
for f in "$BIN"/ioctl_bad_input "$BIN"/smoke "$BIN"/alloc "$BIN"/ioctl_fuzz; do
	class=$(od -An -tu1 -j4 -N1 "$f" | tr -d ' ')
	machine=$(od -An -tu2 -j18 -N2 "$f" | tr -d ' ')
	[ "$class" = 1 ] && [ "$machine" = 3 ]
	ok $? "$f is an i386 program (ELF class $class, machine $machine)"
done
insmod "$KO"
ok $? "insmod $KO"

# walk_ktap NAME CMD...: CMD's KTAP indented; ok when it exits 0 having
# passed at least one case
walk_ktap() {
	_name=$1
	shift
	"$@" > /tmp/compat32.out
	_st=$?
	sed 's/^/    /' /tmp/compat32.out
	_p=$(grep -c '^ok ' /tmp/compat32.out)
	[ $_st = 0 ] && [ "$_p" -gt 0 ]
	ok $? "32-bit $_name (status $_st, $_p cases passed)"
}

leak_baseline
walk_ktap ioctl_bad_input "$BIN/ioctl_bad_input"
leak_check "after 32-bit ioctl_bad_input"

leak_baseline
walk_ktap "smoke on edu0" "$BIN/smoke" edu0
leak_check "after 32-bit smoke"

# ~50 storms: MemFree tolerance as in run-in-guest.sh
leak_baseline
walk_ktap "alloc on edu0" "$BIN/alloc" edu0
leak_check "after 32-bit alloc" 49152

# the fuzzer checks errnos, counters, vmallocinfo and dmesg itself
"$BIN/ioctl_fuzz" --calls "$CALLS" --seconds "$SECONDS_MAX" > /tmp/compat32.out
st=$?
sed 's/^/    /' /tmp/compat32.out
[ $st -eq 0 ]
ok $? "32-bit ioctl_fuzz: $CALLS calls at most, every check passed (status $st)"

unload_check
echo "1..$n"
exit $fail
