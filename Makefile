# dmabench: the two commands of the README are `make run` and `make check`.
# Both install what they need (make deps) and run in the QEMU lab (lab/).

SHELL := /bin/bash
.DEFAULT_GOAL := build

.PHONY: deps lab build run check check-lab boot-times clean help lttng trace-cost trace-counts

help:
	@echo "make run         the default scenario matrix in the lab, results and plots"
	@echo "make check       every test suite (KTAP), in the lab"
	@echo "make deps        install what the project needs (apt; silent when done)"
	@echo "make build       the guest kernel, initramfs, module and tools"
	@echo "make boot-times  benchmark: boot-to-command time per lab profile"
	@echo "make lttng       lttng-modules and dmabench's LTTng probes for the guest kernel"
	@echo "make trace-cost  benchmark: what perf, trace-cmd and LTTng do to map_single"
	@echo "make trace-counts report: kernel events per dmabench op on each lab profile"

deps:
	@scripts/install-deps

lab: deps
	@mkdir -p build/lab && flock build/lab/.prepare.lock lab/mkinitramfs

build: lab
	@$(MAKE) -s -C module
	@$(MAKE) -s -C bench
	@$(MAKE) -s -C analysis
	@$(MAKE) -s -C tests/module

run: build
	@scripts/run-matrix

check: build
	@tests/run

check-lab: build
	@tests/run lab

boot-times: build
	@lab/boot-times

lttng: build
	@scripts/build-lttng-modules

trace-cost: lttng
	@scripts/trace-cost

trace-counts: build
	@scripts/trace-counts

clean:
	rm -rf build
