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

name=${1:-$(lab/kernel-info --default)}
abi=$(lab/kernel-info "$name" abi)
suite=$(lab/kernel-info "$name" suite)
buildroot=$(lab/kernel-info "$name" buildroot)
# The release the kernel belongs to: its own build root, or its suite's
# (bookworm-backports: bookworm).
root_suite=${buildroot:-${suite%%-*}}

# The packages built for that release (scripts/build-deb ROOT_SUITE).
debdir=$BUILD_DIR/deb
[ "$root_suite" = bookworm ] || debdir=$debdir/$root_suite
shopt -s nullglob
debs=("$debdir"/dmabench_*.deb "$debdir"/dmabench-dkms_*.deb)
[ ${#debs[@]} -eq 2 ] ||
	lab_die 1 "want one dmabench and one dmabench-dkms .deb in $debdir (scripts/build-deb $root_suite), found ${#debs[@]}"
# The kernel's suite as lab/apt names it (with -updates and -security for
# a release): lab/kernel-info above made lab/apt write it.
sources=$BUILD_DIR/apt/$suite/sources.list
[ -f "$sources" ] || lab_die 1 "no $sources (lab/apt $suite)"

lab/buildroot-run "$root_suite" true	# makes the root when missing
lower=$LAB_CACHE/buildroot-$root_suite
tmp=$(mktemp -d "$BUILD_DIR/deb/dkms-$name.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/upper" "$tmp/work" "$tmp/root"

# A private mount namespace: the overlay and its mounts end with the test.
# shellcheck disable=SC2016 # the inner shell expands
DKMS_TEST_LOG=$BUILD_DIR/deb/dkms-$name.log unshare -m /bin/sh -c '
	set -e
	tmp=$1 lower=$2 project=$3 sources=$4
	shift 4
	mount -t overlay overlay -o "lowerdir=$lower,upperdir=$tmp/upper,workdir=$tmp/work" "$tmp/root"
	mkdir -p "$tmp/root$project"
	mount --rbind "$project" "$tmp/root$project"
	mount -t proc proc "$tmp/root/proc"
	mount --rbind /dev "$tmp/root/dev"
	cp "$sources" "$tmp/root/etc/apt/sources.list.d/kernel.list"
	exec chroot "$tmp/root" "$project/tests/packages/dkms-in-root.sh" "$@"
' sh "$tmp" "$lower" "$PROJECT_DIR" "$sources" "$abi" "${debs[@]}"
