# dmabench: the two commands of the README are `make run` and `make check`.
# Both install what they need (make deps) and run in the QEMU lab (lab/).
# The inner loop, `make` and `make test`, needs neither root nor the lab.

SHELL := /bin/bash
.DEFAULT_GOAL := all

# The lab kernels `make lab` and `make build` prepare: names of lab/kernels/
# (lab/kernel-info --list), or all; default the default kernel (6.1).
KERNELS ?=
# strip: a continued line leaves a space, and run-matrix names its
# directories after the list.
kernels = $(strip $(if $(filter all,$(KERNELS)),$(shell lab/kernel-info --list),\
	  $(or $(KERNELS),$(shell lab/kernel-info --default))))

.PHONY: all test deps lab build run check check-kernels check-lab check-debug check-compat32 check-races check-lava-jobs fuzz fuzz-ioctl fuzz-ioctl-mt boot-times clean help lttng trace-cost trace-counts deb check-packages

help:
	@echo "make             the module (for the host's Debian headers) and the tools; no root"
	@echo "make test        unit, unit-analysis, a short fuzz-smoke and style (shellcheck):"
	@echo "                 on the host, no root, no lab; under a minute"
	@echo "make run         the default scenario matrix in the lab, results and plots"
	@echo "make run KERNELS=all   the matrix on every lab kernel, and compare-kernels"
	@echo "                 (MATRIX=FILE another matrix, PROFILES=\"direct swiotlb\" fewer profiles)"
	@echo "make check       every test suite (KTAP), in the lab: all of them on the"
	@echo "                 default kernel; build, module and trace on the others"
	@echo "make check-kernels every test suite on every lab kernel; slow"
	@echo "make check-debug the module suites on a debug kernel (KASAN, kmemleak, DMA-API debug); slow; DEBUG_KERNEL=7.x for 7.x's"
	@echo "make check-races 10,000 unbind/mmap races, every profile of every lab kernel; slow"
	@echo "make check-compat32 the i386 test programs and CLI (compat_ioctl) in every lab profile"
	@echo "make check-lava-jobs every LAVA job we ship (QEMU per profile, a real board) through lava-run --validate"
	@echo "make fuzz        the CLI's and analysis' parsers: 1,000,000 executions each (FUZZ_MAX_SECONDS=N bounds each)"
	@echo "make fuzz-ioctl  1,000,000 hostile ioctl calls in every lab profile"
	@echo "make fuzz-ioctl-mt the ioctl fuzzer's threads, closes and unbinds at once:"
	@echo "                 DURATION=600 s a profile, THREADS=4, PROFILE= (default every one)"
	@echo "make deps        install what the project needs (apt; silent when done)"
	@echo "make build       the guest kernel, initramfs, module and tools"
	@echo "                 (KERNELS=\"6.1 6.12 7.x\" or KERNELS=all: the module for each)"
	@echo "make boot-times  benchmark: boot-to-command time per lab profile"
	@echo "make lttng       lttng-modules and dmabench's LTTng probes for the guest kernel"
	@echo "make trace-cost  benchmark: what perf, trace-cmd and LTTng do to map_single"
	@echo "make trace-counts report: kernel events per dmabench op on each lab profile"
	@echo "make deb         the Debian packages (dmabench, dmabench-dkms) in build/deb/"
	@echo "make check-packages the packages installed with each lab kernel's headers, DKMS, purge"

deps:
	@scripts/install-deps

# Plain make: no apt, no root, no lab. The module is built against the
# host's Debian headers (those linux-headers-amd64 depends on); the lab
# targets (make build) rebuild it for the lab's default kernel.
host_kdir = /usr/src/$(shell dpkg-query -W -f='$${Depends}' linux-headers-amd64 2>/dev/null | sed 's/[ ,].*//')
all:
	@scripts/install-deps --check build
	@$(MAKE) -s -C module KDIR=$(host_kdir)
	@$(MAKE) -s -C bench
	@$(MAKE) -s -C analysis

# The host suites (make check runs them too), on every core: the fuzzers
# get a tenth of make check's count.
test:
	@scripts/install-deps --check test
	@FUZZ_SMOKE=quick MAKEFLAGS=-j$$(nproc) tests/run unit unit-analysis fuzz-smoke style

lab: deps
	@mkdir -p build/lab && for k in $(kernels); do \
		flock build/lab/.prepare.lock lab/mkinitramfs $$k || exit; done

# module/dmabench.ko is the default kernel's (what the guest loads unless
# told otherwise); build/kmod/<abi>/ holds each kernel's (lab/build-module).
build: lab
	@$(MAKE) -s -C module
	@for k in $(kernels); do lab/build-module $$k > /dev/null || exit; done
	@$(MAKE) -s -C bench
	@$(MAKE) -s -C analysis
	@$(MAKE) -s -C tests/module

run: build
	@KERNELS="$(kernels)" scripts/run-matrix $(or $(MATRIX),bench/matrix/default.matrix) $(PROFILES)

# Both test targets boot every lab kernel: each needs its module.
check check-kernels check-races: KERNELS = all
check: build
	@tests/run

check-kernels: build
	@tests/run --all-kernels

check-lab: build
	@tests/run lab

# Not part of check: building the debug kernel takes ~10 min once (cached in
# ~/.cache/dmabench), and KASAN under TCG makes each guest several times slower.
# DEBUG_KERNEL=NAME: that lab kernel's debug build instead of the default's.
check-debug: build
	@tests/debug/run.sh $(if $(DEBUG_KERNEL),--kernel $(DEBUG_KERNEL))

# Not part of check (make check runs the uapi layout test, host-only): a
# boot per profile of the default kernel, its i386 test programs through the
# module's compat_ioctl (tests/run compat32-PROFILE@KERNEL for another kernel).
check-compat32: build
	@tests/run $$(tests/run --list-named | grep '^compat32-' | grep -v @)

# Not part of check: it needs lava/run-local's LAVA root (a debootstrap of
# trixie with lava-dispatcher, made once); then a few seconds.
check-lava-jobs:
	@tests/run lava-jobs

# Not part of check (make check runs a short, fixed-seed version): the trace
# readers manage ~200 executions/s, so they need hours for a million.
fuzz: build
	@$(MAKE) -s -C tests/fuzz long

# Not part of check (make check fuzzes a million calls on direct only).
fuzz-ioctl: build
	@st=0; for p in $$(lab/run --list | awk '{print $$1}'); do \
		lab/run --timeout 1800 $$p -- tests/module/fuzz-in-guest.sh 1000000 1500 || st=1; \
	done; exit $$st

# Not part of check (its reliability suites race 2,000 times on the default
# kernel): 10,000 unbind races, one boot per profile of every lab kernel.
check-races: build
	@tests/run $$(tests/run --list-named | grep '^races-')

# Not part of check: the multi-threaded fuzzer (ioctl_fuzz --threads),
# DURATION seconds a profile (default 600), THREADS fuzzing threads (4),
# on PROFILE (default every profile), one guest after the other.
DURATION ?= 600
THREADS ?= 4
fuzz-ioctl-mt: build
	@st=0; for p in $(or $(PROFILE),$$(lab/run --list | awk '{print $$1}')); do \
		lab/run --timeout $$(( $(DURATION) + 400 )) $$p -- \
			tests/module/fuzz-mt-in-guest.sh $(DURATION) $(THREADS) || st=1; \
	done; exit $$st

boot-times: build
	@lab/boot-times

lttng: build
	@scripts/build-lttng-modules

trace-cost: lttng
	@scripts/trace-cost

trace-counts: build
	@scripts/trace-counts

# Built in a bookworm build root (lab/buildroot-run), so the host gets no
# build dependencies; lintian must be clean.
deb:
	@scripts/build-deb

# Not part of check: for each lab kernel (KERNELS=, default all), in a
# throwaway overlay on a build root, apt installs the packages and the
# kernel's headers, DKMS builds dmabench.ko, apt purges all of it.
check-packages: deb
	@tests/packages/run.sh $(filter-out all,$(KERNELS))

clean:
	rm -rf build
