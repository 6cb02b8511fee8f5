#!/usr/bin/env bash
# Style suite (KTAP): every kernel source file is checkpatch clean (the 6.1
# script from Debian's linux-source-6.1) and the module is sparse clean.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/ktap.sh"
cd "$top"

scripts/fetch-kernel-source || exit 1
checkpatch=build/kernel-source/scripts/checkpatch.pl
# The LTTng probe modules (tracepoints/lttng/) are kernel code too: named
# explicitly, not left to how a pathspec's * treats a slash.
mapfile -t files < <(git ls-files -co --exclude-standard -- \
	'module/*.c' 'module/*.h' 'tracepoints/*.h' 'tracepoints/*.c' \
	'tracepoints/lttng/*.c' 'tracepoints/lttng/*.h' 'include/uapi/*.h' | sort -u)

ktap_begin $(( ${#files[@]} + 1 ))
for f in "${files[@]}"; do
	# The one compat header is where version checks belong (out of tree).
	ignore=""
	[ "$f" = module/dmabench_compat.h ] && ignore="--ignore LINUX_VERSION_CODE,CONSTANT_COMPARISON"
	# shellcheck disable=SC2086
	if report=$("$checkpatch" --no-tree --quiet --show-types $ignore -f "$f" 2>&1) && [ -z "$report" ]; then
		ktap_ok "checkpatch: $f"
	else
		ktap_not_ok "checkpatch: $f" "$report"
	fi
done

. lab/lib.sh
kdir=/lib/modules/$(lab_kernel_abi)/build
log=$(mktemp)
make -s -C "$kdir" M="$top/module" C=2 modules > "$log" 2>&1
status=$?
if [ $status = 0 ] && ! grep -qE 'warning:|error:' "$log"; then
	ktap_ok "sparse (C=2) on module/: no warning"
else
	ktap_not_ok "sparse (C=2) on module/: no warning" "$(grep -E 'warning:|error:' "$log" | head -n 40)"
fi
rm -f "$log"
ktap_end
