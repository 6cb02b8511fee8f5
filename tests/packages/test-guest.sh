#!/usr/bin/env bash
# tests/packages/test-guest.sh [KERNEL [PROFILE]]: the packages in a real
# Debian userland on the lab's KERNEL (default the default kernel), booted
# under PROFILE (default direct). The root is a copy of the build root of
# the kernel's release in build/deb/guest-KERNEL/root (writable in the
# guest: build/ is), with apt's cache filled here for what installing
# needs (the guest has no network); the copy is thrown away after. In the
# guest, as a user: apt install the packages and linux-headers-$(uname -r),
# DKMS builds the module for the running kernel, modprobe, dmabench info,
# verify and a short run, apt purge leaves nothing (guest-in-lab.sh, KTAP).
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
# The root is thrown away: dpkg need not sync every file (9p is slow).
echo force-unsafe-io > "$dir/root/etc/dpkg/dpkg.cfg.d/unsafe-io"
packages_chroot "$dir/root" /bin/sh -c "apt-get -qq update &&
	DEBIAN_FRONTEND=noninteractive apt-get -qq install --download-only -y \
	--no-install-recommends /debs/*.deb linux-headers-$abi" > "$dir/prepare.log" 2>&1 ||
	{ tail -n 20 "$dir/prepare.log" >&2; lab_die 1 "filling apt's cache in the guest root failed"; }
cp "$sources" "$dir/root/etc/apt/sources.list.d/kernel.list"
echo "# $(date +%T) booting $name ($profile)" >&2
flock /tmp/lab-cpu.lock lab/run --kernel "$name" --timeout 2400 --memory 2048 "$profile" -- \
	tests/packages/guest-in-lab.sh "$dir/root" "$abi"
