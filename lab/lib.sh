# Shared by the lab scripts (sourced, not run). Paths and the guest kernel ABI.
# shellcheck shell=bash disable=SC2034 # variables for the scripts that source it

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT_DIR=$(cd "$LAB_DIR/.." && pwd)
BUILD_DIR=${DMABENCH_BUILD_DIR:-$PROJECT_DIR/build}
LAB_BUILD=$BUILD_DIR/lab
PROFILE_DIR=${LAB_PROFILE_DIR:-$LAB_DIR/profiles}
KERNEL_DIR=${LAB_KERNEL_DIR:-$LAB_DIR/kernels}
# Guest kernels, each extracted into build/lab/kernel/<abi>.
KERNELS_BUILD=$LAB_BUILD/kernel
# What outlives `make clean` (build roots), as scripts/build-debug-kernel does.
LAB_CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/dmabench
# lab/run's (and lab/kernel-info's) exit status for an unknown kernel name.
EX_UNKNOWN_KERNEL=119

lab_die() {
	local status=$1
	shift
	echo "lab: $*" >&2
	exit "$status"
}

# The host's kernel headers' ABI (the installed linux-headers-amd64), for
# host-side builds against /usr/src. The lab's kernels are lab/kernel-info's:
# its default, 6.1, comes from the same suite and pockets, so it is the same
# release once the host is up to date. Never hard-coded: Debian's stable
# updates move the ABI.
lab_kernel_abi() {
	if [ -n "${LAB_KERNEL_ABI:-}" ]; then
		echo "$LAB_KERNEL_ABI"
		return
	fi
	local dep
	dep=$(dpkg-query -W -f='${Depends}' linux-headers-amd64 2>/dev/null) ||
		lab_die 125 "linux-headers-amd64 is not installed (run: make deps)"
	dep=${dep%% *}
	echo "${dep#linux-headers-}"
}

# Every "URI SUITE" of the host's enabled deb sources, one-line and deb822.
lab_apt_sources() {
	local f
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		sed 's/#.*//' "$f" | awk '$1 == "deb" {
			i = 2
			if ($i ~ /^\[/) { while (i < NF && $i !~ /\]$/) i++; i++ }
			print $i, $(i + 1)
		}'
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk -f "$LAB_DIR/deb822-sources.awk" "$f"
	done
}

# The host's Debian archive (its own release's suite) and security archive:
# the project names no mirror, it uses the one the host already trusts.
# LAB_MIRROR and LAB_SECURITY_MIRROR override.
lab_mirror() {
	[ -n "${LAB_MIRROR:-}" ] && { echo "$LAB_MIRROR"; return; }
	local codename uri
	codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
	uri=$(lab_apt_sources | awk -v c="$codename" '$2 == c || $2 == "stable" {print $1; exit}')
	[ -n "$uri" ] || lab_die 125 "no Debian archive for '$codename' in the host's apt sources (set LAB_MIRROR)"
	echo "${uri%/}"
}
lab_security_mirror() {
	[ -n "${LAB_SECURITY_MIRROR:-}" ] && { echo "$LAB_SECURITY_MIRROR"; return; }
	local codename uri
	codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
	uri=$(lab_apt_sources | awk -v c="$codename-security" '$2 == c {print $1; exit}')
	echo "${uri%/}"
}

# lab_copy_module_source DEST: module/, tracepoints/ and include/ (what
# module/Kbuild reads) into DEST, sources only and timestamps kept, so a
# build there is incremental; sources gone from the project go there too.
# Kbuild writes beside the sources (M=), hence a copy per kernel.
lab_copy_module_source() {
	local dest=$1 f
	local find_sources=(module include tracepoints -type f \( -name '*.[ch]' -o -name Kbuild
		-o -name Makefile -o -name '*.mk' \) ! -name '*.mod.c')
	mkdir -p "$dest"
	(cd "$PROJECT_DIR" && find "${find_sources[@]}" -print0 | xargs -0 cp -p --parents -t "$dest")
	(cd "$dest" && find "${find_sources[@]}" -print) | while read -r f; do
		[ -e "$PROJECT_DIR/$f" ] || rm -f "$dest/$f"
	done
}

# lab_kernel_file NAME: the declaration of kernel NAME, or a clear error.
lab_kernel_file() {
	local f=$KERNEL_DIR/$1.kernel
	if ! [[ "$1" =~ ^[A-Za-z0-9._-]+$ ]] || [ ! -f "$f" ]; then
		lab_die "$EX_UNKNOWN_KERNEL" "unknown kernel '$1' (lab/kernel-info --list shows them)"
	fi
	echo "$f"
}

# lab_kernel_load NAME: the fields of lab/kernels/NAME.kernel as variables.
lab_kernel_load() {
	local f
	f=$(lab_kernel_file "$1") || exit
	description="" suite="" packages="" vmlinuz_path="" modules_path=""
	module_compression="" compiler="" buildroot=""
	# shellcheck source=lab/kernels/7.x.kernel
	. "$f"
	if [ -z "$suite" ] || [ -z "$packages" ] || [ -z "$vmlinuz_path" ] ||
		[ -z "$modules_path" ] || [ -z "$compiler" ]; then
		lab_die 125 "$f lacks suite, packages, vmlinuz_path, modules_path or compiler"
	fi
}

# lab_kv FILE KEY: KEY's value in a KEY=value file lab/fetch-kernel wrote.
lab_kv() { sed -n "s/^$2=//p" "$1" | tail -n 1; }

# QEMU's accelerator arguments. TCG with one host thread per vCPU, or KVM.
lab_qemu_accel_args() {
	case "$1" in
	kvm) echo "-accel kvm -cpu max" ;;
	*) echo "-accel tcg,thread=multi -cpu max" ;;
	esac
}
