#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A small swiotlb pool filled with streaming mappings, KTAP. Boot with a
# pool of a few slabs on top of the swiotlb profile (a later swiotlb= on
# the command line wins: its early_param handler runs once per occurrence):
#   lab/run --cmdline swiotlb=1024,force swiotlb -- tests/module/swiotlb-full-in-guest.sh
# - the pool is the size asked for (io_tlb_nslabs);
# - alloc_storm --variant map_single holds dma_map_single() mappings until
#   one fails: 1 and 4 threads (build/tests/exhaust swiotlb); the failure is
#   counted, the kernel says "swiotlb buffer is full", every slot comes
#   back (io_tlb_used), the next runs work;
# - real DMA through the refilled pool still arrives (edu verify).
set -u
cd "$(dirname "$0")/../.." || exit 2
BIN=build/tests
KO=${DMABENCH_KO:-module/dmabench.ko}
SWIOTLB=/sys/kernel/debug/swiotlb
WANT_SLABS=${DMABENCH_SWIOTLB_SLABS:-1024}
. tests/lib/ktap-status.sh

. tests/module/leakcheck.sh

for f in "$KO" "$BIN/exhaust" "$BIN/smoke"; do
	[ -e "$f" ] || { echo "missing $f: build on the host first" >&2; exit 2; }
done

echo "KTAP version 1"
echo "# swiotlb-full: profile ${DMABENCH_PROFILE:-unset}, kernel $(uname -r), cmdline: $(tr ' ' '\n' < /proc/cmdline | grep swiotlb | tr '\n' ' ')"
nslabs=$(cat $SWIOTLB/io_tlb_nslabs 2> /dev/null)
[ "$nslabs" = "$WANT_SLABS" ]
ok $? "the swiotlb pool has $WANT_SLABS slabs (got ${nslabs:-none}; $(dmesg | grep -m1 'software IO TLB'))"
insmod "$KO"
ok $? "insmod $KO"
leak_baseline
full0=$(dmesg | grep -c 'swiotlb buffer is full')

echo "# exhaust swiotlb"
"$BIN/exhaust" swiotlb edu0 | sed 's/^/    /'
ok $? "exhaust swiotlb: map_single storms until the pool is full, 1 and 4 threads"
full=$(dmesg | grep -c 'swiotlb buffer is full')
[ "$full" -gt "$full0" ]
ok $? "the kernel said 'swiotlb buffer is full' ($((full - full0)) lines)"
dmesg | grep -m2 'swiotlb buffer is full' | sed 's/^/# /'
leak_check "after filling the swiotlb pool"

echo "# smoke (verify through the pool)"
"$BIN/smoke" edu0 > /tmp/smoke-swiotlb-full.txt
st=$?
grep -e '^not ok' -e 'verify' /tmp/smoke-swiotlb-full.txt | sed 's/^/    /'
! grep '^not ok' /tmp/smoke-swiotlb-full.txt | grep -q verify
ok $? "every verify kind still arrives through the refilled pool (smoke status $st)"
leak_check "after smoke"

unload_check
echo "1..$n"
exit $fail
