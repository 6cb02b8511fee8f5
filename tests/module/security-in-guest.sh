#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Security checks of /dev/dmabench inside a lab guest, KTAP:
#   lab/run PROFILE -- tests/module/security-in-guest.sh   (build on the host first)
# - the node is 0600 root:root and the module checks CAP_SYS_ADMIN at open(2):
#   an unprivileged uid gets EACCES, and EPERM once the node is 0666; root
#   without CAP_SYS_ADMIN gets EPERM. The check is at open, as for /dev/mem:
#   an fd opened by root and handed on keeps working (checked, documented);
# - mmap only of buffers of the same open file: a fork or dup shares the
#   file and may map, another open may not, nothing is left after release;
# - no kernel or DMA address in what the CLI writes (run --format json/csv,
#   verify, summary, info), result files not world-writable, debugfs files
#   0400 holding bare numbers, no %px/%p in the module, dmesg clean.
set -u
cd "$(dirname "$0")/../.." || exit 2
BIN=build/tests
DMABENCH=bench/dmabench
KO=${DMABENCH_KO:-module/dmabench.ko}
DBG=/sys/kernel/debug/dmabench
NODE=/dev/dmabench
OUT=$(mktemp -d /tmp/security-XXXXXX)
NOBODY=65534
. tests/lib/ktap-status.sh
. tests/module/leakcheck.sh	# leak_dmesg, unload_check

for f in "$KO" "$BIN/security" "$DMABENCH"; do
	[ -e "$f" ] || { echo "missing $f: build on the host first" >&2; exit 2; }
done

echo "KTAP version 1"
echo "# security: profile ${DMABENCH_PROFILE:-unset}, kernel $(uname -r)"
insmod "$KO"
ok $? "insmod $KO"

# ---- access ----
[ "$(stat -c '%a %U %G' $NODE)" = "600 root root" ]
ok $? "$NODE is 0600 root:root (got $(stat -c '%a %U %G' $NODE))"
command -v setpriv > /dev/null
ok $? "setpriv is there ($(command -v setpriv))"
unpriv() {	# a uid and gid of nobody, no groups, no capabilities
	setpriv --reuid=$NOBODY --regid=$NOBODY --clear-groups --inh-caps=-all \
		--bounding-set=-all -- "$@"
}
got=$(unpriv "$BIN/security" open)
[ "$got" = "open=EACCES info=-" ]
ok $? "uid $NOBODY: open fails with EACCES (got $got)"
chmod 0666 $NODE
got=$(unpriv "$BIN/security" open)
[ "$got" = "open=EPERM info=-" ]
ok $? "uid $NOBODY, node chmod 0666: the module refuses the open with EPERM (got $got)"
chmod 0600 $NODE
[ "$(stat -c %a $NODE)" = 600 ]
ok $? "mode restored to 0600"
got=$(setpriv --inh-caps=-sys_admin --bounding-set=-sys_admin -- "$BIN/security" open)
[ "$got" = "open=EPERM info=-" ]
ok $? "root without CAP_SYS_ADMIN: EPERM at open (got $got)"
got=$("$BIN/security" open)
[ "$got" = "open=0 info=0" ]
ok $? "root with CAP_SYS_ADMIN: open and INFO work (got $got)"
# Checked at open(2) only: a descriptor root hands on keeps root's authority.
got=$(unpriv "$BIN/security" info-fd 3 3<> $NODE)
[ "$got" = "info=0" ]
ok $? "an fd opened by root and inherited by uid $NOBODY still works (got $got): the check is at open, as for /dev/mem"

# ---- ownership of mmap buffers ----
echo "# ownership"
"$BIN/security" ownership > "$OUT/own.txt"
st=$?
sed 's/^/    /' "$OUT/own.txt"
ok $st "mmap only of buffers of the same open file"

# ---- no addresses in what the CLI writes ----
umask 022
R="$OUT/r/${DMABENCH_PROFILE:-unset}"	# summary wants DIR/<profile>/
mkdir -p "$R"
dma=$("$BIN/security" verify-addr)
ok $? "VERIFY returns a dma_addr to root ($dma)"
$DMABENCH run map_single --device edu0 --size 4k --iterations 200 --repeat 2 \
	--format json --output "$R/map_single.json" > "$OUT/run.txt" 2>&1
ok $? "dmabench run --format json"
$DMABENCH run map_sg --device edu0 --size 16k --nents 4 --iterations 100 \
	--format csv --output "$R/map_sg.csv" >> "$OUT/run.txt" 2>&1
ok $? "dmabench run --format csv"
$DMABENCH run map_page --device edu0 --iterations 100 >> "$OUT/run.txt" 2>&1
$DMABENCH verify > "$OUT/verify.txt" 2>&1
ok $? "dmabench verify"
$DMABENCH info > "$OUT/info.txt" 2>&1
$DMABENCH summary "$OUT/r" > "$OUT/summary.txt" 2>&1 &&
	$DMABENCH summary "$OUT/r" --format csv --output "$OUT/r/summary.csv" 2>> "$OUT/summary.txt"
ok $? "dmabench summary (human and --output csv)"
# kernel virtual addresses (0xffff8..., 0xffffa..., 0xffffffff8...), the
# handles VERIFY returned, a dma_addr field
# (masks such as 0xffffffffffffffff are not addresses)
leak=$(find "$OUT" -type f -exec cat {} + | grep -o -i -E \
	-e '(0x)?ffff[89a-f][0-9a-f]{11}' -e 'dma_addr' -e "(0x|[^0-9a-f])0*$dma([^0-9a-f]|\$)" |
	grep -v -i -x -E '(0x)?f{16}' | head -5 | tr '\n' ' ')
[ -z "$leak" ]
ok $? "CLI output and result files hold no kernel or DMA address (${leak:-none})"
bad_mode=$(find "$OUT/r" -type f -perm /022 | head -3)
[ -z "$bad_mode" ]
ok $? "result files are not group/world-writable ($(find "$OUT/r" -type f -exec stat -c '%a %n' {} + | sed "s|$OUT/||" | tr '\n' ' '))"

# ---- the module's own output ----
modes=$(stat -c '%a' $DBG/* | sort -u | tr '\n' ' ')
[ "$modes" = "400 " ]
ok $? "debugfs files are 0400 (got $modes)"
nonnum=$(cat $DBG/* | grep -v -E '^-?[0-9]+$' | head -3)
[ -z "$nonnum" ]
ok $? "debugfs files hold bare counters (${nonnum:-only numbers})"
px=$(grep -n -E '%p[xKa-zA-Z]?' module/*.c module/*.h module/scenarios/*.c tracepoints/*.h 2> /dev/null | grep -v -e '%pad' -e '%pr' -e 'dmabench.mod.c' | head -3)
[ -z "$px" ]
ok $? "no %p/%px format in the module (${px:-none})"
kaddr=$(dmesg | grep -i dmabench | grep -E 'ffff[89a-f][0-9a-f]{11}' | head -3)
[ -z "$kaddr" ]
ok $? "dmesg lines of dmabench hold no kernel address (${kaddr:-none})"

unload_check
rm -rf "$OUT"
echo "1..$n"
exit $fail
