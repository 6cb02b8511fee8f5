#!/usr/bin/env bash
# Every LAVA job we ship, as LAVA itself checks a job before it runs one
# (KTAP; root; make check-lava-jobs): lava-run --validate in lava/run-local's
# root, against the device type the job names. The QEMU job of every lab
# profile (lava/make-job), the real-board example (lava/jobs/board-dmabench
# .yaml, filled in as its header says), and a board job with a boot command
# the x86 device type lacks, which must fail: the check is not a rubber
# stamp. Images are empty files: validation checks that they exist.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/lib/ktap.sh
. "$top/tests/lib/ktap.sh"
cd "$top" || exit 2
[ "$(id -u)" = 0 ] || { echo "1..0 # SKIP needs root (lava/run-local: chroot, mount)"; exit 0; }
for t in envsubst jq; do
	command -v $t > /dev/null || { echo "1..0 # SKIP $t missing (make deps)"; exit 0; }
done
work=$top/build/lava/validate-jobs
rm -rf "$work"
mkdir -p "$work/files/root"
trap 'rm -rf "$work"' EXIT
: > "$work/files/vmlinuz"
: > "$work/files/initrd.img"
tar -C "$work/files/root" -cJf "$work/files/root.tar.xz" .
: > "$work/files/root.img"
url=file://$work/files

profiles=$(lab/run --list | awk '{print $1}')
ktap_begin $(($(echo "$profiles" | wc -w) + 3))

# validate NAME JOB: lava-run --validate's verdict, its errors to the log
validate() {
	lava/run-local --validate "$2" "$work/$1" > "$work/$1.log" 2>&1
	local st=$?
	grep '^{' "$work/$1.log" | jq -r 'select(.msg | type == "object") | .msg.error_msg // empty' | head -n 3
	return $st
}

for p in $profiles; do
	DMABENCH_GIT_URL=file://$top KERNEL_URL=$url/vmlinuz INITRD_URL=$url/initrd.img \
		ROOTFS_URL=$url/root.img lava/make-job "$p" > "$work/qemu-$p.yaml"
	why=$(validate "qemu-$p" "$work/qemu-$p.yaml")
	ktap_expect_eq "qemu job of $p: lava-run --validate passes" "$?" 0 "$why"
done

board() {
	BOARD=nuc-vtd-01 SPARE_PCI_DEVICE=0000:03:00.1 \
		IOMMU_CMDLINE="intel_iommu=on iommu.strict=1" \
		DMABENCH_GIT_URL=file://$top DMABENCH_GIT_REVISION=$(git rev-parse HEAD) \
		KERNEL_URL=$url/vmlinuz INITRD_URL=$url/initrd.img \
		NFSROOTFS_URL=$url/root.tar.xz envsubst < lava/jobs/board-dmabench.yaml
}
board > "$work/board.yaml"
left=$(grep -n '[$]{' "$work/board.yaml" | grep -v '^[0-9]*:[[:space:]]*#' | head -n 3)
ktap_expect_eq "board job: its header's variables fill every \${...}" "$left" ""
why=$(validate board "$work/board.yaml")
ktap_expect_eq "board job: lava-run --validate passes against an x86 device" "$?" 0 "$why"
sed 's/^    commands: nfs$/    commands: nfs-none/' "$work/board.yaml" > "$work/bad.yaml"
why=$(validate bad "$work/bad.yaml")
st=$?
[ "$st" != 0 ] && [[ $why == *"nfs-none"* ]] && st=failed
ktap_expect_eq "board job with a boot command x86 lacks: validation fails, naming it" "$st" failed "$why"
ktap_end
