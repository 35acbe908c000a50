#!/usr/bin/env bash
# tests/integration/hardening.sh: the installed wrapper carries the build's
# hardening (STYLE 11, security.md A12): PIE, full RELRO, a stack
# protector, FORTIFY and a non-executable stack, as readelf (binutils) shows.
#
#   tests/integration/hardening.sh [BINARY]
#
# With BINARY: check that file (for example an installed
# /usr/lib/cgi-bin/cgiwrap).  Without: configure the tree with its defaults
# (--enable-werror), build out of tree and "make install DESTDIR=..." into a
# temporary directory, then check the installed file.  Needs no root: a
# DESTDIR install leaves the setuid bit off, which is not checked here.
# Prints PASS:/FAIL: per check and "N passed, N failed"; exit 0 iff all passed.
#
# The check functions run indirectly, through check:
# shellcheck disable=SC2317
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
passed=0
failed=0
tmp=

cleanup() {
	[ -z "$tmp" ] || rm -rf -- "$tmp"
}
trap cleanup EXIT

check() {
	local name=$1
	shift
	if "$@"; then
		echo "PASS: $name"
		passed=$((passed + 1))
	else
		echo "FAIL: $name"
		failed=$((failed + 1))
		return 1
	fi
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
	exit $?
}

# build_and_install: the default build, installed under $tmp/dest.
build_and_install() {
	local b=$tmp/build
	if [ ! -x "$top/configure" ]; then
		(cd "$top" && autoreconf -fi) >"$tmp/autoreconf.log" 2>&1 ||
			{ tail -n 20 "$tmp/autoreconf.log"; return 1; }
	fi
	if ! (mkdir -p "$b" && cd "$b" &&
		"$top/configure" -q --enable-werror \
			--with-install-dir=/usr/lib/cgi-bin &&
		make -j2 &&
		make install DESTDIR="$tmp/dest") >"$tmp/build.log" 2>&1; then
		tail -n 25 "$tmp/build.log"
		return 1
	fi
	bin=$tmp/dest/usr/lib/cgi-bin/cgiwrap
}

bin=${1:-}
if ! command -v readelf >/dev/null; then
	check "readelf is installed (Debian: binutils)" false
	finish
fi
if [ -z "$bin" ]; then
	tmp=$(mktemp -d) || exit 1
	check "build and install the wrapper (default configuration)" build_and_install
	[ "$failed" -eq 0 ] || finish
fi
is_elf() {
	[ -f "$bin" ] && readelf -h "$bin" >/dev/null 2>&1
}

if ! check "the binary exists and is ELF: $bin" is_elf; then
	finish
fi

header=$(readelf -h -W "$bin")
segments=$(readelf -l -W "$bin")
dynamic=$(readelf -d -W "$bin")
imports=$(readelf --dyn-syms -W "$bin" | awk '$7 == "UND" { sub(/@.*/, "", $8); print $8 }')

is_pie() {
	grep -Eq '^ *Type: +DYN ' <<<"$header" &&
		grep -Eq '^ *INTERP ' <<<"$segments"
}

has_relro() {
	grep -Eq '^ *GNU_RELRO ' <<<"$segments"
}

# BIND_NOW: DT_BIND_NOW, DT_FLAGS with BIND_NOW, or DT_FLAGS_1 with NOW.
binds_now() {
	grep -Eq '\(BIND_NOW\)|\(FLAGS\) .*BIND_NOW|\(FLAGS_1\) .*Flags:.* NOW( |$)' <<<"$dynamic"
}

has_stack_protector() {
	grep -Fxq __stack_chk_fail <<<"$imports"
}

# FORTIFY: checked variants such as __memcpy_chk or __snprintf_chk.
fortified() {
	grep -Ev '^__stack_chk_fail$' <<<"$imports" | grep -Eq '^__[a-z0-9_]+_chk$'
}

# PT_GNU_STACK present, flags without E.
stack_not_executable() {
	local flags
	flags=$(awk '$1 == "GNU_STACK" { print $(NF - 1) }' <<<"$segments")
	[ -n "$flags" ] && [[ $flags != *E* ]]
}

check "PIE: ELF type DYN with a PT_INTERP" is_pie
check "RELRO: a PT_GNU_RELRO segment" has_relro
check "full RELRO: BIND_NOW (DT_FLAGS BIND_NOW or DT_FLAGS_1 NOW)" binds_now
check "stack protector: __stack_chk_fail imported" has_stack_protector
check "FORTIFY: *_chk functions imported ($(grep -Ec '^__[a-z0-9_]+_chk$' <<<"$imports") found)" fortified
check "no executable stack: PT_GNU_STACK without X" stack_not_executable
finish
