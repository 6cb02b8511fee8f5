#!/usr/bin/env bash
# Style suite (KTAP) for one lab kernel (LAB_KERNEL, default the lab's
# default): every kernel source file is checkpatch clean by that kernel's
# own checkpatch (from Debian's linux-source-X.Y), and the module builds
# for it without a warning and sparse clean against its headers.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/ktap.sh"
cd "$top" || exit 1

default=$(lab/kernel-info --default)
kernel=${LAB_KERNEL:-$default}
if [ "$kernel" = "$default" ]; then
	scripts/fetch-kernel-source || exit 1
	checkpatch=build/kernel-source/scripts/checkpatch.pl
else
	scripts/fetch-kernel-source --kernel "$kernel" || exit 1
	checkpatch=build/kernel-source-$kernel/scripts/checkpatch.pl
fi
# The LTTng probe modules (tracepoints/lttng/) are kernel code too: named
# explicitly, not left to how a pathspec's * treats a slash.
mapfile -t files < <(git ls-files -co --exclude-standard -- \
	'module/*.c' 'module/*.h' 'tracepoints/*.h' 'tracepoints/*.c' \
	'tracepoints/lttng/*.c' 'tracepoints/lttng/*.h' 'include/uapi/*.h' | sort -u)

ktap_begin $(( ${#files[@]} + 2 ))
for f in "${files[@]}"; do
	# 6.12 and later suggest kzalloc_obj() and friends, which 6.1 lacks.
	ignore="ALLOC_WITH_SIZEOF"
	# The one compat header is where version checks belong (out of tree).
	[ "$f" = module/dmabench_compat.h ] && ignore+=",LINUX_VERSION_CODE,CONSTANT_COMPARISON"
	if report=$("$checkpatch" --no-tree --quiet --show-types --ignore "$ignore" -f "$f" 2>&1) &&
			[ -z "$report" ]; then
		ktap_ok "checkpatch ($kernel): $f"
	else
		ktap_not_ok "checkpatch ($kernel): $f" "$report"
	fi
done

# Built in build/kmod/<abi>/ with the kernel's own compiler; C=2 has
# sparse check every file again. The log is the build's.
abi=$(lab/kernel-info "$kernel" abi)
log=build/kmod/$abi/build.log
if lab/build-module "$kernel" > /dev/null && ! grep -qE 'warning:|error:' "$log"; then
	ktap_ok "dmabench.ko builds for $kernel ($abi) without a warning"
else
	ktap_not_ok "dmabench.ko builds for $kernel ($abi) without a warning" \
		"$(grep -E 'warning:|error:' "$log" | head -n 40)"
fi
if lab/build-module "$kernel" C=2 > /dev/null && ! grep -qE 'warning:|error:' "$log"; then
	ktap_ok "sparse (C=2) on module/ against $kernel: no warning"
else
	ktap_not_ok "sparse (C=2) on module/ against $kernel: no warning" \
		"$(grep -E 'warning:|error:' "$log" | head -n 40)"
fi
ktap_end
