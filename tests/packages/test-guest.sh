#!/usr/bin/env bash
# tests/packages/test-guest.sh [KERNEL [PROFILE]]: the packages in a real
# Debian userland on the lab's KERNEL (default the default kernel), booted
# under PROFILE (default direct). The root is a copy of the build root of
# the kernel's release, with apt's cache filled here for what installing
# needs (the guest has no network), made into an ext4 image
# (build/deb/guest-KERNEL/root.img) that the guest gets as a virtio-blk
# disk (lab/run --disk): apt, dpkg and DKMS over 9p took 23 minutes. The
# image is thrown away after. In the guest, as a user: apt install the
# packages and linux-headers-$(uname -r), DKMS builds the module for the
# running kernel, modprobe, dmabench info, verify and a short run, apt
# purge leaves nothing (guest-in-lab.sh, KTAP; its commands' output in
# build/deb/guest-KERNEL.log).
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=lab/lib.sh
. lab/lib.sh
# shellcheck source=tests/packages/lib.sh
. tests/packages/lib.sh

name=${1:-$(lab/kernel-info --default)}
profile=${2:-direct}
packages_setup "$name"
dir=$BUILD_DIR/deb/guest-$name
rm -rf "$dir"
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir"
echo "# $(date +%T) copying the $root_suite root" >&2
cp -a "$lower" "$dir/root"
mkdir "$dir/root/debs"
cp "${debs[@]}" "$dir/root/debs/"
# The root is thrown away: dpkg need not sync every file.
echo force-unsafe-io > "$dir/root/etc/dpkg/dpkg.cfg.d/unsafe-io"
# A user's machine has the image of the kernel it runs: install it here,
# where its initramfs takes seconds, not in the guest, where TCG makes it
# take about 25 minutes (6.12's headers depend on the image).
packages_chroot "$dir/root" /bin/sh -c "apt-get -qq update &&
	DEBIAN_FRONTEND=noninteractive apt-get -qq install -y \
	--no-install-recommends linux-image-$abi &&
	DEBIAN_FRONTEND=noninteractive apt-get -qq install --download-only -y \
	--no-install-recommends /debs/*.deb linux-headers-$abi" > "$dir/prepare.log" 2>&1 ||
	{ tail -n 20 "$dir/prepare.log" >&2; lab_die 1 "filling apt's cache in the guest root failed"; }
cp "$sources" "$dir/root/etc/apt/sources.list.d/kernel.list"
# Room for the headers, DKMS's build and apt's unpacking; the file is sparse.
size=$(( $(du -sm "$dir/root" | cut -f1) + 2048 ))
echo "# $(date +%T) making a ${size} MiB ext4 image of it" >&2
mkfs.ext4 -q -L dmabench-guest -d "$dir/root" "$dir/root.img" "${size}M" > /dev/null
rm -rf "$dir/root"
echo "# $(date +%T) booting $name ($profile)" >&2
# The guest sees build/ at the project's own path.
flock /tmp/lab-cpu.lock lab/run --kernel "$name" --timeout 2400 --memory 2048 --timing \
	--disk "$dir/root.img" "$profile" -- \
	tests/packages/guest-in-lab.sh /run/lab-disk "$abi" "build/deb/guest-$name.log"
