#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Host-side check, KTAP: user input reaches dmabench.ko in one place.
#   tests/module/check-validate-once.sh
# The design (module/dmabench_validate.h): user memory is touched only in
# module/dmabench_main.c, where each ioctl handler copies its struct in once
# (copy_from_user, memdup_user for the storm size list), hands the kernel
# copy to a dmabench_validate_*() of module/dmabench_validate.c, and copies
# results out (copy_to_user, clear_user, put_user). dmabench_validate.c holds
# every stateless rule and touches neither user memory nor module state; the
# checks that need state (does the device or buffer exist, is the length
# within that buffer) stay with the state and fail with ENODEV or EINVAL.
# mmap(2)'s offset and flags go through dmabench_validate_mmap().
set -u
cd "$(dirname "$0")/../.." || exit 2
M=module
USER_ACCESS='copy_from_user|copy_to_user|get_user|put_user|memdup_user|vmemdup_user|strncpy_from_user|strndup_user|clear_user|u64_to_user_ptr|__user|access_ok|user_access_begin|unsafe_(get|put)_user|copy_struct_from_user'
. tests/lib/ktap-status.sh

src=$(find $M -name '*.[ch]' ! -name '*.mod.c' | sort)
echo "KTAP version 1"
echo "# $(echo "$src" | wc -l) module sources"

# 1. user memory only in dmabench_main.c
# shellcheck disable=SC2086 # $src: paths without blanks, one argument each
bad=$(grep -n -E "\\b($USER_ACCESS)\\b" $src | grep -v "^$M/dmabench_main.c:" |
	grep -v -E '^[^:]+:[0-9]+:\s*(/?\*|//)')
[ -z "$bad" ]
ok $? "user memory is accessed in $M/dmabench_main.c only"
[ -z "$bad" ] || echo "$bad" | sed 's/^/# /'

# 2. every function of dmabench_main.c that copies a request in validates it
bad=$(awk '
	/^[a-z].*\(/ && !/;$/ { fn = $0; copies = 0; checks = 0 }
	/copy_from_user|memdup_user/ { copies = 1 }
	/dmabench_validate_/ { checks = 1 }
	/^}/ { if (copies && !checks) print fn; fn = "" }
' $M/dmabench_main.c)
[ -z "$bad" ]
ok $? "each handler in dmabench_main.c that copies user input in calls a dmabench_validate_*() (${bad:-all do})"

# 3. one validator per ioctl struct (every struct that starts with __u32 size)
missing=""
# shellcheck disable=SC2013 # struct names: words
for s in $(awk '/^struct dmabench_[a-z_]+ \{/ { name = $2; getline; if ($0 ~ /__u32 size;/) print name }' include/uapi/dmabench.h); do
	grep -q -E "^int dmabench_validate_${s#dmabench_}\\(" $M/dmabench_validate.c || missing="$missing $s"
done
[ -z "$missing" ]
ok $? "every ioctl struct has its dmabench_validate_*() in dmabench_validate.c (${missing:-none missing})"

# 4. the validators are pure: no user memory, no locks, no module state
bad=$(grep -n -E 'mutex_|spin_lock|dmabench_dev_get|dmabench_ubuf_get|kmalloc|kzalloc|copy_' $M/dmabench_validate.c)
[ -z "$bad" ]
ok $? "dmabench_validate.c takes no lock, allocates nothing, looks up no state (${bad:-clean})"

# 5. the rules live there: DMABENCH_BAD() and the limits are not re-checked elsewhere
# shellcheck disable=SC2086 # $src: paths without blanks, one argument each
bad=$(grep -n -E 'DMABENCH_BAD|DMABENCH_MAX_(SIZE_BYTES|ITERATIONS|DURATION_NS|BATCH|NENTS|THREADS|OUTSTANDING|HOLD_NS|SIZES|DELAY_NS)\b' $src |
	grep -v -e "^$M/dmabench_validate.c:" | grep -v -E ':\s*(/?\*|//)')
[ -z "$bad" ]
ok $? "no request limit is checked outside dmabench_validate.c (${bad:-none})"
[ -z "$bad" ] || echo "$bad" | sed 's/^/# /'

# 6. mmap goes through the validator before it looks at anything
grep -q 'dmabench_validate_mmap(vma->vm_pgoff' $M/dmabench_ubuf.c
ok $? "mmap offset and flags are checked by dmabench_validate_mmap()"

echo "1..$n"
exit $fail
