#!/usr/bin/env bash
# tests/packages/dkms-in-root.sh ABI DEB...: in a Debian root (a chroot;
# tests/packages/test-dkms.sh makes it), as a user: apt installs the
# packages and linux-headers-ABI, DKMS builds dmabench.ko for ABI, then
# apt purges them and nothing of dmabench is left. KTAP on stdout; apt's
# and dkms's output in $DKMS_TEST_LOG (default /tmp/dkms-test.log), whose
# tail follows a failure.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
# shellcheck source=tests/lib/ktap.sh
. tests/lib/ktap.sh
abi=$1
shift
log=${DKMS_TEST_LOG:-/tmp/dkms-test.log}
export DEBIAN_FRONTEND=noninteractive
tail_log() { tail -n 15 "$log"; }

ktap_begin 9
# (The root has no kernel of its own: the hooks build for ABI, whose
# headers come in the same transaction.)
if apt-get -q update > "$log" 2>&1 &&
	apt-get -q install -y --no-install-recommends "$@" "linux-headers-$abi" >> "$log" 2>&1; then
	echo "# apt update and install, DKMS build included: ${SECONDS} s"
	ktap_ok "apt install dmabench, dmabench-dkms and linux-headers-$abi"
else
	ktap_not_ok "apt install dmabench, dmabench-dkms and linux-headers-$abi" "$(tail_log)"
fi
version=$(dpkg-query -W -f='${Version}' dmabench-dkms 2>/dev/null)
status=$(dkms status dmabench 2>&1)
awk '{print "# dkms status: " $0}' <<< "$status"
ktap_check "dkms status: dmabench/$version installed for $abi" \
	grep -qxF "dmabench/$version, $abi, $(uname -m): installed" <<< "$status"
ko=$(find "/lib/modules/$abi/updates" -name 'dmabench.ko*' 2>/dev/null | head -n 1)
vermagic=$([ -n "$ko" ] && modinfo -F vermagic "$ko" 2>/dev/null)
echo "# module: ${ko:-none}, vermagic: ${vermagic:-none}"
ktap_expect_eq "dmabench.ko built for $abi" "${vermagic%% *}" "$abi"
# depmod writes modules.dep only where the kernel's own modules are (the
# headers of 6.1 and 6.12 pull the kernel in; those of 7.x do not).
if [ -f "/lib/modules/$abi/modules.dep" ]; then
	ktap_check "modules.dep has it: modprobe dmabench finds it" \
		grep -q '^updates/dkms/dmabench\.ko' "/lib/modules/$abi/modules.dep"
else
	ktap_skip "modules.dep has it" "linux-image-$abi is not installed here"
fi
ktap_check "dmabench runs (help)" sh -c 'dmabench help > /dev/null'

if apt-get -q purge -y dmabench dmabench-dkms >> "$log" 2>&1; then
	ktap_ok "apt purge dmabench dmabench-dkms"
else
	ktap_not_ok "apt purge dmabench dmabench-dkms" "$(tail_log)"
fi
ktap_check "dpkg knows neither package" \
	sh -c '! dpkg -L dmabench > /dev/null 2>&1 && ! dpkg -L dmabench-dkms > /dev/null 2>&1'
left=$(find /usr/src /var/lib/dkms /lib/modules /usr/lib/dmabench /usr/bin /usr/share/doc \
	/usr/share/man -name '*dmabench*' 2>/dev/null)
ktap_expect_eq "no dmabench file in /usr/src, /var/lib/dkms, /lib/modules, /usr" "$left" ""
ktap_check "dkms status: no dmabench" test -z "$(dkms status dmabench 2>/dev/null)"
exit $((ktap_failed > 0))
