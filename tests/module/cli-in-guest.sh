#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The allocation commands of the CLI inside a lab guest, KTAP:
#   lab/run PROFILE -- tests/module/cli-in-guest.sh   (build on the host first)
# - dmabench run alloc_storm --vmalloc-interval: back to baseline, a timeline
#   CSV with rows, DMA vmalloc growth per buffer as the profile's path implies;
# - dmabench mmap: every available variant mapped and verified by edu;
# - dmabench pairs: vmalloc bytes per 256 KiB alloc_attrs buffer, 0 on
#   dma-direct, 266240 (256 KiB + guard page) on iommu-strict;
# - SIGINT during a storm: exit 130, every buffer freed.
set -u
cd "$(dirname "$0")/../.." || exit 2
DMABENCH=bench/dmabench
KO=${DMABENCH_KO:-module/dmabench.ko}	# check-debug: the debug kernel's build
DBG=/sys/kernel/debug/dmabench
OUT=$(mktemp -d /tmp/cli-XXXXXX)
profile=${DMABENCH_PROFILE:-unset}
AREA=266240	# a 256 KiB buffer + one guard page
. tests/lib/ktap-status.sh

for f in "$KO" "$DMABENCH"; do
	[ -e "$f" ] || { echo "missing $f: build on the host first" >&2; exit 2; }
done
command -v jq > /dev/null || { echo "jq missing" >&2; exit 2; }

echo "KTAP version 1"
echo "# cli: profile $profile, kernel $(uname -r)"
loaded=0
if [ ! -c /dev/dmabench ]; then
	insmod "$KO"
	ok $? "insmod $KO"
	loaded=1
fi

# info --pci on the guest's real sysfs: edu0 bound to dmabench, the host
# bridge not a DMA master, each line with its reason.
$DMABENCH info --pci > "$OUT/info-pci.txt" 2> "$OUT/info-pci.err"
ok $? "info --pci ($(head -c 200 "$OUT/info-pci.err"))"
edu_bdf=$($DMABENCH info --format json | jq -r '.devices[] | select(.name == "edu0") | .bus_id')
grep -Eq "^$edu_bdf +1234:11e8 [0-9a-f]{6} dmabench +yes +bound to dmabench" "$OUT/info-pci.txt"
ok $? "info --pci: edu0 ($edu_bdf) is bound to dmabench"
grep -Eq " 06[0-9a-f]{4} .* no +a bridge" "$OUT/info-pci.txt"
ok $? "info --pci: a bridge is not usable"
sed 's/^/# /' "$OUT/info-pci.txt"

# A storm of 16 x 256 KiB dma_alloc_attrs buffers, held 300 ms, sampled every 10 ms.
$DMABENCH run alloc_storm --device edu0 --variant attrs --size 256k --outstanding 16 \
	--pattern until_enomem --hold 300ms --iterations 1000000 \
	--vmalloc-interval 10ms --vmalloc-timeline "$OUT/timeline.csv" \
	--format json --output "$OUT/storm.json" 2> "$OUT/storm.err"
ok $? "run alloc_storm --vmalloc-interval 10ms ($(head -c 200 "$OUT/storm.err"))"
vm='.repetitions[0].vmalloc'
back=$(jq -r "$vm.back_to_baseline" "$OUT/storm.json" 2> /dev/null)
[ "$back" = true ]
ok $? "storm: vmalloc back to baseline (got $back; $(jq -c "$vm.dma_vmalloc_bytes" "$OUT/storm.json" 2> /dev/null))"
held=$(jq -r '.repetitions[0].peak_outstanding' "$OUT/storm.json" 2> /dev/null)
[ "$held" = 16 ]
ok $? "storm: 16 buffers held at the peak (got $held)"
rows=$(tail -n +2 "$OUT/timeline.csv" 2> /dev/null | wc -l)
dma_rows=$(grep -c ',vmalloc_bytes,dma,' "$OUT/timeline.csv" 2> /dev/null)
[ "$(head -n 1 "$OUT/timeline.csv")" = "t_ns,metric,caller,value,unit" ] && [ "$rows" -gt 0 ] && [ "$dma_rows" -ge 3 ]
ok $? "storm: timeline CSV has a header and $rows rows ($dma_rows DMA samples)"
growth=$(jq -r "$vm.dma_vmalloc_bytes.peak - $vm.dma_vmalloc_bytes.baseline" "$OUT/storm.json" 2> /dev/null)
echo "# storm: dma vmalloc growth $growth bytes for $held buffers"
case "$profile" in
direct|swiotlb|iommu-pt)
	[ "$growth" = 0 ]
	ok $? "storm on $profile (dma-direct): no DMA vmalloc growth (got $growth)" ;;
iommu-strict|iommu-lazy)
	[ "$growth" = $((16 * AREA)) ]
	ok $? "storm on $profile (iommu-dma): 16 areas of $AREA bytes (got $growth)" ;;
*)
	echo "# storm on $profile: growth not asserted" ;;
esac

# mmap of every variant, edu round trip.
$DMABENCH mmap --device edu0 --size 256k --format json --output "$OUT/mmap.json" 2> "$OUT/mmap.err"
ok $? "mmap of every variant verifies on edu0 ($(head -c 200 "$OUT/mmap.err"))"
bad=$(jq -r '[.results[] | select(.status != "ok" and .status != "unavailable") | .variant] | join(",")' "$OUT/mmap.json" 2> /dev/null)
verified=$(jq -r '[.results[] | select(.verify.outcome == "match")] | length' "$OUT/mmap.json" 2> /dev/null)
[ -z "$bad" ] && [ "${verified:-0}" -ge 5 ]
ok $? "mmap: $verified variants read back by edu, none failed (${bad:-none})"
jq -r '.results[] | "# mmap \(.variant): mmap_ns \(.mmap_ns) touch_ns/page \(.first_touch_ns_per_page) faults \(.first_touch_minor_faults) write_bytes_per_s \(.write_bytes_per_s) read_bytes_per_s \(.read_bytes_per_s) verify \(.verify.outcome // .status)"' "$OUT/mmap.json" 2> /dev/null

# Pairs: vmalloc bytes per buffer.
$DMABENCH pairs --device edu0 --iterations 50 --format json --output "$OUT/pairs.json" 2> "$OUT/pairs.err"
ok $? "pairs ($(head -c 200 "$OUT/pairs.err"))"
per=$(jq -r '.variants[] | select(.scenario == "alloc_attrs") | .vmalloc_bytes_per_buffer' "$OUT/pairs.json" 2> /dev/null)
jq -r '.variants[] | "# pairs vmalloc \(.scenario): \(.vmalloc_bytes_per_buffer) bytes/buffer, \(.buffers_held) held"' "$OUT/pairs.json" 2> /dev/null
jq -r '.pairs[] | "# pairs \(.old)/\(.attr): \(.status) alloc p50 ratio \(.ops.alloc.ratio_p50)"' "$OUT/pairs.json" 2> /dev/null
# The pairs come from the module's scenario table (DMABENCH_IOC_SCENARIO's
# pair): its eight old/attribute allocation pairs, none restated here.
npairs=$(jq '.pairs | length' "$OUT/pairs.json" 2> /dev/null)
[ "$npairs" = 8 ]
ok $? "pairs: the module declares 8 allocation pairs (got $npairs)"
case "$profile" in
direct)
	[ "$per" = 0 ] || [ "$per" = 0.0 ]
	ok $? "pairs on direct: alloc_attrs adds 0 vmalloc bytes per buffer (got $per)" ;;
iommu-strict)
	[ "$per" = $AREA ] || [ "$per" = "$AREA.0" ]
	ok $? "pairs on iommu-strict: alloc_attrs adds $AREA vmalloc bytes per buffer (got $per)" ;;
*)
	[ -n "$per" ] && [ "$per" != null ]
	ok $? "pairs on $profile: alloc_attrs measured ($per bytes per buffer)" ;;
esac

# Ctrl-C during a storm holding buffers: 130, everything freed.
$DMABENCH run alloc_storm --device edu0 --outstanding 32 --pattern fifo --hold 5s \
	--iterations 1000000 --vmalloc-interval 50ms > /dev/null 2>&1 &
pid=$!
sleep 2
kill -INT $pid
wait $pid
st=$?
[ $st = 130 ]
ok $? "SIGINT during a storm: exit 130 (got $st)"
sum=0
for c in buffers mappings kernel_mappings dma_buffers vmaps; do
	v=$(cat "$DBG/$c" 2> /dev/null || echo missing)
	[ "$v" = 0 ] || sum=1
done
ok $sum "after the interrupted storm every debugfs counter is 0"

if [ $loaded = 1 ]; then
	rmmod dmabench
	ok $? "rmmod dmabench"
fi
rm -rf "$OUT"
echo "1..$n"
exit $fail
