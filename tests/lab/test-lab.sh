#!/usr/bin/env bash
# The lab's own tests (KTAP): every profile keeps its DMA-path promise, exit
# status and output streams come back, and each way a guest can fail is
# reported with its own status; every kernel of lab/kernels/ is declared
# completely and boots with its promise kept on two profiles. Runs on the
# host; boots ~18 guests.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/ktap.sh"
cd "$top" || exit 2

profiles=$(lab/run --list | awk '{print $1}')
nprofiles=$(echo "$profiles" | wc -w)
kernels=$(lab/kernel-info --list)
nkernels=$(echo "$kernels" | wc -w)
default_kernel=$(lab/kernel-info --default)
fixtures=$top/tests/lab/profiles
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# The default kernel boots in every profile below; the others boot here in
# two profiles each (a boot takes 10-25 s under TCG).
ktap_begin $((nprofiles * 3 + 22 + nkernels + (nkernels - 1) * 2))

# In each profile: the group type of both edu devices (as sysfs says), a line
# on stderr, and exit status 3.
# shellcheck disable=SC2016 # expanded in the guest
probe='for d in /sys/bus/pci/devices/*; do
	[ "$(cat $d/vendor):$(cat $d/device)" = 0x1234:0x11e8 ] || continue
	t=none; [ -e $d/iommu_group/type ] && t=$(cat $d/iommu_group/type)
	echo "edu ${d##*/} $t"
done
echo to-stderr >&2
exit 3'
for p in $profiles; do
	# shellcheck source=lab/profiles/direct.profile
	expect=$(. "lab/profiles/$p.profile" && echo "$expect_group")
	lab/run --timing "$p" -- sh -c "$probe" > "$out/stdout" 2> "$out/stderr"
	status=$?
	ktap_expect_eq "$p: COMMAND's exit status comes back" "$status" 3 "$(cat "$out/stderr")"
	types=$(awk '$1 == "edu" {print $3}' "$out/stdout" | sort | uniq -c | awk '{print $1 "x" $2}')
	ktap_expect_eq "$p: both edu devices have IOMMU group type $expect" "$types" "2x$expect" \
		"$(cat "$out/stdout")"
	if grep -qx to-stderr "$out/stderr" && ! grep -q to-stderr "$out/stdout"; then
		ktap_ok "$p: stderr and stdout stay apart"
	else
		ktap_not_ok "$p: stderr and stdout stay apart" "$(cat "$out/stderr")"
	fi
	grep '^lab: timing' "$out/stderr" | sed 's/^/# /'
done

expect_status() { # description expected-status expected-message-regex lab/run-args...
	local description=$1 want=$2 message=$3
	shift 3
	"$@" > "$out/stdout" 2> "$out/stderr"
	local got=$?
	# Failed runs keep their console and dmesg for a person; not ours.
	sed -n 's/.*(console, dmesg: \(.*\))$/\1/p' "$out/stderr" | xargs -r rm -rf
	if [ "$got" = "$want" ] && grep -qE "$message" "$out/stderr"; then
		ktap_ok "$description"
	else
		ktap_not_ok "$description" "status $got (want $want), stderr:" "$(cat "$out/stderr")"
	fi
}

expect_status "unknown profile: status 120 and a message" 120 "^lab: unknown profile 'no-such'" \
	lab/run no-such -- true
expect_status "command not found: status 127 and a message" 127 "^lab: command not found in the guest: dmabench-no-such-command" \
	lab/run direct -- dmabench-no-such-command
expect_status "kernel panic: status 122 and the panic line" 122 "^lab: kernel panic in profile direct: .*Kernel panic" \
	lab/run direct -- sh -c 'echo c > /proc/sysrq-trigger'
expect_status "timeout: status 124 and a message" 124 "^lab: timeout after 15s" \
	lab/run --timeout 15 direct -- sleep 600
# A boot that does not reach /init in time (1 s cannot) is booted once more.
expect_status "boot hang: killed before /init, booted again, then 124" 124 \
	"^lab: the guest did not reach /init within 1s, twice" \
	env LAB_BOOT_TIMEOUT=1 lab/run direct -- true
# No initramfs /init to run: the kernel panics before /init, every time.
expect_status "a panic before /init: booted once more, then 122" 122 \
	"^lab: the kernel panicked before /init .*booting again" \
	lab/run --cmdline rdinit=/no-such direct -- true
expect_status "a broken promise (lazy made strict by caching-mode) is refused: 123" 123 \
	"^lab: profile lazy-with-caching-mode promised IOMMU group type DMA-FQ .* the kernel gave DMA" \
	env LAB_PROFILE_DIR="$fixtures" lab/run lazy-with-caching-mode -- true
expect_status "QEMU that cannot start: status 121 and its error" 121 "^lab: qemu failed to start" \
	env LAB_PROFILE_DIR="$fixtures" lab/run bad-qemu-device -- true
expect_status "a kernel backtrace during a passing run: status 126" 126 \
	"^lab: the kernel reported a problem during the run" \
	lab/run direct -- sh -c 'echo l > /proc/sysrq-trigger; sleep 1'
expect_status "usage error: status 2" 2 "^lab: --timeout takes" lab/run --timeout soon direct -- true
# An OOM killer's report (its backtrace included) is no kernel problem;
# what comes after it still is.
kept=$(printf '%s\n' '[ 9.1] a' '[ 9.2] x invoked oom-killer: gfp_mask=0x0' '[ 9.2] Call Trace:' \
	'[ 9.3] Out of memory: Killed process 1 (x)' '[ 9.4] WARNING: CPU: 0 PID: 1' |
	awk -f lab/dmesg-without-oom.awk | tr '\n' '|')
if [ "$kept" = "[ 9.1] a|[ 9.4] WARNING: CPU: 0 PID: 1|" ]; then
	ktap_ok "dmesg-without-oom.awk drops an OOM report, keeps what follows"
else
	ktap_not_ok "dmesg-without-oom.awk drops an OOM report, keeps what follows" "got: $kept"
fi
# An injected vmalloc failure's report (fail-nth walks): dropped up to the
# end of its backtrace; the memory state after it has no report in it.
kept=$(printf '%s\n' '[ 9.1] a' '[ 9.2] failnth: vmalloc error: size 65536, failed to allocate pages' \
	'[ 9.2] Call Trace:' '[ 9.2]  <TASK>' '[ 9.2]  </TASK>' '[ 9.4] WARNING: CPU: 0 PID: 1' |
	awk -f lab/dmesg-without-oom.awk | tr '\n' '|')
if [ "$kept" = "[ 9.1] a|[ 9.4] WARNING: CPU: 0 PID: 1|" ]; then
	ktap_ok "dmesg-without-oom.awk drops failnth's allocation failure report, keeps what follows"
else
	ktap_not_ok "dmesg-without-oom.awk drops failnth's allocation failure report, keeps what follows" "got: $kept"
fi

# The guest mounts tmpfs on /tmp and /root: a checkout there must still be
# seen, with its build/ writable (CI may clone anywhere).
copy=$(mktemp -d /tmp/dmabench-lab-test.XXXXXX)
git ls-files -z | xargs -0 cp --parents -t "$copy"
mkdir -p "$copy/build/lab"
cp -al build/lab/kernel "$copy/build/lab/"
(cd "$copy" && lab/run direct -- sh -c 'pwd && touch build/written-in-guest') > "$out/stdout" 2> "$out/stderr"
status=$?
if [ $status = 0 ] && [ "$(cat "$out/stdout")" = "$copy" ] && [ -e "$copy/build/written-in-guest" ]; then
	ktap_ok "a checkout under /tmp runs in the guest with build/ writable"
else
	ktap_not_ok "a checkout under /tmp runs in the guest with build/ writable" \
		"status $status, stdout: $(cat "$out/stdout")" "$(cat "$out/stderr")"
fi
rm -rf "$copy"

listed=$(lab/run --list | wc -l)
ktap_expect_eq "--list shows the six profiles" "$listed" 6

# The kernel axis. Each kernel file declares everything lab/fetch-kernel
# needs (lab_kernel_load refuses a file that does not).
for k in $kernels; do
	if facts=$(for f in description suite cc; do lab/kernel-info "$k" "$f" || exit; done 2>&1) &&
		(. lab/lib.sh && lab_kernel_load "$k") 2> "$out/err"; then
		ktap_ok "kernel $k: lab/kernels/$k.kernel is complete ($(echo "$facts" | sed -n 2p), $(echo "$facts" | sed -n 3p))"
	else
		ktap_not_ok "kernel $k: lab/kernels/$k.kernel is complete" "$facts" "$(cat "$out/err")"
	fi
done
ktap_expect_eq "the default kernel is 6.1, LAB_KERNEL overrides it" \
	"$default_kernel $(LAB_KERNEL=7.x lab/kernel-info --default)" "6.1 7.x"
expect_status "unknown kernel (--kernel): status 119 and a message" 119 "^lab: unknown kernel 'no-such'" \
	lab/run --kernel no-such direct -- true
expect_status "unknown kernel (LAB_KERNEL): status 119 and a message" 119 "^lab: unknown kernel 'no-such'" \
	env LAB_KERNEL=no-such lab/run direct -- true
expect_status "a --kernel path that is no file: usage error" 2 "^lab: no kernel at ./no-such" \
	lab/run --kernel ./no-such direct -- true
# The mirror comes from the host's apt sources; deb822 files included.
got=$(printf '%s\n' 'Types: deb deb-src' 'URIs: http://a.example/debian' 'Suites: s1' '  s2' \
	'Components: main' '' '# off' 'Types: deb' 'URIs: http://b.example/debian' 'Suites: s3' \
	'Enabled: no' | awk -f lab/deb822-sources.awk | tr '\n' '|')
ktap_expect_eq "deb822-sources.awk: every enabled URI and suite, continuation lines too" \
	"$got" "http://a.example/debian s1|http://a.example/debian s2|"

# Every other kernel boots in two profiles, keeping their promises; the
# guest sees which kernel it runs and its modules at /lib/modules/<abi>.
boot_profiles=(iommu-lazy swiotlb)
# shellcheck disable=SC2016 # expanded in the guest
probe_kernel='echo "$(uname -r) $DMABENCH_KERNEL $DMABENCH_KERNEL_VERSION $DMABENCH_KO"
[ -f /lib/modules/$(uname -r)/modules.dep ] && echo modules-visible
for d in /sys/bus/pci/devices/*; do
	[ "$(cat $d/vendor):$(cat $d/device)" = 0x1234:0x11e8 ] || continue
	t=none; [ -e $d/iommu_group/type ] && t=$(cat $d/iommu_group/type)
	echo "edu $t"
done
echo "swiotlb $(cat /sys/kernel/debug/swiotlb/io_tlb_nslabs 2>/dev/null || echo 0)"'
for k in $kernels; do
	[ "$k" = "$default_kernel" ] && continue
	abi=$(lab/kernel-info "$k" abi 2>/dev/null)
	want="$abi $k $(lab/kernel-info "$k" version 2>/dev/null) $(lab/kernel-info "$k" ko 2>/dev/null)"
	for p in "${boot_profiles[@]}"; do
		# shellcheck source=lab/profiles/direct.profile
		expect=$(. "lab/profiles/$p.profile" && echo "$expect_group $expect_swiotlb")
		lab/run --timing --kernel "$k" "$p" -- sh -c "$probe_kernel" > "$out/stdout" 2> "$out/stderr"
		status=$?
		got="$(head -n 1 "$out/stdout")"
		types=$(awk '$1 == "edu" {print $2}' "$out/stdout" | sort -u | tr '\n' ' ')
		slabs=$(awk '$1 == "swiotlb" {print ($2 > 0) ? "yes" : "no"}' "$out/stdout")
		if [ $status = 0 ] && [ "$got" = "$want" ] && grep -qx modules-visible "$out/stdout" &&
			[ "$types$slabs" = "${expect% *} ${expect#* }" ]; then
			ktap_ok "kernel $k, $p: boots $abi, keeps the promise ($expect), modules visible"
		else
			ktap_not_ok "kernel $k, $p: boots $abi, keeps the promise ($expect), modules visible" \
				"status $status, want '$want'" "$(cat "$out/stdout")" "$(cat "$out/stderr")"
		fi
		grep '^lab: timing' "$out/stderr" | sed 's/^/# /'
	done
done

# Two guests at once must not collide (make -j2).
lab/run direct -- sh -c 'echo A; exit 5' > "$out/a" 2>&1 &
a=$!
lab/run swiotlb -- sh -c 'echo B; exit 6' > "$out/b" 2>&1 &
b=$!
wait $a; sa=$?
wait $b; sb=$?
ktap_expect_eq "two guests at once keep their own output and status" \
	"$sa $sb $(head -n 1 "$out/a") $(head -n 1 "$out/b")" "5 6 A B"

# The main job through make, as the README gives it, on a small matrix and
# one profile: the kernel list reaches run-matrix clean (a stray space once
# made every profile fail), and the run ends in summary and report.
run_id=lab-test-$$
make -s run MATRIX=tests/lab/tiny.matrix PROFILES=direct DMABENCH_RUN_ID=$run_id \
	> "$out/run" 2>&1
status=$?
dir=results/$run_id
if [ $status = 0 ] && [ -s "$dir/direct/null.json" ] && [ -s "$dir/direct/map_single_4k.json" ]; then
	ktap_ok "make run MATRIX=... PROFILES=direct: every line ran"
else
	ktap_not_ok "make run MATRIX=... PROFILES=direct: every line ran" \
		"status $status" "$(tail -n 20 "$out/run")"
fi
reps=$(jq '.repetitions | length' "$dir/direct/map_single_4k.json" 2>/dev/null)
if [ -s "$dir/summary.txt" ] && grep -q map_single_4k "$dir/report.md" 2>/dev/null &&
	[ "$reps" = 2 ]; then
	ktap_ok "make run: summary, and a report naming the lines; both repetitions merged"
else
	ktap_not_ok "make run: summary, and a report naming the lines; both repetitions merged" \
		"repetitions: $reps" "$(find "$dir" 2>&1 | head -n 30)"
fi
rm -rf "$dir"

ktap_end
