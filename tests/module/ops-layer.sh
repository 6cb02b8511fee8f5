# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Sourced by the guest scripts. On a DMA-API debug kernel the module refuses
# --via ops (EOPNOTSUPP) on a device whose path has no dma_map_ops: "info"
# flags it no_ops_layer. There the scripts check that refusal instead.

# ops_refused NAME: true when the module refuses --via ops on NAME.
ops_refused() {
	bench/dmabench info 2> /dev/null |
		awk -v d="$1" '$1 == d { print $NF }' | grep -q no_ops_layer
}

# ops_via NAME: the via that reaches the ops layer on NAME: ops, or direct.
ops_via() {
	if ops_refused "$1"; then echo direct; else echo ops; fi
}

# ok_ops_refusal NAME: a KTAP line: a run via ops on NAME gives EOPNOTSUPP.
ok_ops_refusal() {
	build/tests/smoke run map_single ops "$1" 10
	st=$?
	[ $st -eq 95 ]
	ok $? "--via ops on $1 refused under DMA-API debug: EOPNOTSUPP (status $st)"
}
