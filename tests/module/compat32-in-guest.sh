#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# 32-bit user space inside a lab guest, KTAP:
#   lab/run PROFILE -- tests/module/compat32-in-guest.sh [FUZZ_CALLS [FUZZ_SECONDS]]
# (defaults: 20000 calls, at most 30 s; build on the host first:
# make -C module && make -C bench && make -C tests/module, which builds
# build/tests/i386/).
# The i386 builds of ioctl_bad_input, smoke (INFO, DEVICE, SCENARIO, RUN
# with results and histograms, VERIFY), alloc (storms, UBUF_ALLOC, mmap,
# VERIFY_UBUF), ioctl_fuzz and the CLI (info, list, run with JSON results,
# mmap, verify: what the 64-bit CLI says, where both must agree) call the
# 64-bit module through its compat_ioctl (compat_ptr_ioctl: the structs go
# through unconverted, which tests/module/check-uapi-layout.sh proves is
# right). Debian's kernels build IA32_EMULATION in, enabled by default:
# nothing on the command line.
set -u
cd "$(dirname "$0")/../.." || exit 2
BIN=build/tests/i386
CLI64=bench/dmabench
OUT=$(mktemp -d /tmp/compat32-XXXXXX)
KO=${DMABENCH_KO:-module/dmabench.ko}
CALLS=${1:-20000}
SECONDS_MAX=${2:-30}
. tests/lib/ktap-status.sh
. tests/module/leakcheck.sh	# a baseline before each step, leak_check after it

for f in "$KO" "$BIN/ioctl_bad_input" "$BIN/smoke" "$BIN/alloc" "$BIN/ioctl_fuzz" \
	"$BIN/dmabench" "$CLI64"; do
	[ -e "$f" ] || { echo "missing $f: build on the host first" >&2; exit 2; }
done
command -v jq > /dev/null || { echo "jq missing" >&2; exit 2; }

echo "KTAP version 1"
echo "# compat32: profile ${DMABENCH_PROFILE:-unset}, kernel $(uname -r) ($(uname -m))"
# ELF class 1 (32-bit), machine 3 (i386): the calls below are compat calls
for f in "$BIN"/ioctl_bad_input "$BIN"/smoke "$BIN"/alloc "$BIN"/ioctl_fuzz "$BIN"/dmabench; do
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
leak_check "after 32-bit alloc" storms

# The 32-bit CLI: every answer it decodes from the module, set against the
# 64-bit CLI's where both must agree (only the measured clock read cost
# may differ).
leak_baseline
CLI32=$BIN/dmabench
same='if type == "object" then del(.clock_read_ns) else . end'	# list: an array
for c in info list; do
	"$CLI32" $c --format json > "$OUT/$c-32.json" 2> "$OUT/$c-32.err" &&
		"$CLI64" $c --format json > "$OUT/$c-64.json" 2> "$OUT/$c-64.err"
	st=$?
	[ $st = 0 ] && jq -S "$same" "$OUT/$c-32.json" > "$OUT/$c-32.cmp" &&
		jq -S "$same" "$OUT/$c-64.json" > "$OUT/$c-64.cmp" &&
		cmp -s "$OUT/$c-32.cmp" "$OUT/$c-64.cmp"
	ok $? "32-bit dmabench $c --format json: as the 64-bit CLI's (status $st; $(head -c 200 "$OUT/$c-32.err"))"
done
"$CLI32" info > "$OUT/info-32.txt" 2>&1
ok $? "32-bit dmabench info ($(grep -c . "$OUT/info-32.txt") lines)"
sed 's/^/# /' "$OUT/info-32.txt"
devs=$(jq -r '[.devices[].name] | join(" ")' "$OUT/info-32.json" 2> /dev/null)
nscen=$(jq -r '.nscenarios' "$OUT/info-32.json" 2> /dev/null)
echo "# 32-bit CLI: devices $devs; $nscen scenarios"
"$CLI32" list > "$OUT/list-32.txt" 2>&1 && "$CLI64" list > "$OUT/list-64.txt" 2>&1 &&
	cmp -s "$OUT/list-32.txt" "$OUT/list-64.txt"
ok $? "32-bit dmabench list: as the 64-bit CLI's ($(grep -c . "$OUT/list-32.txt") lines)"

# RUN with results: the counts are fixed by --iterations, so both CLIs must
# report the same ops with the same counts in each repetition.
run="run map_single --device edu0 --size 4k --iterations 2000 --repeat 2 --format json"
# shellcheck disable=SC2086 # $run is words
"$CLI32" $run --output "$OUT/run-32.json" 2> "$OUT/run-32.err"
ok $? "32-bit dmabench $run ($(head -c 200 "$OUT/run-32.err"))"
counts='[.repetitions[] | .ops | to_entries[] | "\(.key)=\(.value.count)"] | join(" ")'
c32=$(jq -r "$counts" "$OUT/run-32.json" 2> /dev/null)
reps=$(jq -r '.repetitions | length' "$OUT/run-32.json" 2> /dev/null)
min=$(jq -r '[.repetitions[].ops[].count] | min' "$OUT/run-32.json" 2> /dev/null)
p50=$(jq -r '[.repetitions[].ops[].p50_ns] | map(tostring) | join(" ")' "$OUT/run-32.json" 2> /dev/null)
[ "$reps" = 2 ] && [ -n "$min" ] && [ "$min" != null ] && [ "$min" -gt 0 ]
ok $? "32-bit run JSON parses: $reps repetitions, op counts $c32 (p50 ns $p50)"
# shellcheck disable=SC2086
"$CLI64" $run --output "$OUT/run-64.json" 2> "$OUT/run-64.err"
c64=$(jq -r "$counts" "$OUT/run-64.json" 2> /dev/null)
[ -n "$c32" ] && [ "$c32" = "$c64" ]
ok $? "32-bit run: the 64-bit CLI's ops and counts ($c64)"

# UBUF_ALLOC + mmap through the CLI, every variant read back by edu
"$CLI32" mmap --device edu0 --size 256k --format json --output "$OUT/mmap-32.json" 2> "$OUT/mmap-32.err"
ok $? "32-bit dmabench mmap on edu0 ($(head -c 200 "$OUT/mmap-32.err"))"
bad=$(jq -r '[.results[] | select(.status != "ok" and .status != "unavailable") | .variant] | join(",")' "$OUT/mmap-32.json" 2> /dev/null)
verified=$(jq -r '[.results[] | select(.verify.outcome == "match")] | length' "$OUT/mmap-32.json" 2> /dev/null)
[ -z "$bad" ] && [ "${verified:-0}" -ge 5 ]
ok $? "32-bit mmap: $verified variants read back by edu, none failed (${bad:-none})"

# VERIFY: the same outcomes as the 64-bit CLI's (times aside)
"$CLI32" verify > "$OUT/verify-32.txt" 2>&1
st=$?
sed 's/^/    /' "$OUT/verify-32.txt"
[ $st = 0 ] && grep -q '^ok ' "$OUT/verify-32.txt"
ok $? "32-bit dmabench verify (status $st, $(grep -c '^ok ' "$OUT/verify-32.txt") ok)"
"$CLI64" verify > "$OUT/verify-64.txt" 2>&1
sed 's/ ([0-9]* bytes, [0-9]* ms)$//' "$OUT/verify-32.txt" > "$OUT/verify-32.cmp"
sed 's/ ([0-9]* bytes, [0-9]* ms)$//' "$OUT/verify-64.txt" > "$OUT/verify-64.cmp"
cmp -s "$OUT/verify-32.cmp" "$OUT/verify-64.cmp"
ok $? "32-bit verify: the 64-bit CLI's outcomes"
leak_check "after the 32-bit CLI" storms

# the fuzzer checks errnos, counters, vmallocinfo and dmesg itself
"$BIN/ioctl_fuzz" --calls "$CALLS" --seconds "$SECONDS_MAX" > /tmp/compat32.out
st=$?
sed 's/^/    /' /tmp/compat32.out
[ $st -eq 0 ]
ok $? "32-bit ioctl_fuzz: $CALLS calls at most, every check passed (status $st)"

unload_check
rm -rf "$OUT"
echo "1..$n"
exit $fail
