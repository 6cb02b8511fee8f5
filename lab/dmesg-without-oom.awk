# SPDX-License-Identifier: GPL-2.0
# The kernel log without the OOM killer's reports, for the checks that a
# run logged no backtrace (lab/run, the guest scripts of tests/): an OOM kill
# is judged on its own (tests/module/leakcheck.sh's leak_oom_kills; the
# balloons of oom_balloon.h take kills on purpose), and the backtrace in its
# report is not a bug.
# Nor the allocation failure reports (warn_alloc: a header, a backtrace up
# to </TASK>, the memory state) of tests/module/failnth.c, whose injected
# faults cause them: its own checks judge each step's kernel log.
#   awk -f lab/dmesg-without-oom.awk [FILE]
/invoked oom-killer:/ { oom = 1 }
/ failnth: (page allocation failure|vmalloc error)/ { alloc = 1 }
!oom && !alloc { print }
/Out of memory/ { oom = 0 }
alloc && /<\/TASK>/ { alloc = 0 }
