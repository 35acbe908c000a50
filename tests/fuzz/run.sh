#!/usr/bin/env bash
# tests/fuzz/run.sh: build the libFuzzer targets of the pure parsers and run
# each one; any crash, sanitizer report, broken invariant, leak or timeout
# fails it.
#
#   tests/fuzz/run.sh [-j JOBS] [-r RUNS] [-b|-n] [SECONDS] [TARGET...]
#
#   SECONDS   time per target (default 20; CI uses the default)
#   -r RUNS   run each target for RUNS executions (and at most SECONDS,
#             when given)
#   -j JOBS   targets run at a time (default 2)
#   -b        build only
#   -n        no build: use the targets already in _fuzz/bin
#   TARGET    request query acl shells rewrite vhost addr env errpage log
#             (default: all)
#
# Long run (docs/security.md has the figures of the last one):
#   tests/fuzz/run.sh -j 2 -r 10000000
#
# Built with clang -fsanitize=fuzzer,address,undefined (Debian: clang and
# libclang-rt-14-dev) into _fuzz/ (FUZZ_OUT), out of tree.  Each target
# starts from its checked-in seeds tests/fuzz/corpus/<target>/ and keeps
# what it learns in _fuzz/corpus/<target>/ (never in the source tree).
# Crash inputs go to _fuzz/artifacts/<target>/; replay one with
#   _fuzz/bin/fuzz_<target> _fuzz/artifacts/<target>/crash-...
# Prints PASS:/FAIL: per target and "N passed, N failed"; exit 0 iff all passed.
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=${FUZZ_OUT:-$top/_fuzz}
cc=${CC_FUZZ:-clang}

# Target and its -max_len: above the length limits of the parser (user
# 256, line 4096, vhost 255, address 45), so the fuzzer can cross each one;
# the 64 KiB environment and 4 KiB page and log field limits are crossed by
# the targets' padding flags instead.
declare -A MAX_LEN=(
	[request]=4200 [query]=4200 [acl]=8400 [shells]=8400 [rewrite]=8400
	[vhost]=1200 [addr]=200 [env]=8400 [errpage]=1100 [log]=1100
)
# errpage and log build msg.c with a 64-byte field limit instead of 4096:
# their inputs then cross it by themselves, and a page or log line costs
# microseconds instead of milliseconds (the code is the same; the unit
# tests check the 4096 limit of the wrapper).
declare -A DEFS=([errpage]=-DMSG_MAX_FIELD=64 [log]=-DMSG_MAX_FIELD=64)
ALL=(request query acl shells rewrite vhost addr env errpage log)
PURE=(reason request user addr vhost rewrite script env msg)

jobs=2
runs=
seconds=20
build_only=false
no_build=false

usage() {
	sed -n '6,16p' "$0" | sed 's/^# \{0,1\}//'
	exit 2
}

while getopts 'j:r:bnh' opt; do
	case $opt in
	n) no_build=true ;;
	j) jobs=$OPTARG ;;
	r) runs=$OPTARG ;;
	b) build_only=true ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
time_given=false
if [ $# -gt 0 ] && [[ $1 =~ ^[0-9]+$ ]]; then
	seconds=$1
	time_given=true
	shift
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${ALL[@]}")
for t in "${targets[@]}"; do
	[ -n "${MAX_LEN[$t]:-}" ] || { echo "unknown target: $t" >&2; usage; }
done

CFLAGS=(-g -O1 -fno-omit-frame-pointer -std=gnu11 -Wall -Wextra -Werror
	-D_GNU_SOURCE -I"$top/src" -I"$top/tests/unit" -I"$top/tests/fuzz"
	-fno-sanitize-recover=all)
SAN=address,undefined

build() {
	local m t o objs=() tobjs def
	mkdir -p "$out/obj" "$out/bin" || return 1
	# The pure modules, instrumented for coverage (libFuzzer's main is
	# linked only into the targets).
	for m in "${PURE[@]}"; do
		"$cc" "${CFLAGS[@]}" -fsanitize=fuzzer-no-link,$SAN \
			-c "$top/src/$m.c" -o "$out/obj/$m.o" || return 1
		objs+=("$out/obj/$m.o")
	done
	# The targets' own checks are not instrumented for coverage: the
	# figures count the code under test, and the checks cost less.
	for t in "${targets[@]}"; do
		read -ra def <<<"${DEFS[$t]:-}"
		tobjs=("${objs[@]}")
		if [ ${#def[@]} -gt 0 ]; then
			# This target's own copy of msg.o, with its definitions.
			"$cc" "${CFLAGS[@]}" "${def[@]}" \
				-fsanitize=fuzzer-no-link,$SAN -c "$top/src/msg.c" \
				-o "$out/obj/msg_$t.o" || return 1
			for o in "${!tobjs[@]}"; do
				[ "${tobjs[$o]}" != "$out/obj/msg.o" ] ||
					tobjs[o]=$out/obj/msg_$t.o
			done
		fi
		"$cc" "${CFLAGS[@]}" "${def[@]}" -fsanitize=$SAN \
			-c "$top/tests/fuzz/fuzz_$t.c" -o "$out/obj/fuzz_$t.o" &&
			"$cc" -fsanitize=fuzzer,$SAN "$out/obj/fuzz_$t.o" \
				"${tobjs[@]}" -o "$out/bin/fuzz_$t" || return 1
	done
}

# fuzz_one TARGET: run it; the result goes to $out/result/TARGET.
fuzz_one() {
	local t=$1 log=$out/logs/$1.log rc start limit
	local work=$out/corpus/$t art=$out/artifacts/$t/
	mkdir -p "$work" "$art"
	limit=(-max_total_time="$seconds")
	if [ -n "$runs" ]; then
		limit=(-runs="$runs")
		! $time_given || limit+=(-max_total_time="$seconds")
	fi
	start=$SECONDS
	# Leaks count: ASan's leak check runs at exit (detect_leaks=1).
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1} \
		UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
		"$out/bin/fuzz_$t" "${limit[@]}" -max_len="${MAX_LEN[$t]}" \
		-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$art" "$work" "$top/tests/fuzz/corpus/$t" \
		>"$log" 2>&1
	rc=$?
	printf '%s %s\n' "$rc" "$((SECONDS - start))" >"$out/result/$t"
}

# report TARGET: PASS/FAIL with the figures; returns 0 on PASS.
report() {
	local t=$1 log=$out/logs/$1.log rc secs execs eps cov ft
	read -r rc secs <"$out/result/$t" || { rc=1 secs=0; }
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1)
	ft=${cov#*ft: }
	cov=${cov#cov: }
	cov=${cov%% *}
	if [ "$rc" -eq 0 ] && ! grep -qE '^(==[0-9]+==ERROR|SUMMARY: )' "$log"; then
		echo "PASS: fuzz $t (${execs:-?} runs, ${secs}s, ${eps:-?} exec/s, cov ${cov:-?} ft ${ft:-?})"
		return 0
	fi
	echo "FAIL: fuzz $t (exit $rc after ${secs}s; log $log)"
	grep -E 'invariant failed|ERROR: |SUMMARY: |runtime error|Test unit written' "$log" |
		head -n 8 | sed 's/^/    /'
	return 1
}

main() {
	local t passed=0 failed=0
	mkdir -p "$out/logs" "$out/result" || exit 1
	if ! command -v "$cc" >/dev/null; then
		echo "FAIL: fuzz build: $cc not found (Debian: apt-get install clang libclang-rt-14-dev)"
		echo "0 passed, 1 failed"
		exit 1
	fi
	if ! $no_build && ! build >"$out/logs/build.log" 2>&1; then
		echo "FAIL: fuzz build (log $out/logs/build.log)"
		tail -n 20 "$out/logs/build.log" | sed 's/^/    /'
		echo "0 passed, 1 failed"
		exit 1
	fi
	if $build_only; then
		echo "built: $out/bin/fuzz_{$(
			IFS=,
			echo "${targets[*]}"
		)}"
		exit 0
	fi
	for t in "${targets[@]}"; do
		rm -f "$out/result/$t"
	done
	# At most $jobs targets at a time.
	for t in "${targets[@]}"; do
		while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
			wait -n
		done
		fuzz_one "$t" &
	done
	wait
	for t in "${targets[@]}"; do
		if report "$t"; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1))
		fi
	done
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

main
