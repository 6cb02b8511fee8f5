# Shared by the lab scripts (sourced, not run). Paths and the guest kernel ABI.
# shellcheck shell=bash

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT_DIR=$(cd "$LAB_DIR/.." && pwd)
BUILD_DIR=${DMABENCH_BUILD_DIR:-$PROJECT_DIR/build}
LAB_BUILD=$BUILD_DIR/lab
PROFILE_DIR=${LAB_PROFILE_DIR:-$LAB_DIR/profiles}

lab_die() {
	local status=$1
	shift
	echo "lab: $*" >&2
	exit "$status"
}

# The guest kernel is the one the installed linux-headers-amd64 points at, so
# the module built against those headers loads in it. Never hard-coded: Debian's
# stable updates move the ABI.
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

lab_kernel_root() { echo "$LAB_BUILD/kernel/$(lab_kernel_abi)"; }

# QEMU's accelerator arguments. TCG with one host thread per vCPU, or KVM.
lab_qemu_accel_args() {
	case "$1" in
	kvm) echo "-accel kvm -cpu max" ;;
	*) echo "-accel tcg,thread=multi -cpu max" ;;
	esac
}
