# Running a matrix's lines, shared by scripts/guest-matrix (make run, in the
# lab guest) and lava/dmabench-lava.sh (on a LAVA device): sourced, not run.
# Each caller reports the outcome its own way (progress lines, LAVA cases).
# shellcheck shell=bash disable=SC2034 # ml_* are the callers' results
#
# matrix_run BENCH MATRIX OUTDIR [HOOK]
# Runs every line of MATRIX (NAME ARGS [| what the report makes of it], as
# in bench/matrix/) with BENCH run ARGS --format json --output
# OUTDIR/NAME.json, @OUT@ in ARGS standing for OUTDIR. A line with
# --repeat N (N > 1) and no file of its own (@OUT@) is interleaved: N
# rounds of --repeat 1, every such line once per round, the order rotated
# between rounds, each round's result in OUTDIR/.rounds, then one result of
# the N repetitions (BENCH merge). A slow spell of the host then lands on
# every line alike instead of on the repetitions of one, which would make
# it differ from the others with p = 0.008. DMABENCH_INTERLEAVE=0 runs
# each line whole, one after the other. MATRIX_DEVICE=NAME gives every
# line that names no --device that one (a module's "" is its first device,
# which on a real machine is its fake one). HOOK, when given, is called
# before each run as HOOK NAME ROUND ROUNDS ARGS... (ROUND from 1).
# Sets, for the caller: ml_names (the lines' names, in matrix order),
# ml_reps (their rounds), ml_status[NAME]: ok, refused (BENCH's exit status
# 3, EOPNOTSUPP: this path or kernel cannot run it; the reason in
# OUTDIR/NAME.refused) or failed (OUTDIR/NAME.err says why), and
# ml_ns[NAME], the nanoseconds its runs took (ml_secs NAME prints them in
# seconds).
matrix_run() {
	local bench=$1 matrix=$2 outdir=$3 hook=${4:-}
	local name args r n rounds k j i start file rdir=$3/.rounds st
	local -a argss=() inputs
	ml_names=() ml_reps=()
	declare -gA ml_status=() ml_ns=()
	while read -r name args; do
		case "$name" in '' | '#'*) continue ;; esac
		args=${args%%|*} # after '|': what the report makes of it (lib/matrix.h)
		if [ -n "${MATRIX_DEVICE:-}" ] && [[ " $args" != *" --device"* ]]; then
			args="$args --device $MATRIX_DEVICE"
		fi
		r=1
		if [ "${DMABENCH_INTERLEAVE:-1}" != 0 ] && [[ $args != *@OUT@* ]] &&
			[[ " $args " =~ \ --repeat[=\ ]([0-9]+)\  ]] && [ "${BASH_REMATCH[1]}" -gt 1 ]; then
			r=${BASH_REMATCH[1]}
			args=$(echo " $args " | sed -E 's/ --repeat[= ][0-9]+ / --repeat 1 /')
		fi
		ml_names+=("$name") argss+=("${args//@OUT@/$outdir}") ml_reps+=("$r")
	done < "$matrix"
	n=${#ml_names[@]}
	rounds=1
	for r in "${ml_reps[@]}"; do [ "$r" -gt "$rounds" ] && rounds=$r; done
	mkdir -p "$rdir"
	for ((k = 0; k < rounds; k++)); do
		for ((j = 0; j < n; j++)); do
			i=$(((j + k * 7) % n)) # rotated: each round starts elsewhere
			name=${ml_names[$i]}
			[ "$k" -lt "${ml_reps[$i]}" ] || continue
			[ -z "${ml_status[$name]:-}" ] || continue # refused or failed already
			if [ "${ml_reps[$i]}" = 1 ]; then
				file=$outdir/$name.json
			else
				file=$rdir/$name.r$k.json
			fi
			# shellcheck disable=SC2086 # the matrix line's arguments, split
			[ -z "$hook" ] || "$hook" "$name" $((k + 1)) "${ml_reps[$i]}" ${argss[$i]}
			start=$(date +%s%N)
			# shellcheck disable=SC2086
			"$bench" run ${argss[$i]} --format json --output "$file" 2> "$file.err"
			st=$?
			case $st in
			0) rm -f "$file.err" ;;
			3) mv "$file.err" "$outdir/$name.refused"; ml_status[$name]=refused ;;
			*) mv "$file.err" "$outdir/$name.err"; ml_status[$name]=failed ;;
			esac
			ml_ns[$name]=$((${ml_ns[$name]:-0} + $(date +%s%N) - start))
		done
	done
	for ((i = 0; i < n; i++)); do
		name=${ml_names[$i]} r=${ml_reps[$i]}
		if [ -z "${ml_status[$name]:-}" ] && [ "$r" -gt 1 ]; then
			inputs=()
			for ((k = 0; k < r; k++)); do inputs+=("$rdir/$name.r$k.json"); done
			"$bench" merge "$outdir/$name.json" "${inputs[@]}" 2> "$outdir/$name.err" &&
				rm -f "$outdir/$name.err" || ml_status[$name]=failed
		fi
		: "${ml_status[$name]:=ok}"
	done
	rm -rf "$rdir"
}

# ml_secs NAME: the time NAME's runs took, in seconds (exact, for printf %f).
ml_secs() {
	local ns=${ml_ns[$1]:-0}
	printf '%d.%09d\n' $((ns / 1000000000)) $((ns % 1000000000))
}
