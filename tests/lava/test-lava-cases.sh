#!/usr/bin/env bash
# lava/dmabench-lava-cases on the committed reference run (KTAP, host only):
# per profile, one pass/fail/skip case per verify check; one p50 and one
# p99 case per op of every run result, in ns, whose value is the median over
# repetitions computed here again with jq (another expression, the same
# definition); every file between its marker lines, parsing and byte-equal.
# Also: the lava-test-case path, used when it is on PATH; the runner with a
# stub CLI; and dmabench import of its log.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/lib/ktap.sh
. "$top/tests/lib/ktap.sh"
cases=$top/lava/dmabench-lava-cases
ref=${LAVA_TEST_RESULTS:-results/reference7}
cd "$top" || exit 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

command -v jq > /dev/null || { echo "1..0 # SKIP jq not installed (make deps)"; exit 0; }
# The import cases run the CLI: without it they would fail one by one.
[ -x bench/dmabench ] ||
	{ echo "tests/lava/test-lava-cases.sh: bench/dmabench is not built (make -C bench)" >&2; exit 2; }
profiles=$(cd "$ref" && for d in */verify.ktap; do echo "${d%/verify.ktap}"; done)
nprofiles=$(echo "$profiles" | wc -w)
ktap_begin $((nprofiles * 6 + 21))

# The run results of a profile (info.json is not one).
results_of() { find "$ref/$1" -maxdepth 1 -name '*.json' ! -name info.json | sort; }

# What each op of FILE must give, as "ENTRY.OP.pNN VALUE" lines: the median
# of the repetitions' pNN_ns, by position after sorting (a list of n values
# has its median at index n/2 when n is odd, the mean of (n-1)/2 and n/2
# when even).
expected_measurements() {
	jq -r '
		(input_filename | sub("^.*/"; "") | rtrimstr(".json")) as $e |
		.repetitions as $r |
		($r | map(.ops | to_entries[]) | group_by(.key)[]) as $g |
		["p50", "p99"][] as $p |
		($g | map(.value[$p + "_ns"]) | sort) as $v |
		($v | length) as $n |
		"\($e).\($g[0].key).\($p) " +
		(if $n % 2 == 1 then $v[($n - 1) / 2]
		 else ($v[$n / 2 - 1] + $v[$n / 2]) / 2 end | tostring)' "$@" | sort
}

for p in $profiles; do
	ktap=$ref/$p/verify.ktap
	"$cases" verify "$ktap" > "$out/verify" 2> "$out/err"
	status=$?
	# one case per KTAP result line, its result from ok / not ok / # SKIP
	want=$(grep -E '^(not )?ok [0-9]+ ' "$ktap" | sed -E \
		-e 's/^not ok .*/fail/' -e 's/^ok .* # SKIP.*/skip/' -e 's/^ok .*/pass/')
	got=$(sed -nE 's/^<LAVA_SIGNAL_TESTCASE TEST_CASE_ID=verify\.[-_.a-zA-Z0-9]+ RESULT=(pass|fail|skip)>$/\1/p' \
		"$out/verify")
	ktap_expect_eq "$p: one verify case per check ($(echo "$want" | wc -l)), results as in verify.ktap" \
		"$got" "$want" "exit status $status" "$(head -n 3 "$out/err")"
	dups=$(sed -nE 's/.*TEST_CASE_ID=([^ ]+) .*/\1/p' "$out/verify" | sort | uniq -d)
	ktap_expect_eq "$p: verify case IDs are unique" "$dups" ""

	mapfile -t files < <(results_of "$p")
	"$cases" --prefix "$p." result "${files[@]}" > "$out/result" 2> "$out/err"
	status=$?
	ktap_expect_eq "$p: result conversion exits 0" "$status" 0 "$(head -n 3 "$out/err")"
	# every line a measurement in ns
	bad=$(grep -vE "^<LAVA_SIGNAL_TESTCASE TEST_CASE_ID=$p\.[-_.a-zA-Z0-9]+\.p(50|99) RESULT=pass MEASUREMENT=[0-9.e+]+ UNITS=ns>\$" \
		"$out/result" | head -n 3)
	ktap_expect_eq "$p: every case is a passing measurement in ns" "$bad" ""
	# one p50 and one p99 per op, values as computed here
	expected_measurements "${files[@]}" > "$out/want"
	sed -nE "s/^<LAVA_SIGNAL_TESTCASE TEST_CASE_ID=$p\.([^ ]+) RESULT=[a-z]+ MEASUREMENT=([^ ]+) UNITS=ns>\$/\1 \2/p" \
		"$out/result" | sort > "$out/got"
	if cmp -s "$out/want" "$out/got" && [ -s "$out/want" ]; then
		ktap_ok "$p: $(wc -l < "$out/want") measurements of ${#files[@]} runs: one p50 and p99 per op, values from the JSON"
	else
		ktap_not_ok "$p: one p50 and p99 per op, values from the JSON" \
			"$(diff "$out/want" "$out/got" | head -n 6)"
	fi

	# the files in the log: markers, content, size and checksum
	(cd "$ref/$p" && "$cases" log info.json verify.ktap null.json) > "$out/log"
	ok=1 why=
	for f in info.json null.json; do
		awk -v f="$f" '$0 == "DMABENCH-JSON-END " f || index($0, "DMABENCH-JSON-END " f " ") == 1 {on = 0}
			on {print} $0 == "DMABENCH-JSON-BEGIN " f {on = 1}' "$out/log" > "$out/between"
		if ! jq -e . "$out/between" > /dev/null 2>&1; then
			ok=0 why="$why $f: does not parse;"
		elif ! cmp -s "$out/between" "$ref/$p/$f"; then
			ok=0 why="$why $f: differs from the file;"
		elif ! grep -qx "DMABENCH-JSON-END $f bytes=$(wc -c < "$ref/$p/$f") sha256=$(sha256sum < "$ref/$p/$f" | cut -d' ' -f1)" "$out/log"; then
			ok=0 why="$why $f: END marker without the file's size and sha256;"
		fi
	done
	if [ $ok = 1 ]; then
		ktap_ok "$p: info.json and null.json between their markers, parsing, byte-equal"
	else
		ktap_not_ok "$p: files between their markers, parsing, byte-equal" "$why"
	fi
done

# In a LAVA test shell: lava-test-case gets the same cases, as arguments.
mkdir -p "$out/bin"
cat > "$out/bin/lava-test-case" <<'EOF'
#!/bin/sh
echo "lava-test-case $*"
EOF
chmod +x "$out/bin/lava-test-case"
p=${profiles%%[[:space:]]*}
got=$(PATH=$out/bin:$PATH "$cases" result "$ref/$p/null.json" | head -n 1)
want=$(jq -r '"lava-test-case null.null.p50 --result pass --measurement \([.repetitions[].ops.null.p50_ns] | sort | .[(length - 1) / 2 | floor]) --units ns"' "$ref/$p/null.json")
ktap_expect_eq "lava-test-case is called with --result, --measurement and --units" "$got" "$want"

# A run with errors, a failed verify check, a skip: fail, fail, skip.
jq '.repetitions[0].ops.null.errors = 3' "$ref/$p/null.json" > "$out/null_errors.json"
got=$("$cases" result "$out/null_errors.json" | sed -nE 's/.*RESULT=([a-z]+).*/\1/p' | sort -u)
ktap_expect_eq "an op with errors is a failed measurement" "$got" fail
printf 'KTAP version 1\n1..2\nnot ok 1 - edu0 map_sg via ops: VERIFY failed: Input/output error\nok 2 - edu0 coherent via ops # SKIP refused by the module: x\n' \
	> "$out/bad.ktap"
got=$("$cases" verify "$out/bad.ktap" | tr '\n' ' ')
ktap_expect_eq "verify: not ok is fail, a SKIP directive is skip, IDs without 'via'" "$got" \
	"<LAVA_SIGNAL_TESTCASE TEST_CASE_ID=verify.edu0.map_sg.ops RESULT=fail> <LAVA_SIGNAL_TESTCASE TEST_CASE_ID=verify.edu0.coherent.ops RESULT=skip> "
# lava/dmabench-lava.sh with a stub CLI that answers from the reference run
# and logs its calls: the cases of each step, --repeat 3 lines as three
# interleaved rounds of --repeat 1 merged (by the real dmabench merge), a
# refused line (exit status 3) and a failed one, and the files in the log.
cat > "$out/bin/dmabench" <<'EOF'
#!/bin/sh
echo "$*" >> "$STUB_LOG"
case $1 in
--version) echo "dmabench stub" ;;
info) if [ "${2:-}" = --format ]; then cat "$STUB_REF/info.json"; else echo "# stub"; fi ;;
verify) cat "$STUB_REF/verify.ktap" ;;
run)
	for a; do out=$a; done	# the last argument: --output FILE
	name=${out##*/}
	name=${name%.json}
	name=${name%.r[0-9]*}	# a round's file: NAME.rK.json
	case $name in refused*) echo "stub: $name refused" >&2; exit 3 ;; esac
	[ -f "$STUB_REF/$name.json" ] || { echo "stub: no $name.json" >&2; exit 1; }
	cp "$STUB_REF/$name.json" "$out" ;;
merge) shift; exec "$STUB_MERGE" merge "$@" ;;
*) exit 2 ;;
esac
EOF
chmod +x "$out/bin/dmabench"
touch "$out/node"
printf '%s\n' '# a comment' \
	'map_single_4k_bidir map_single --size 4k --repeat 3 | plot=profile' \
	'null null --repeat=3' 'refused_phys map_phys --size 4k --repeat 3' 'bogus bogus' \
	> "$out/matrix"
# runner DIR [VAR=VALUE...]: the runner on $out/matrix into DIR, its log in
# DIR.log, the stub's run and merge calls in DIR.calls with DIR/ left out.
# runner DIR [VAR=VALUE...]: runner_opts are the script's further options.
runner_opts=()
runner() {
	local dir=$1
	shift
	env "$@" DMABENCH="$out/bin/dmabench" DMABENCH_NODE="$out/node" STUB_REF="$top/$ref/$p" \
		STUB_LOG="$dir.stub" STUB_MERGE="$top/bench/dmabench" \
		lava/dmabench-lava.sh -m "$out/matrix" -o "$dir" -s true "${runner_opts[@]}" > "$dir.log" 2>&1
	status=$?
	grep -E '^(run|merge) ' "$dir.stub" | sed "s|$dir/||g" > "$dir.calls"
}
runner "$out/runner"
# cases_of [NAME]: the cases in the log of runner $out/NAME (default runner)
cases_of() { sed -nE 's/^<LAVA_SIGNAL_TESTCASE TEST_CASE_ID=([^ ]+) RESULT=([a-z]+).*/\1 \2/p' "$out/${1:-runner}.log"; }
got=$(cases_of | grep -vE '^verify\.|\.p(50|99) ' | tr '\n' ' ')
ktap_expect_eq "runner: exit 0; module-load, info, one run case per matrix line, refused and failed ones fail" \
	"$status $got" \
	"0 module-load pass info pass run.map_single_4k_bidir pass run.null pass run.refused_phys fail run.bogus fail " \
	"$(tail -n 5 "$out/runner.log")"
# Round k runs line (j + 7k) % 4 at step j: round 1 starts at bogus, round 2
# at refused_phys; neither runs again (no --repeat, refused), the others do.
r1='--repeat 1 --format json --output .rounds'
got=$(cat "$out/runner.calls")
ktap_expect_eq "runner: --repeat 3 lines run as 3 interleaved rounds of --repeat 1, rotated, then merged" \
	"$got" "run map_single --size 4k $r1/map_single_4k_bidir.r0.json
run null $r1/null.r0.json
run map_phys --size 4k $r1/refused_phys.r0.json
run bogus --format json --output bogus.json
run map_single --size 4k $r1/map_single_4k_bidir.r1.json
run null $r1/null.r1.json
run map_single --size 4k $r1/map_single_4k_bidir.r2.json
run null $r1/null.r2.json
merge map_single_4k_bidir.json .rounds/map_single_4k_bidir.r0.json .rounds/map_single_4k_bidir.r1.json .rounds/map_single_4k_bidir.r2.json
merge null.json .rounds/null.r0.json .rounds/null.r1.json .rounds/null.r2.json"
got=$(jq -r '"\(.merged_from | length) \(.repetitions | length)"' "$out/runner/map_single_4k_bidir.json" 2>&1)
want="3 $(jq '.repetitions | length * 3' "$ref/$p/map_single_4k_bidir.json")"
[ ! -e "$out/runner/.rounds" ] || got="$got; .rounds left behind"
ktap_expect_eq "runner: the merged result holds the 3 rounds' repetitions; .rounds removed" "$got" "$want"
got=$(grep -c '^dmabench-lava: run refused_phys: refused: stub: refused_phys refused$' "$out/runner.log")
[ -f "$out/runner/refused_phys.refused" ] || got="$got, no refused_phys.refused"
ktap_expect_eq "runner: a refused line's reason in the log and in NAME.refused" "$got" 1
got=$(cases_of | grep -c '^verify\.')
ktap_expect_eq "runner: one verify case per check" "$got" \
	"$(grep -cE '^(not )?ok [0-9]+ ' "$ref/$p/verify.ktap")"
got=$(cases_of | grep -cE '^map_single_4k_bidir\.[a-z_]+\.p(50|99) pass$')
want=$(jq '[.repetitions[].ops | keys[]] | unique | length * 2' "$ref/$p/map_single_4k_bidir.json")
ktap_expect_eq "runner: a p50 and a p99 per op of the run that succeeded" "$got" "$want"
got=$(grep -E '^DMABENCH-JSON-(BEGIN|END) ' "$out/runner.log" | cut -d' ' -f1,2 | tr '\n' ' ')
ktap_expect_eq "runner: info.json, the matrix and the results between markers" "$got" \
	"DMABENCH-JSON-BEGIN info.json DMABENCH-JSON-END info.json DMABENCH-JSON-BEGIN matrix DMABENCH-JSON-END matrix DMABENCH-JSON-BEGIN map_single_4k_bidir.json DMABENCH-JSON-END map_single_4k_bidir.json DMABENCH-JSON-BEGIN null.json DMABENCH-JSON-END null.json "
# DMABENCH_INTERLEAVE=0: every line whole, in matrix order, nothing merged.
runner "$out/whole" DMABENCH_INTERLEAVE=0
got=$(cat "$out/whole.calls")
ktap_expect_eq "runner, DMABENCH_INTERLEAVE=0: each line whole, once, nothing merged" "$got" \
	"run map_single --size 4k --repeat 3 --format json --output map_single_4k_bidir.json
run null --repeat=3 --format json --output null.json
run map_phys --size 4k --repeat 3 --format json --output refused_phys.json
run bogus --format json --output bogus.json"

# -b BDF on a sysfs of plain files: the device goes from its driver to
# dmabench, every line runs on it, and it goes back at the end (each file
# keeps the last write: the hand-over's unbind, the give-back's others).
bdf=$(jq -r '.devices[0].bus_id' "$ref/$p/info.json")
dev0=$(jq -r '.devices[0].name' "$ref/$p/info.json")
fake_sysfs() {
	local d=$out/sys/bus/pci
	rm -rf "$out/sys"
	mkdir -p "$d/devices/$bdf" "$d/drivers/foo" "$d/drivers/dmabench"
	touch "$d/drivers_probe" "$d/drivers/foo/unbind" "$d/drivers/dmabench/unbind"
	echo "$1" > "$d/devices/$bdf/class"
	echo '(null)' > "$d/devices/$bdf/driver_override"
	ln -s ../../drivers/foo "$d/devices/$bdf/driver"
}
sysfs_state() {
	local d=$out/sys/bus/pci
	printf '%s|' "$(cat "$d/drivers/foo/unbind")" "$(cat "$d/devices/$bdf/driver_override")" \
		"$(cat "$d/drivers_probe")" "$(cat "$d/drivers/dmabench/unbind")"
}
runner_opts=(-b "$bdf")
fake_sysfs 0x020000
runner "$out/bound" DMABENCH_SYSFS="$out/sys"
got="$status $(cases_of bound | grep -c '^bind pass$') $(grep -c '^run ' "$out/bound.calls") $(grep -c "^run .* --device $dev0 " "$out/bound.calls") $(sysfs_state)"
ktap_expect_eq "runner -b: bound ($bdf is $dev0), every run on it, given back at the end" \
	"$got" "0 1 8 8 $bdf||$bdf|$bdf|" "$(grep -E 'bind|handing|giving' "$out/bound.log" | head -n 4)"
fake_sysfs 0x060400
runner "$out/bridge" DMABENCH_SYSFS="$out/sys"
got="$status $(cases_of bridge | grep -c '^bind fail$') $(grep -c '^run ' "$out/bridge.stub") $(sysfs_state)"
ktap_expect_eq "runner -b of a bridge: refused (exit 1, bind fails), nothing written, nothing run" \
	"$got" "1 1 0 |(null)|||"
fake_sysfs 0x020000
rm -rf "$out/sys/bus/pci/devices/$bdf"
runner "$out/missing" DMABENCH_SYSFS="$out/sys"
got="$status $(cases_of missing | grep -c '^bind fail$') $(grep -c 'no such PCI device' "$out/missing.log")"
ktap_expect_eq "runner -b of a device that is not there: exit 1, bind fails, says so" "$got" "1 1 1"
fake_sysfs 0x020000
rm "$out/sys/bus/pci/devices/$bdf/driver_override"
mkdir "$out/sys/bus/pci/devices/$bdf/driver_override"
runner "$out/locked" DMABENCH_SYSFS="$out/sys"
got="$status $(cases_of locked | grep -c '^bind fail$') $(grep -c '^run ' "$out/locked.stub") [$(cat "$out/sys/bus/pci/drivers/foo/unbind")]"
ktap_expect_eq "runner -b when driver_override cannot be written: exit 1, its driver keeps it, nothing run" \
	"$got" "1 1 0 []"
runner_opts=()

# dmabench import takes the files back out of the log, as the console
# printed it and as lava-run logs it (JSON lines), into a run directory
# that report reads.
jq -cR '{dt: "x", lvl: "target", msg: .}' "$out/runner.log" > "$out/runner.jsonl"
for form in log jsonl; do
	why=""
	"$top/bench/dmabench" import "$out/imported-$form" "$out/runner.$form" \
		> "$out/import.out" 2>&1 || why=$(cat "$out/import.out")
	for f in info.json map_single_4k_bidir.json; do
		[ -n "$why" ] || cmp -s "$out/runner/$f" "$out/imported-$form/$p/$f" ||
			why="$f differs"
	done
	[ -n "$why" ] || cmp -s "$out/matrix" "$out/imported-$form/matrix" || why="the matrix differs"
	[ -n "$why" ] || "$top/bench/dmabench" report "$out/imported-$form" > "$out/import.out" 2>&1 ||
		why=$(cat "$out/import.out")
	ktap_expect_eq "import ($form): the runner's files back into $p/, byte-equal; report reads them" \
		"$why" ""
done

# The job file of a profile: its QEMU devices, the workers' own where the
# profile names them (amd-iommu translates only with dma-remap=on in QEMU
# >= 10.1), and LAVA's overlay disk kept off the IOMMU (virtio).
job() {
	DMABENCH_GIT_URL=file:///x KERNEL_URL=file:///k INITRD_URL=file:///i \
		ROOTFS_URL=file:///r "$top/lava/make-job" "$1"
}
got=$(job iommu-strict | grep -c -e '^  - -device intel-iommu,intremap=on,caching-mode=on$' \
	-e '^  guestfs_interface: virtio$' -e '^        PROFILE: iommu-strict$')
ktap_expect_eq "make-job iommu-strict: the profile's IOMMU, the overlay on virtio, the profile" "$got" 3
got=$(job amd-iommu | grep -c -e '^  - -device amd-iommu,dma-remap=on$' -e '^  guestfs_interface: virtio$')
ktap_expect_eq "make-job amd-iommu: the IOMMU with dma-remap=on, for the workers' QEMU" "$got" 2
job no-such-profile > /dev/null 2>&1
ktap_expect_eq "make-job of an unknown profile: exit status 2" "$?" 2

# A file jq cannot parse fails the conversion.
echo '{"repetitions": [' > "$out/broken.json"
"$cases" result "$out/broken.json" > /dev/null 2>&1
ktap_expect_eq "a result that does not parse: exit status 1" "$?" 1
ktap_end
