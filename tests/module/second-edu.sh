# shellcheck shell=sh
# SPDX-License-Identifier: GPL-2.0
# The device the unbind tests take away: the second edu bound to dmabench,
# so that edu0 stays for the checks that follow. Sourced by in-guest scripts.

# name_of BUS_ID: dmabench's name for a bound PCI device (latest binding).
name_of() {
	dmesg | sed -n "s/.*dmabench $1: bound as \(.*\)/\1/p" | tail -n 1
}

# second_edu: sets bus (PCI address) and name (dmabench's name) of the
# highest bound PCI address, or empties both when that is edu0 or none.
second_edu() {
	bus=$(for _se_d in /sys/bus/pci/drivers/dmabench/0000:*; do
		[ -e "$_se_d" ] && echo "${_se_d##*/}"
	done | sort | tail -n 1)
	name=""
	[ -z "$bus" ] || name=$(name_of "$bus")
	if [ -z "$name" ] || [ "$name" = edu0 ]; then
		bus="" name=""
	fi
}
