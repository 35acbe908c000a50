#!/usr/bin/env bash
# tests/mutation/run.sh: show that each defence of the attack catalogue has
# a test that fails without it.  For every mutant of tests/mutation/mutants
# (one defence disabled in a copy of the source), build that copy, run the
# suite case(s) the table names, and require at least one of them to FAIL.
#
#   tests/mutation/run.sh [-c] [-B] [ID...]
#
#   -c   check only: every mutant's edits still apply to this tree (no
#        build, no root; CI runs this, so the table cannot go stale)
#   -B   no baseline run (see below)
#   ID   only these mutants (default: all)
#
# Needs root (the suites create users, mounts and a setuid binary), 10 to
# 30 seconds a mutant.  First a baseline: each suite runs, unmutated, every
# case the table names, and all of them must PASS, so that a FAIL under a
# mutant is the mutant's doing.  Then one suite run per mutant, with
# CWT_WRAPPER_SRC pointing at the mutated copy, CWT_ONLY selecting the
# cases and CWT_BUILDS the extra builds they need.  The suite "unit" is the
# Check suites (configure, make check) of the mutated copy.
#
# The copy holds the tracked files of this checkout as they are in the
# working tree.  Everything goes to _mutation/ (MUTATION_OUT): logs/ID.log
# per run.  Prints PASS:/FAIL: per mutant ("killed by" the failing case)
# and "N passed, N failed"; exit 0 iff every mutant was killed.
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
table=$top/tests/mutation/mutants
mutate=$top/tests/mutation/mutate.py
out=${MUTATION_OUT:-$top/_mutation}
# A mutant may make a suite hang (a wrapper that never exits): bound it.
suite_timeout=${MUTATION_TIMEOUT:-1200}

check_only=false
baseline=true
usage() {
	sed -n '7,11p' "$0" | sed 's/^# \{0,1\}//'
	exit 2
}
while getopts 'cBh' opt; do
	case $opt in
	c) check_only=true ;;
	B) baseline=false ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))

if $check_only; then
	if msg=$(python3 "$mutate" check "$table" "$top" 2>&1); then
		echo "PASS: mutation table: $msg to this tree"
		echo "1 passed, 0 failed"
		exit 0
	fi
	echo "FAIL: mutation table: $msg"
	echo "0 passed, 1 failed"
	exit 1
fi

if [ "$(id -u)" != 0 ]; then
	echo "tests/mutation/run.sh: the suites need root" >&2
	exit 2
fi

# id row suite builds case, one mutant a line (separated by 0x1f).
declare -a IDS=()
declare -A ROW SUITE BUILDS CASE
while IFS=$'\x1f' read -r id row suite builds case; do
	IDS+=("$id")
	ROW[$id]=$row SUITE[$id]=$suite BUILDS[$id]=$builds CASE[$id]=$case
done < <(python3 "$mutate" list "$table") || exit 1
[ ${#IDS[@]} -gt 0 ] || { echo "no mutants in $table" >&2; exit 1; }
if [ $# -gt 0 ]; then
	for id in "$@"; do
		[ -n "${SUITE[$id]:-}" ] || { echo "no mutant $id" >&2; exit 2; }
	done
	IDS=("$@")
fi

rm -rf "$out"
mkdir -p "$out/logs" || exit 1

# The pristine copy, with its build system generated once.
pristine=$out/pristine
copy_tree() {
	mkdir -p "$pristine" &&
		git -C "$top" ls-files -z | tar -C "$top" --null -T - -cf - |
		tar -C "$pristine" -xf - &&
		(cd "$pristine" && autoreconf -fi)
}
if ! copy_tree >"$out/logs/autoreconf.log" 2>&1; then
	echo "FAIL: copying the tree (log $out/logs/autoreconf.log)"
	echo "0 passed, 1 failed"
	exit 1
fi

# run_suite SRC SUITE BUILDS CASE-RE LOG: run it; its output goes to LOG.
run_suite() {
	local src=$1 suite=$2 builds=$3 re=$4 log=$5
	if [ "$suite" = unit ]; then
		(
			mkdir -p "$src/_b" && cd "$src/_b" &&
				../configure -q --enable-werror &&
				timeout "$suite_timeout" make -j2 check
		) >"$log" 2>&1
		return
	fi
	local script=$top/tests/integration/$suite.sh
	[ "$suite" != integration ] || script=$top/tests/integration/run.sh
	[ -f "$script" ] || { echo "no suite $suite" >"$log"; return 1; }
	CWT_WRAPPER_SRC=$src CWT_ONLY=$re CWT_BUILDS=$builds \
		timeout "$suite_timeout" bash "$script" >"$log" 2>&1
}

# The names of the cases of LOG with result WORD (PASS or FAIL) that match RE.
cases_of() {
	local log=$1 word=$2 re=$3 name
	sed -n "s/^$word: //p" "$log" | while IFS= read -r name; do
		[[ $name =~ $re ]] && printf '%s\n' "$name"
	done
}

passed=0
failed=0

if $baseline; then
	declare -A SUITE_RE SUITE_BUILDS
	for id in "${IDS[@]}"; do
		s=${SUITE[$id]}
		SUITE_RE[$s]="${SUITE_RE[$s]:+${SUITE_RE[$s]}|}(${CASE[$id]})"
		SUITE_BUILDS[$s]="${SUITE_BUILDS[$s]:-} ${BUILDS[$id]}"
	done
	for s in "${!SUITE_RE[@]}"; do
		log=$out/logs/baseline-$s.log
		run_suite "$pristine" "$s" "${SUITE_BUILDS[$s]}" "${SUITE_RE[$s]}" "$log"
		rc=$?
		bad=
		for id in "${IDS[@]}"; do
			[ "${SUITE[$id]}" = "$s" ] || continue
			[ -n "$(cases_of "$log" PASS "${CASE[$id]}")" ] ||
				bad+=" $id"
		done
		if [ "$rc" -eq 0 ] && [ -z "$bad" ] && ! grep -q '^FAIL: ' "$log"; then
			echo "PASS: baseline $s ($(grep -c '^PASS: ' "$log") cases)"
		else
			echo "FAIL: baseline $s (exit $rc; no passing case for:${bad:- -}; log $log)"
			grep '^FAIL: ' "$log" | head -n 5 | sed 's/^/    /'
			failed=$((failed + 1))
		fi
	done
fi

for id in "${IDS[@]}"; do
	m=$out/m/$id
	log=$out/logs/$id.log
	rm -rf "$m"
	mkdir -p "$out/m"
	if ! cp -a "$pristine" "$m" ||
		! python3 "$mutate" apply "$table" "$id" "$m" >"$log" 2>&1; then
		echo "FAIL: $id (${ROW[$id]}): the mutant does not apply"
		sed 's/^/    /' "$log" | head -n 5
		failed=$((failed + 1))
		continue
	fi
	run_suite "$m" "${SUITE[$id]}" "${BUILDS[$id]}" "${CASE[$id]}" "$log"
	killer=$(cases_of "$log" FAIL "${CASE[$id]}" | head -n 1)
	if [ -n "$killer" ]; then
		echo "PASS: $id (${ROW[$id]}): killed by ${SUITE[$id]}: $killer"
		passed=$((passed + 1))
	else
		echo "FAIL: $id (${ROW[$id]}): survived ${SUITE[$id]} /${CASE[$id]}/ (log $log)"
		grep -E '^(PASS|FAIL): ' "$log" | head -n 5 | sed 's/^/    /'
		failed=$((failed + 1))
	fi
	rm -rf "$m"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
