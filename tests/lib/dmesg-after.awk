# SPDX-License-Identifier: GPL-2.0
# The kernel log after timestamp t (seconds since boot); with before=FILE
# the rest goes there. A line without a timestamp goes with the one before.
# What a guest script judges is what the kernel logged since it began: a
# debug kernel under TCG now and then reports a wild access from an
# interrupt in its first second.
#   awk -v t=T [-v before=FILE] -f tests/lib/dmesg-after.awk [FILE]
BEGIN { if (before != "") printf "" > before }
match($0, /^\[ *[0-9]+\.[0-9]+\]/) { ts = substr($0, 2, RLENGTH - 2) + 0 }
ts > t + 0 { print; next }
before != "" { print > before }
