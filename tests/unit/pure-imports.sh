#!/bin/sh
# The deciders must stay pure: the objects of libcwpure.a may import string,
# memory and formatting functions only.  A getenv, stat, set*id or exit
# creeping into a decider fails this test.
set -u
lib="${top_builddir:-.}/src/libcwpure.a"
test -f "$lib" || { echo "missing $lib"; exit 1; }
own=$(nm --defined-only "$lib" | awk 'NF == 3 { print $3 }' | sort -u)
bad=$(nm -u "$lib" | awk 'NF == 2 { print $2 }' | sort -u |
	grep -Fxv -e "$own" | grep -Ev \
	'^(mem(chr|cmp|cpy|move|set)|str(chr|cmp|cspn|len|ncmp|nlen|rchr|spn|str)|malloc|free|v?snprintf|__(v?snprintf|mem(cpy|move|set)|str[a-z]*)_chk|__stack_chk_fail|__stack_chk_guard|__asan_.*|__ubsan_.*|__sanitizer_.*|_GLOBAL_OFFSET_TABLE_|__x86_indirect_thunk.*)$')
if test -n "$bad"; then
	echo "pure objects import forbidden symbols:"
	echo "$bad"
	exit 1
fi
echo "pure objects import only string and memory functions"
