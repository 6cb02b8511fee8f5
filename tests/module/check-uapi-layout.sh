#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Host-side check, KTAP: every struct of the uapi header has the same layout
# (size, and offset and size of every field) for i386 and x86-64 user space.
#   tests/module/check-uapi-layout.sh [HEADER]   (default include/uapi/dmabench.h)
# Why: dmabench.ko's file_operations have .compat_ioctl = compat_ptr_ioctl,
# which hands a 32-bit process's struct to the 64-bit handlers unconverted
# (only the pointer argument is widened). That is right only if every ioctl
# struct, and so every _IOWR() number, which encodes its size, is laid out
# identically on both ABIs; a __u64 after an odd number of __u32 (aligned to
# 4 on i386, 8 on x86-64) or a long or pointer field would break it silently.
# No field list is kept here: the header is compiled with -g for -m32 and
# -m64, every type kept (-fno-eliminate-unused-debug-types), and pahole's
# view of each struct compared. The last case proves the comparison on a
# copy of the header with one __u64 field made a long.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib/ktap-status.sh
HEADER=${1:-include/uapi/dmabench.h}
CC=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# layout HEADER BITS: "struct field offset size" per field, "struct (size) N"
# per struct, from pahole on the header compiled for -mBITS
layout() {
	echo "#include \"$(realpath "$1")\"" |
		$CC -m"$2" -g -fno-eliminate-unused-debug-types -c -x c - \
		-o "$tmp/l$2.o" || return 1
	pahole "$tmp/l$2.o" | awk '
		/^(struct|union) [A-Za-z_0-9]+ \{/ { s = $2; next }
		s != "" && /^\t[^\/].*; *\/\*.*\*\/$/ {
			decl = $0; sub(/;.*/, "", decl); sub(/\[.*/, "", decl)
			nf = split(decl, w, /[ \t*]+/)
			where = $0; sub(/.*\/\* */, "", where); sub(/ *\*\/$/, "", where)
			gsub(/[ \t]+/, " ", where)
			print s, w[nf], where
		}
		s != "" && /\/\* size: [0-9]+/ {
			v = $0; sub(/.*size: /, "", v); sub(/[^0-9].*/, "", v)
			print s, "(size)", v
		}
		/^}/ { s = "" }'
}

# compare HEADER: one case per struct; a differing field is named with both
# layouts. Prints the names of the structs that differ on fd 3.
compare() {
	layout "$1" 32 > "$tmp/32" && layout "$1" 64 > "$tmp/64"
	ok $? "$1 compiles with -g for -m32 and -m64"
	for s in $(cut -d' ' -f1 "$tmp/64" | uniq); do
		bad=$(awk -v s="$s" '
			$1 != s { next }
			FILENAME == ARGV[1] { a[$2] = $3 " " $4; order[++n] = $2; next }
			{ b[$2] = $3 " " $4; if (!($2 in a)) order[++n] = $2 }
			END {
				for (i = 1; i <= n; i++) {
					f = order[i]
					if (a[f] == b[f])
						continue
					if (f == "(size)") {
						printf "# %s: %d bytes on i386, %d on x86-64\n", s, a[f], b[f]
						continue
					}
					printf "# %s.%s: i386 %s, x86-64 %s\n", s, f,
					       f in a ? "offset+size " a[f] : "absent",
					       f in b ? "offset+size " b[f] : "absent"
				}
			}' "$tmp/32" "$tmp/64")
		[ -z "$bad" ]
		ok $? "struct $s: $(grep -c "^$s [^(]" "$tmp/64") fields, $(sed -n "s/^$s (size) //p" "$tmp/64") bytes on x86-64: same layout on i386"
		[ -z "$bad" ] || { echo "$bad"; echo "$s" >&3; }
	done
}

echo "KTAP version 1"
compare "$HEADER" 3> "$tmp/differ"

# every struct the header declares was compared (pahole saw them all)
declared=$(sed -n 's/^struct \([a-z_0-9]*\) {.*/\1/p' "$HEADER" | sort)
seen=$(cut -d' ' -f1 "$tmp/64" | sort -u)
[ -n "$declared" ] && [ "$declared" = "$seen" ]
ok $? "all $(echo "$declared" | wc -l) structs of $HEADER compared"

# no hole or tail padding on either ABI: padding is where the two drift apart
# (and where the module could leak kernel memory to user space)
pad=$(for b in 32 64; do
	pahole "$tmp/l$b.o" | awk -v b=$b '
		/^struct [A-Za-z_0-9]+ \{/ { s = $2 }
		/XXX|padding:/ { print "# -m" b " struct " s ": " $0 }'
done)
[ -z "$pad" ]
ok $? "no struct has a hole or padding on i386 or x86-64"
[ -z "$pad" ] || echo "$pad"

# the comparison itself: one __u64 field of a struct made a long must fail,
# naming that struct and field (only when checking the real header)
if [ $# -eq 0 ]; then
	awk '
		/^struct [a-z_0-9]+ \{/ { s = $2 }
		s != "" && !done && /^\t__u64 [a-z_0-9]+;/ {
			f = $2; sub(/;.*/, "", f)
			sub(/__u64/, "long"); done = 1
			print s "." f > "/dev/stderr"
		}
		{ print }' "$HEADER" > "$tmp/bad.h" 2> "$tmp/mutated"
	mutated=$(cat "$tmp/mutated")
	tests/module/check-uapi-layout.sh "$tmp/bad.h" > "$tmp/bad.out" 2>&1
	st=$?
	[ -n "$mutated" ] && [ $st -ne 0 ] &&
		grep -q "^# $mutated: i386 offset+size [0-9]* 4, x86-64 offset+size [0-9]* 8" "$tmp/bad.out"
	ok $? "a copy with $mutated a long fails, naming $mutated (status $st)"
	grep '^# ' "$tmp/bad.out" | head -n 3
fi

echo "1..$n"
exit $fail
