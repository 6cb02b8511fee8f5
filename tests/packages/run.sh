#!/usr/bin/env bash
# tests/packages/run.sh [KERNEL...]: make check-packages. The DKMS test
# (test-dkms.sh) and the real-Debian-guest test (test-guest.sh) on each lab
# kernel named, default every one, with the packages built for its
# release: build/deb/ (make deb, bookworm) and, for a kernel whose modules
# build in a trixie root (7.x), build/deb/trixie/ (built here without the
# unit tests: make deb ran them). KTAP per kernel and test; fails when one
# fails.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
# shellcheck disable=SC2046 # kernel names have no spaces
[ $# -gt 0 ] || set -- $(lab/kernel-info --list)
status=0
for k in "$@"; do
	root=$(lab/kernel-info "$k" buildroot) || exit
	if [ -n "$root" ] && [ "$root" != bookworm ]; then
		DEB_BUILD_OPTIONS=nocheck nice -n 10 scripts/build-deb "$root" > /dev/null || exit
	fi
	echo "# dkms@$k"
	nice -n 10 tests/packages/test-dkms.sh "$k" || status=1
	echo "# guest@$k"
	nice -n 10 tests/packages/test-guest.sh "$k" || status=1
done
exit $status
