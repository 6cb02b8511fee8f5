#!/usr/bin/env bash
# tests/packages/test-dkms.sh [KERNEL]: the packages of build/deb/ (make
# deb) installed as a user would, with the headers of the lab's KERNEL
# (lab/kernel-info; default the default kernel), in a throwaway overlay on
# the build root of that kernel's release (bookworm for 6.1 and 6.12,
# trixie for 7.x) and the packages built for it (build/deb/, or
# build/deb/trixie/: scripts/build-deb trixie): DKMS builds dmabench.ko
# for it, and purge leaves nothing.
# KTAP (tests/packages/dkms-in-root.sh); apt's and dkms's output in
# build/deb/dkms-KERNEL.log. Needs root; the build root stays as it was,
# the host's packages too.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=lab/lib.sh
. lab/lib.sh
# shellcheck source=tests/packages/lib.sh
. tests/packages/lib.sh

name=${1:-$(lab/kernel-info --default)}
packages_setup "$name"
tmp=$(mktemp -d "$BUILD_DIR/deb/dkms-$name.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
DKMS_TEST_LOG=$BUILD_DIR/deb/dkms-$name.log OVERLAY=$tmp \
	packages_chroot "$tmp/root" "$PROJECT_DIR/tests/packages/dkms-in-root.sh" "$abi" "${debs[@]}"
