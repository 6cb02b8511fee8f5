# SPDX-License-Identifier: GPL-2.0
# The kernel log without the OOM killer's reports, for the checks that a
# test logged no backtrace: an OOM kill is counted on its own (leak_oom_kills
# in tests/module/leakcheck.sh; the balloons of oom_balloon.h take kills on
# purpose), and the backtrace in its report is not a bug.
#   awk -f tests/lib/dmesg-without-oom.awk [FILE]
/invoked oom-killer:/ { oom = 1 }
!oom { print }
/Out of memory/ { oom = 0 }
