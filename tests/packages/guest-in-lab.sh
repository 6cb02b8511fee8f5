#!/usr/bin/env bash
# tests/packages/guest-in-lab.sh ROOT ABI LOG: in the lab guest (test-guest.sh
# boots it), the Debian userland ROOT (lab/run --disk's /run/lab-disk)
# used as a user would, in a chroot with /proc, /sys, /dev (and /dev/fd,
# which DKMS needs) and /run, each step a
# KTAP result: apt installs the packages (/debs) and the running kernel's
# headers from apt's cache (apt finds everything there; its --no-download
# refuses local packages: "Pathname to install is not absolute"), DKMS builds dmabench.ko for the running
# kernel, modprobe loads it, dmabench info, verify and a short run work,
# apt purge leaves no file and no module behind. The commands' output goes
# to LOG (a path relative to the project, in build/: kept after the run).
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
# shellcheck source=tests/lib/ktap.sh
. tests/lib/ktap.sh
root=$1
abi=$2
log=$3
# As a user's root shell would: none of the lab's variables.
in_root() {
	chroot "$root" env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive "$@"
}
step() {	# description command...: ok when it succeeds, its log's tail if not
	local d=$1 t=$SECONDS
	shift
	if "$@" >> "$log" 2>&1; then
		ktap_ok "$d ($((SECONDS - t)) s)"
	else
		ktap_not_ok "$d ($((SECONDS - t)) s)" "$(tail -n 15 "$log")"
	fi
}

ktap_begin 11
mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount -t devtmpfs dev "$root/dev"
mkdir -p "$root/dev/pts" "$root/dev/shm"
mount -t devpts devpts "$root/dev/pts"
mount -t tmpfs -o mode=1777 shm "$root/dev/shm"
for fd in fd:/proc/self/fd stdin:/proc/self/fd/0 stdout:/proc/self/fd/1 stderr:/proc/self/fd/2; do
	[ -e "$root/dev/${fd%%:*}" ] || ln -s "${fd#*:}" "$root/dev/${fd%%:*}"
done
mount -t tmpfs -o mode=755 run "$root/run"
: > "$log"
ktap_expect_eq "the running kernel is $abi" "$(uname -r)" "$abi"
step "apt install dmabench, dmabench-dkms, linux-headers-$abi (DKMS build included)" \
	in_root sh -c "apt-get install -y --no-install-recommends /debs/*.deb linux-headers-$abi"
status=$(in_root dkms status dmabench 2>/dev/null)
awk '{print "# dkms status: " $0}' <<< "$status"
# The release is compared as a string: 6.12's has a '+', an ERE operator.
# shellcheck disable=SC2016 # awk's $0
ktap_check "dkms: dmabench installed for the running kernel" \
	awk -v abi="$abi" 'index($0, ", " abi ", ") && /: installed$/ { f = 1 }
		END { exit !f }' <<< "$status"
step "modprobe dmabench" in_root modprobe dmabench
step "dmabench info" in_root dmabench info
in_root dmabench info 2>&1 | sed 's/^/# /' | head -n 12
step "dmabench verify" in_root dmabench verify
step "dmabench run map_single (1000 iterations)" in_root dmabench run map_single --iterations 1000
step "modprobe -r dmabench" in_root modprobe -r dmabench
step "apt purge dmabench dmabench-dkms" in_root apt-get purge -y dmabench dmabench-dkms
ktap_check "dpkg knows neither package" \
	sh -c "! chroot '$root' dpkg -L dmabench > /dev/null 2>&1 && ! chroot '$root' dpkg -L dmabench-dkms > /dev/null 2>&1"
left=$(cd "$root" && find usr/src var/lib/dkms lib/modules usr/lib/dmabench usr/bin usr/share/doc \
	usr/share/man -name '*dmabench*' 2>/dev/null; grep -w '^dmabench' /proc/modules)
ktap_expect_eq "no dmabench file left, no dmabench module loaded" "$left" ""
exit $((ktap_failed > 0))
