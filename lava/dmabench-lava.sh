#!/usr/bin/env bash
# dmabench in a LAVA test shell (lava/test-definitions/dmabench.yaml), or by
# hand on any machine: load the module, `dmabench info`, `dmabench verify`,
# a short matrix, then every result as LAVA test cases and every file in
# the log between marker lines (lava/dmabench-lava-cases).
#
# usage: lava/dmabench-lava.sh [-m MATRIX] [-o OUTDIR] [-p PROFILE] [-k KO]
#                              [-s SKIP_INSTALL] [-b BDF | -d DEVICE]
#   -m  matrix file, lines as in bench/matrix/ (default: kernels.matrix)
#   -o  where results go (default: ./output/dmabench)
#   -p  the profile recorded in each result (DMABENCH_PROFILE; default host)
#   -k  dmabench.ko to insmod; default: the loaded module, else
#       `modprobe dmabench` (the dmabench-dkms package), else one built here
#       against /lib/modules/$(uname -r)/build
#   -s  true: install nothing (jq, and build tools when building here)
#   -b  a spare PCI device (0000:03:00.1) handed to dmabench through its
#       driver_override for the job and given back to its driver at the
#       end (docs/real-hardware.md); the matrix runs on it
#   -d  the dmabench device the matrix runs on (default: the module's
#       first, which on a real machine is its fake device)
# The CLI: $DMABENCH, else `dmabench` on PATH (the package), else
# bench/dmabench of this checkout, built if missing. $DMABENCH_NODE (default
# /dev/dmabench) is the node that says the module is loaded: the tests' stub
# CLI goes with a stub node.
# The matrix runs as in `make run` (scripts/matrix-lines.sh): --repeat N
# lines interleaved, N rounds of --repeat 1, then merged; @OUT@ is OUTDIR.
# $DMABENCH_SYSFS (default /sys) is where -b writes.
# Cases: module-load, bind (with -b), info, verify.* (one per check), run.NAME (one per
# matrix line: fail when refused, exit status 3, too), NAME.OP.p50 /
# NAME.OP.p99 in ns. Exit 0 unless the module could not be loaded:
# failures are cases, as LAVA counts them.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cases=$top/lava/dmabench-lava-cases
matrix=$top/bench/matrix/kernels.matrix
outdir=$(pwd)/output/dmabench
skip_install=false
ko=
bdf=
device=
sysfs=${DMABENCH_SYSFS:-/sys}

while getopts "m:o:p:k:s:b:d:" opt; do
	case $opt in
	m) matrix=$OPTARG ;;
	o) outdir=$OPTARG ;;
	p) export DMABENCH_PROFILE="$OPTARG" ;;
	k) ko=$OPTARG ;;
	s) skip_install=$OPTARG ;;
	b) bdf=$OPTARG ;;
	d) device=$OPTARG ;;
	*) echo "usage: $0 [-m MATRIX] [-o OUTDIR] [-p PROFILE] [-k KO] [-s true|false] [-b BDF | -d DEVICE]" >&2
	   exit 2 ;;
	esac
done
if [ -n "$bdf" ] && [ -n "$device" ]; then
	echo "$0: -b names the device itself: give -b or -d, not both" >&2
	exit 2
fi

# relative to where we started: the script changes to OUTDIR
abs() { case $1 in /* | '') echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
matrix=$(abs "$matrix")
outdir=$(abs "$outdir")
ko=$(abs "$ko")

log() { echo "dmabench-lava: $*"; }

# testcase ID RESULT: through the same path as every other case
testcase() {
	if command -v lava-test-case > /dev/null 2>&1; then
		lava-test-case "$1" --result "$2"
	else
		echo "<LAVA_SIGNAL_TESTCASE TEST_CASE_ID=$1 RESULT=$2>"
	fi
}

# stop the job here: lava-test-raise in LAVA, exit 1 elsewhere
fatal() {
	log "$*" >&2
	if command -v lava-test-raise > /dev/null 2>&1; then
		lava-test-raise "dmabench: $*"
	fi
	exit 1
}

install_pkgs() {
	[ "$skip_install" = true ] && return 0
	missing=
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2> /dev/null | grep -q 'ok installed' ||
			missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	log "installing$missing"
	apt-get update -q || return 1
	# shellcheck disable=SC2086 # one word per package
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
}

command -v jq > /dev/null || install_pkgs jq || fatal "jq is needed and could not be installed"

# the CLI
if [ -n "${DMABENCH:-}" ]; then
	bench=$DMABENCH
elif command -v dmabench > /dev/null; then
	bench=$(command -v dmabench)
else
	bench=$top/bench/dmabench
	if [ ! -x "$bench" ]; then
		install_pkgs make gcc libc6-dev pkg-config libjansson-dev
		make -C "$top/bench" dmabench || fatal "building bench/dmabench failed"
	fi
fi
log "CLI: $bench ($("$bench" --version 2>&1))"

# the module
node=${DMABENCH_NODE:-/dev/dmabench}
loaded_here=
if [ -e "$node" ]; then
	log "module: already loaded"
elif [ -n "$ko" ]; then
	insmod "$ko" && loaded_here=1
elif modprobe dmabench 2> /dev/null; then
	log "module: modprobe dmabench"
	loaded_here=1
else
	kdir=/lib/modules/$(uname -r)/build
	[ -d "$kdir" ] || install_pkgs "linux-headers-$(uname -r)" make gcc
	make -C "$top/module" KDIR="$kdir" &&
		insmod "$top/module/dmabench.ko" && loaded_here=1
fi
if [ -e "$node" ]; then
	testcase module-load pass
else
	testcase module-load fail
	fatal "dmabench.ko could not be loaded (see above)"
fi

# -b: the spare device goes to dmabench for the job and back to its own
# driver at the end, whatever ends the job.
pci=$sysfs/bus/pci
handed=
# shellcheck disable=SC2317 # called by the EXIT trap
at_exit() {
	if [ -n "$handed" ]; then
		log "giving $bdf back to ${old_driver:-no driver}"
		# Not bound to dmabench (the probe failed): nothing to unbind.
		echo "$bdf" 2> /dev/null > "$pci/drivers/dmabench/unbind"
		echo > "$pci/devices/$bdf/driver_override" ||
			log "could not clear $bdf's driver_override: do it by hand"
		# No driver wanting it is no error here.
		echo "$bdf" 2> /dev/null > "$pci/drivers_probe"
	fi
	[ -z "$loaded_here" ] || rmmod dmabench
}
trap at_exit EXIT
if [ -n "$bdf" ]; then
	dev=$pci/devices/$bdf
	[[ $bdf =~ ^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$ ]] ||
		{ testcase bind fail; fatal "-b $bdf: not a PCI address (like 0000:03:00.1)"; }
	[ -d "$dev" ] || { testcase bind fail; fatal "-b $bdf: no such PCI device"; }
	# A bridge does no DMA of its own, and it carries every device behind it.
	case $(cat "$dev/class") in
	0x0604* | 0x0600*) testcase bind fail; fatal "-b $bdf: a bridge, not a spare device" ;;
	esac
	old_driver=
	[ -e "$dev/driver" ] && old_driver=$(basename "$(readlink "$dev/driver")")
	if [ "$old_driver" != dmabench ]; then
		log "handing $bdf to dmabench (from ${old_driver:-no driver})"
		echo dmabench > "$dev/driver_override" ||
			{ testcase bind fail; fatal "cannot set $bdf's driver_override"; }
		handed=1
		if [ -n "$old_driver" ] && ! echo "$bdf" > "$dev/driver/unbind"; then
			testcase bind fail
			fatal "cannot unbind $bdf from $old_driver"
		fi
		# Whether dmabench took it is the lookup below.
		echo "$bdf" 2> /dev/null > "$pci/drivers_probe"
	fi
	device=$("$bench" info --format json |
		jq -r --arg b "$bdf" '.devices[] | select(.bus_id == $b) | .name')
	if [ -z "$device" ]; then
		testcase bind fail
		fatal "$bdf is not among dmabench's devices after the hand-over (dmesg says why)"
	fi
	log "$bdf is dmabench's $device"
	testcase bind pass
fi
export MATRIX_DEVICE=$device

mkdir -p "$outdir" || fatal "cannot create $outdir"
cd "$outdir" || exit 1

"$bench" info
if "$bench" info --format json > info.json; then
	testcase info pass
else
	testcase info fail
fi

# verify's exit status is in its cases; its KTAP goes to the log too
"$bench" verify > verify.ktap
cat verify.ktap
"$cases" verify verify.ktap

# The matrix's lines, interleaved and merged as in `make run`; a line
# refused (dmabench's exit status 3: this path or kernel cannot run it)
# fails its case, as a failed one does, with the reason in the log.
# shellcheck source=scripts/matrix-lines.sh
. "$top/scripts/matrix-lines.sh"
# shellcheck disable=SC2317 # matrix_run's hook: a log line before each run
announce() {
	local name=$1 round=$2 rounds=$3
	shift 3
	if [ "$rounds" = 1 ]; then
		log "run $name: $*"
	else
		log "run $name, round $round of $rounds: $*"
	fi
}
matrix_run "$bench" "$matrix" "$outdir" announce
results=
for name in "${ml_names[@]}"; do
	case ${ml_status[$name]} in
	ok)
		testcase "run.$name" pass
		results="$results $name.json" ;;
	refused)
		log "run $name: refused: $(cat "$name.refused")"
		testcase "run.$name" fail ;;
	*)
		log "run $name: failed: $(cat "$name.err")"
		testcase "run.$name" fail ;;
	esac
done

# shellcheck disable=SC2086 # file names without spaces, ours
[ -z "$results" ] || "$cases" result $results
# The matrix too: `dmabench import` makes it the run directory's, for
# the report's declared findings and plots.
[ "$matrix" = "$outdir/matrix" ] || cp "$matrix" matrix
# shellcheck disable=SC2086
"$cases" log info.json matrix $results
exit 0
