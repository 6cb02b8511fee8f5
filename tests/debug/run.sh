#!/usr/bin/env bash
# make check-debug: tests/run's guest suites on the debug guest kernel
# (DMA-API debugging, KASAN, kmemleak, lockdep), KTAP like tests/run.
# usage: tests/debug/run.sh [--kernel NAME] [SUITE...]
#   --kernel NAME: the debug build of lab kernel NAME (lab/run --list-kernels;
#   default the lab's default, 6.1): scripts/build-debug-kernel --kernel NAME,
#   booted as lab/run --kernel debug-NAME, dmabench.ko built against it with
#   that kernel's compiler (7.x: gcc-14, in its build root)
#   SUITE: a tests/run suite that is one guest boot (its command starts with
#   `lab/run `: module-<profile>, failnth-<profile> (the fail-nth walks),
#   races-<profile> (the unbind races), and whatever is added there later);
#   default: all of them but the races (tests/debug/run.sh --list)
# - builds the debug kernel (cached: scripts/build-debug-kernel) and
#   dmabench.ko against it in build/debug/src (module/dmabench.ko, everyone
#   else's, is left alone);
# - runs each suite's command from `tests/run --command` with lab/run told to
#   boot the debug kernel (--kernel debug, a longer --timeout; --memory unless
#   the suite sets its own) and its guest command wrapped in
#   tests/debug/in-guest.sh, which adds the kmemleak scan and the dmesg checks.
#   KASAN prints its first report only (no kasan_multi_shot: a report in an
#   interrupt handler early in boot then repeats forever and the guest never
#   gets to /init); one report fails the run anyway, and one while booting,
#   which blinds KASAN for the command, makes the guest boot again.
# env: DEBUG_TIMEOUT seconds per guest (default 1200: a guest takes ~5 min
# with KASAN under TCG; the races 2700), DEBUG_MEMORY MiB per guest
# (default 2048).
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
timeout=${DEBUG_TIMEOUT:-1200}
memory=${DEBUG_MEMORY:-2048}
default=$(LAB_KERNEL="" lab/kernel-info --default)
kernel=$default
if [ "${1:-}" = --kernel ]; then
	[ $# -ge 2 ] || { echo "usage: tests/debug/run.sh [--kernel NAME] [SUITE...]" >&2; exit 2; }
	kernel=$2
	shift 2
	lab/kernel-info --list | grep -qxF -- "$kernel" ||
		{ echo "tests/debug/run.sh: no lab kernel '$kernel' (lab/run --list-kernels)" >&2; exit 2; }
fi
# The default kernel's debug build keeps the names it always had; another
# one's reports and module build get the kernel's name, as tests/run's
# SUITE@KERNEL.
if [ "$kernel" = "$default" ]; then
	lab_kernel=debug link=build/debug-kernel src=build/debug/src at=""
else
	lab_kernel=debug-$kernel link=build/debug-kernel-$kernel src=build/debug/src-$kernel at=@$kernel
fi

# The guest suites: one lab/run each; and the fail-nth walks, run only
# when named elsewhere (Debian's kernels have no fault injection).
all=$(for s in $(tests/run --list) $(tests/run --list-named | grep -E '^(failnth|races)-[^@]+$'); do
	tests/run --command "$s" | grep -q '^lab/run ' && echo "$s"
done)
if [ "${1:-}" = --list ]; then
	echo "$all"
	exit 0
fi
# The unbind races only when named: under KASAN and lockdep on TCG an
# unbind/rebind takes about a second. Bound for a few milliseconds, as on
# Debian's kernels, the device met about one mmap per binding (1,371 in
# 900 s); so here the unbinder waits for about 32 mmaps on each binding
# (DMABENCH_UNBIND_RACE_MMAPS). 10,000 races then took 1,090-1,130 s with
# two such guests on two cores, beyond the 900 s unbind-race-in-guest.sh
# allows them and the guest's 1,200 s: the races suites get 2,400 s and
# their guest 2,700 s (below), unless DMABENCH_UNBIND_RACE_SECONDS and
# DEBUG_TIMEOUT say.
export DMABENCH_UNBIND_RACE_MMAPS=${DMABENCH_UNBIND_RACE_MMAPS:-32}
# shellcheck disable=SC2046 # one word per suite
[ $# -gt 0 ] || set -- $(grep -v '^races-' <<< "$all")
for s in "$@"; do
	grep -qx -- "$s" <<< "$all" || { echo "tests/debug/run.sh: no such guest suite: $s (--list)" >&2; exit 2; }
done
profiles=$(lab/run --list | awk '{print $1}')

scripts/build-debug-kernel --kernel "$kernel" || exit 1
kdir=$(readlink -f "$link")

# dmabench.ko for the debug kernel. Linux 6.1 builds M= in the source
# directory: build a copy of the sources, as lab/build-module does for the
# lab's kernels (incremental), with the compiler the kernel was built with:
# in its build root when the host lacks it (the tree's host programs,
# modpost included, are linked against that root's libc too).
build=()
cc=$(lab/kernel-info "$kernel" cc) || exit 1
if ! command -v "$cc" > /dev/null; then
	buildroot=$(lab/kernel-info "$kernel" buildroot) || exit 1
	[ -n "$buildroot" ] || { echo "tests/debug/run.sh: $kernel needs $cc, which the host lacks" >&2; exit 1; }
	build=(lab/buildroot-run --bind "$kdir" "$buildroot")
fi
# shellcheck source=lab/lib.sh
. lab/lib.sh
lab_copy_module_source "$src" || exit 1
buildlog=build/debug/module-build${at}.log
${build[@]+"${build[@]}"} make -s -C "$src/module" KDIR="$kdir" > "$buildlog" 2>&1 ||
	{ cat "$buildlog" >&2; echo "tests/debug/run.sh: building dmabench.ko failed" >&2; exit 1; }
ko=$src/module/dmabench.ko
release=$(cat "$kdir/include/config/kernel.release")
vermagic=$(modinfo -F vermagic "$ko")
[ "${vermagic%% *}" = "$release" ] ||
	{ echo "tests/debug/run.sh: $ko is for '${vermagic%% *}', the kernel is $release" >&2; exit 1; }
export DMABENCH_KO=$ko

log=$(mktemp)
trap 'rm -f "$log"' EXIT
passed=0 failed=0 skipped=0 n=0 bad_suites=0
echo "KTAP version 1"
echo "# debug kernel $release ($kdir), dmabench.ko $ko"
echo "1..$#"
for suite in "$@"; do
	n=$((n + 1))
	name=debug-$suite$at
	cmd=$(tests/run --command "$suite") || exit 1
	# lab/run [OPTIONS] PROFILE -- COMMAND: the last of a repeated option
	# wins, so --memory goes before the suite's options, the rest after.
	run=""
	args=" ${cmd#lab/run }"
	suite_timeout=$timeout suite_env=""
	case $suite in
	races-*)
		suite_timeout=${DEBUG_TIMEOUT:-2700}
		suite_env="DMABENCH_UNBIND_RACE_SECONDS=${DMABENCH_UNBIND_RACE_SECONDS:-2400} " ;;
	esac
	for p in $profiles; do
		case "$args" in
		*" $p -- "*)
			# in-guest.sh judges the kernel log: from the command's
			# start, boot-time reports listed, not counted; but TCG's
			# early-interrupt KASAN report (about one boot in 20)
			# blinds KASAN, and the boot is made again (below).
			run="${suite_env}lab/run --memory $memory${args%%" $p -- "*} --kernel $lab_kernel --timing --allow-kernel-warnings"
			run+=" --timeout $suite_timeout $p -- tests/debug/in-guest.sh ${args#*" $p -- "}"
			break ;;
		esac
	done
	if [ -z "$run" ]; then
		echo "not ok $n - $name (not 'lab/run [OPTIONS] PROFILE -- COMMAND': $cmd)"
		bad_suites=$((bad_suites + 1))
		continue
	fi
	start=$(date +%s)
	# A boot in which KASAN reported before the command (in-guest.sh's
	# exit 75) cannot see the command's reports: boot again, up to three
	# boots in all.
	for boot in 1 2 3; do
		DMABENCH_DEBUG_OUT=build/debug/reports/$suite$at bash -c "$run" \
			2> >(sed 's/^/    # /' >&2) | tee "$log" | sed 's/^/    /'
		status=${PIPESTATUS[0]}
		[ "$status" = 75 ] || break
		echo "    # boot $boot: KASAN reported while booting and is blind for the rest of it"
	done
	elapsed=$(( $(date +%s) - start ))
	p_=$(grep -cE '^ *ok [0-9]+' "$log" | head -n 1)
	k=$(grep -cE '^ *ok [0-9]+.*# SKIP' "$log" | head -n 1)
	f=$(grep -cE '^ *not ok [0-9]+' "$log" | head -n 1)
	passed=$((passed + p_ - k)) skipped=$((skipped + k)) failed=$((failed + f))
	if [ "$status" = 0 ] && [ "$f" = 0 ] && [ "$p_" -gt 0 ]; then
		echo "ok $n - $name (${elapsed}s)"
	else
		bad_suites=$((bad_suites + 1))
		[ "$p_" -gt 0 ] || [ "$f" -gt 0 ] || { failed=$((failed + 1)); echo "    # $name ran no test"; }
		echo "not ok $n - $name (exit status $status, ${elapsed}s)"
	fi
done
echo "totals: $passed passed, $failed failed, $skipped skipped"
[ $bad_suites -eq 0 ] && [ $failed -eq 0 ]
