#!/usr/bin/env bash
# tests/debug/in-guest.sh on the host (KTAP), with a fake dmesg: a KASAN
# report while booting keeps the command from running and exits 75, so
# that tests/debug/run.sh boots again; without one the command runs and
# its status decides.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/lib/ktap.sh
. "$top/tests/lib/ktap.sh"
cd "$top" || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin"
# dmesg prints $tmp/dmesg: the fake kernel log of the case
cat > "$tmp/bin/dmesg" <<EOT
#!/bin/sh
cat "$tmp/dmesg"
EOT
chmod +x "$tmp/bin/dmesg"

ktap_begin 4

# usage: in_guest LOG-LINES... : runs in-guest.sh on a command that leaves
# $tmp/ran, with the kernel log LOG-LINES; sets status and out
in_guest() {
	printf '%s\n' "$@" > "$tmp/dmesg"
	rm -f "$tmp/ran"
	out=$(PATH="$tmp/bin:$PATH" DMABENCH_DEBUG_OUT=$tmp/out \
		tests/debug/in-guest.sh sh -c "touch $tmp/ran; exit 4" 2>&1)
	status=$?
}

in_guest '[    0.500000] kasan: KernelAddressSanitizer initialized' \
	'[    2.000000] BUG: KASAN: slab-out-of-bounds in early_irq+0x10/0x20' \
	'[    3.000000] Run /init as init process'
ktap_expect_eq "a KASAN report while booting: exit 75 (boot again)" "$status" 75 "$out"
if [ -e "$tmp/ran" ]; then
	ktap_not_ok "... and the command does not run: KASAN could not see it"
else
	ktap_ok "... and the command does not run: KASAN could not see it"
fi

in_guest '[    0.500000] kasan: KernelAddressSanitizer initialized' \
	'[    3.000000] Run /init as init process'
if [ -e "$tmp/ran" ]; then
	ktap_ok "a clean boot: the command runs"
else
	ktap_not_ok "a clean boot: the command runs" "$out"
fi
ktap_expect_eq "... and its failure fails the checks (exit 1)" "$status" 1 "$out"
ktap_end
