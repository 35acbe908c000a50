# shellcheck shell=bash
# shellcheck source-path=SCRIPTDIR
# Variables set here are read by the suites:
# shellcheck disable=SC2034
# The shared fixture of the root test suites (tests/integration/run.sh,
# tests/apache/run.sh): throwaway users, a real build of the wrapper
# installed setuid root, a jail with the homes bind-mounted into it, a
# statically linked probe CGI, run helpers, assertions and a case runner.
#
# Everything lives under /srv/cgiwrap-test/<suite> (a jail must not be under
# /tmp: its ancestors must be root-owned and not writable by others).  The
# suite re-executes itself in a private mount namespace, so no mount
# outlives it; a trap on EXIT/INT/TERM removes users, groups and files, also
# after a failure midway.
#
# Usage from a suite:
#   . "$(dirname "$0")/../lib/fixture.sh"
#   fixture_start integration "$0" "$@"     # root check, namespace, lock, trap
#   fixture_setup                            # users, build, jail, probe
#   run_case "name" case_function
#   fixture_finish                           # "N passed, N failed", exit code

CWT_TOP=/srv/cgiwrap-test
CWT_SRCDIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
# The wrapper's source tree: this checkout, or CWT_WRAPPER_SRC (for example
# an exported snapshot while the checkout is being edited).
CWT_WRAPPER_SRC=${CWT_WRAPPER_SRC:-$CWT_SRCDIR}

# Every account and group the fixture creates (the prefix cwt is reserved for
# these tests; nothing else is ever removed).
CWT_USERS=(cwtother cwtwww cwtalice cwtbob cwtlow cwtcarol cwtdave)
CWT_GROUPS=(cwtextra cwtlowg cwtweb2)
CWT_WEB=cwtwww

CWT_PASSED=0
CWT_FAILED=0
CWT_CASE_ERRS=()

# ---------------------------------------------------------------------------
# Start, namespace, cleanup
# ---------------------------------------------------------------------------

# fixture_start SUITE SCRIPT ARGS...: be root, be in a private mount
# namespace, hold the suite lock, and clean up on any exit.
fixture_start() {
	local suite=$1 script=$2
	shift 2
	if [ "$(id -u)" != 0 ]; then
		echo "SKIP: the $suite suite must run as root: it creates users, bind mounts and a setuid-root binary"
		exit 77
	fi
	if [ "${CWT_IN_NS:-}" != 1 ]; then
		# Descriptors above 2 inherited from whoever started the suite
		# (GNU time -o, a CI runner) would reach every command: under
		# the descriptor limit of 4 of the A17 cases, fd 3 taken leaves
		# the dynamic loader of setpriv no slot, and nothing runs.
		local fd
		for fd in "/proc/$$/fd"/*; do
			fd=${fd##*/}
			[ "$fd" -le 2 ] || [ "$fd" = 255 ] || eval "exec $fd>&-"
		done
		# A mount made in here can never outlive the suite.
		exec unshare --mount --propagation private -- \
			env CWT_IN_NS=1 bash "$(readlink -f -- "$script")" "$@"
	fi
	CWT_SUITE=$suite
	CWT_DIR=$CWT_TOP/$suite
	install -d -m 0755 -o root -g root "$CWT_TOP"
	# The suites share the user names: one at a time.
	exec {CWT_LOCK_FD}<"$CWT_TOP"
	if ! flock -w 600 "$CWT_LOCK_FD"; then
		echo "FAIL: fixture: another suite holds $CWT_TOP for too long"
		echo "0 passed, 1 failed"
		exit 1
	fi
	trap fixture_cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	fixture_remove_all
}

# The pids of every process of the test users.
fixture_user_pids() {
	local u
	for u in "${CWT_USERS[@]}"; do
		id -u "$u" >/dev/null 2>&1 || continue
		pgrep -u "$u" || true
	done
}

# Kill every process of the test users, by pid, and wait (bounded) until
# they are gone: userdel refuses a user with processes.
fixture_kill_user_processes() {
	local pids i
	for ((i = 0; i < 50; i++)); do
		pids=$(fixture_user_pids)
		[ -n "$pids" ] || return 0
		# shellcheck disable=SC2086 # one pid per word
		kill -KILL $pids 2>/dev/null || true
		sleep 0.1
	done
	echo "cleanup: processes of the test users remain: $pids" >&2
}

# The mount points under the suite directory, deepest first.
fixture_mounts() {
	findmnt -rn -o TARGET | grep -E "^$CWT_DIR(/|\$)" | sort -r
}

fixture_unmount_all() {
	local m
	while read -r m; do
		[ -n "$m" ] || continue
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
	done < <(fixture_mounts)
}

# Users, groups, mounts and files of this suite; quiet, idempotent.
fixture_remove_all() {
	local u g
	fixture_kill_user_processes
	fixture_unmount_all
	for u in "${CWT_USERS[@]}"; do
		if getent passwd "$u" >/dev/null; then
			userdel -r "$u" >/dev/null 2>&1 || userdel -f -r "$u" >/dev/null 2>&1 || true
		fi
	done
	for g in "${CWT_GROUPS[@]}" "${CWT_USERS[@]}"; do
		if getent group "$g" >/dev/null; then
			groupdel "$g" >/dev/null 2>&1 || true
		fi
	done
	if [ -n "$(fixture_mounts)" ]; then
		echo "cleanup: mounts remain under $CWT_DIR; not removing it" >&2
		return 1
	fi
	rm -rf -- "$CWT_DIR"
}

fixture_cleanup() {
	local rc=$? left
	trap - EXIT INT TERM
	set +e
	if declare -F suite_cleanup >/dev/null; then
		suite_cleanup
	fi
	fixture_remove_all || rc=1
	left=$(getent passwd | grep -E '^cwt' | cut -d: -f1 | tr '\n' ' ')
	if [ -n "$left" ]; then
		echo "cleanup: users left behind: $left" >&2
		rc=1
	fi
	if [ -e "$CWT_DIR" ]; then
		echo "cleanup: $CWT_DIR left behind" >&2
		rc=1
	fi
	# The shared top goes too once empty (another suite may still use it).
	rmdir -- "$CWT_TOP" 2>/dev/null
	exit "$rc"
}

# fixture_abort WHY: setup failed; the cases cannot run.
fixture_abort() {
	echo "FAIL: fixture setup: $*"
	CWT_FAILED=$((CWT_FAILED + 1))
	echo "$CWT_PASSED passed, $CWT_FAILED failed"
	exit 1
}

# ---------------------------------------------------------------------------
# Users, build, jail
# ---------------------------------------------------------------------------

fixture_home() { echo "$CWT_DIR/home/$1"; }
uid_of() { id -u "$1"; }
gid_of() { getent group "$1" | cut -d: -f3; }

fixture_users() {
	local h=$CWT_DIR/home
	install -d -m 0755 -o root -g root "$h"
	groupadd cwtextra || return 1
	groupadd -r cwtlowg || return 1
	groupadd cwtweb2 || return 1
	# The web server's account: the wrapper's only legitimate caller.
	useradd -M -d /nonexistent -s /usr/sbin/nologin -U cwtwww || return 1
	# Targets: alice has scripts and an extra group (gid >= 1000).
	useradd -m -d "$h/cwtalice" -s /bin/bash -U -G cwtextra cwtalice || return 1
	# bob: no cgi directory; a login shell not in /etc/shells.
	useradd -m -d "$h/cwtbob" -s /usr/sbin/nologin -U cwtbob || return 1
	# A system account (uid < 1000).
	useradd -r -m -d "$h/cwtlow" -s /bin/bash -U cwtlow || return 1
	# Another local user, member of the wrapper's install group.
	useradd -M -d /nonexistent -s /bin/bash -U -G cwtwww cwtother || return 1
	# Primary gid < 1000; a supplementary gid < 1000.
	useradd -m -d "$h/cwtcarol" -s /bin/bash -g cwtlowg cwtcarol || return 1
	useradd -m -d "$h/cwtdave" -s /bin/bash -U -G cwtlowg cwtdave || return 1
}

# The generated build system, once (the source tree is shared).
fixture_autoreconf() {
	local src=$CWT_WRAPPER_SRC
	if [ ! -x "$src/configure" ] ||
		[ "$src/configure.ac" -nt "$src/configure" ] ||
		[ "$src/Makefile.am" -nt "$src/Makefile.in" ]; then
		(cd "$src" && autoreconf -fi) >"$CWT_DIR/autoreconf.log" 2>&1 ||
			{ tail -n 20 "$CWT_DIR/autoreconf.log"; return 1; }
	fi
}

# bin_dir NAME: where build NAME is installed ($CWT_DIR/bin for "main").
bin_dir() {
	if [ "$1" = main ]; then echo "$CWT_DIR/bin"; else echo "$CWT_DIR/$1-bin"; fi
}

# fixture_build NAME [CONFIGURE-OPTION...]: build out of tree and install
# setuid root into $(bin_dir NAME), logging to $CWT_DIR/log/NAME.log.
# The defaults come first; later options override them.
# CWT_EXTRA_CONFIGURE (words, e.g. --enable-sanitizers) is added to every
# build; CWT_WRAPPER_ENV (words NAME=value, e.g. ASAN_OPTIONS=...) to the
# wrapper's environment, ahead of the request's.
# shellcheck disable=SC2086
fixture_build() {
	local name=$1 b=$CWT_DIR/build-$1 bin
	bin=$(bin_dir "$1")
	shift
	install -d -m 0755 -o root -g root "$b" "$CWT_DIR/log"
	(
		cd "$b" &&
			"$CWT_WRAPPER_SRC/configure" -q \
				--with-httpd-user="$CWT_WEB" \
				--with-chroot="$CWT_DIR/jail" \
				--with-logging-file="$CWT_DIR/log/$name.log" \
				--with-install-dir="$bin" \
				--prefix="$b/prefix" \
				--with-minimum-uid=1000 \
				--with-cgiwrapd \
				--enable-werror ${CWT_EXTRA_CONFIGURE:-} "$@" &&
			make -j2 &&
			make install
	) >"$b.log" 2>&1 || {
		echo "build $name failed:"
		tail -n 25 "$b.log"
		return 1
	}
	chmod 0755 "$bin"
}

# The jail: sh and what it loads, /dev/null, the homes bind-mounted
# ro,nosuid,nodev at their host paths.
fixture_jail() {
	local u
	# shellcheck source=../../scripts/jail-lib.sh
	. "$CWT_SRCDIR/scripts/jail-lib.sh"
	jail_init "$CWT_DIR/jail" || return 1
	jail_add_program "$CWT_DIR/jail" /bin/sh || return 1
	for u in cwtalice cwtbob cwtlow cwtcarol cwtdave; do
		jail_bind_home "$CWT_DIR/jail" "$u" || return 1
	done
}

# The probe (static: the jail has no libraries for it) and the exec helper.
fixture_tools() {
	local t=$CWT_DIR/tools
	install -d -m 0755 -o root -g root "$t"
	gcc -static -O2 -Wall -Wextra -Werror \
		-DCANARY_PATH="\"$CWT_DIR/canary-host\"" \
		-o "$t/probe" "$CWT_SRCDIR/tests/integration/probe.c" || return 1
	gcc -O2 -Wall -Wextra -Werror -o "$t/cwtexec" \
		"$CWT_SRCDIR/tests/lib/cwtexec.c" || return 1
	chmod 0755 "$t/probe" "$t/cwtexec"
	# On the host only: the jail must hide it.
	echo "host only" >"$CWT_DIR/canary-host"
	chmod 0644 "$CWT_DIR/canary-host"
}

# cgi_mkdir USER RELDIR [MODE [OWNER[:GROUP]]]: a directory below the
# user's cgi directory (or the cgi directory itself for RELDIR "").
cgi_mkdir() {
	local user=$1 rel=$2 mode=${3:-0755} owner=${4:-$1:$1}
	local d
	d=$(fixture_home "$user")/public_html/cgi-bin${rel:+/$rel}
	install -d -m "$mode" -o "${owner%%:*}" -g "${owner#*:}" "$d"
	chmod "$mode" "$d"
}

# cgi_put USER RELPATH [MODE [OWNER[:GROUP] [SOURCE]]]: a script (the probe
# by default) below the user's cgi directory.
cgi_put() {
	local user=$1 rel=$2 mode=${3:-0755} owner=${4:-$1:$1}
	local src=${5:-$CWT_DIR/tools/probe}
	local f
	f=$(fixture_home "$user")/public_html/cgi-bin/$rel
	install -m "$mode" -o "${owner%%:*}" -g "${owner#*:}" "$src" "$f"
	chmod "$mode" "$f"
}

# The common tree: alice's cgi directory with the probe under the names of
# spec section 6.
fixture_alice_tree() {
	local h
	h=$(fixture_home cwtalice)
	install -d -m 0755 -o cwtalice -g cwtalice "$h/public_html"
	chmod 0755 "$h"
	cgi_mkdir cwtalice "" &&
		cgi_mkdir cwtalice sub &&
		cgi_mkdir cwtalice sub/deeper &&
		cgi_put cwtalice argv.cgi &&
		cgi_put cwtalice env.cgi &&
		cgi_put cwtalice probe.cgi &&
		cgi_put cwtalice sub/argv.cgi &&
		cgi_put cwtalice sub/deeper/argv.cgi
}

# fixture_base: the suite directory, the run files and the test users.
fixture_base() {
	install -d -m 0755 -o root -g root "$CWT_DIR"
	CWT_OUT=$CWT_DIR/out
	CWT_ERR=$CWT_DIR/err
	CWT_STDIN=/dev/null
	fixture_users || fixture_abort "creating the test users"
}

# fixture_setup BUILD-NAME [CONFIGURE-OPTION...]: everything a suite needs.
fixture_setup() {
	local name=$1
	shift
	fixture_base
	fixture_tools || fixture_abort "compiling the probe and helper"
	fixture_autoreconf || fixture_abort "autoreconf"
	fixture_build "$name" "$@" || fixture_abort "building the wrapper ($name)"
	fixture_jail || fixture_abort "building the jail"
	fixture_alice_tree || fixture_abort "alice's cgi directory"
	use_build "$name"
	CWT_CALLER=$CWT_WEB
}

# Raising a hard limit needs CAP_SYS_RESOURCE, which some containers and
# service managers take out of the bounding set.
have_sys_resource() {
	local bnd
	bnd=$(sed -n 's/^CapBnd:[[:space:]]*//p' /proc/self/status)
	(((0x$bnd >> 24) & 1))
}

# fixture_wanted NAME: whether a suite's extra build NAME (and its cases)
# is wanted: always, unless CWT_BUILDS lists the wanted ones (words; the
# mutation tests build only what the cases they run need).
fixture_wanted() {
	[ -z "${CWT_BUILDS+set}" ] || [[ " $CWT_BUILDS " == *" $1 "* ]]
}

# use_build NAME: the binary and log file of that build.
use_build() {
	CWT_BIN=$(bin_dir "$1")/cgiwrap
	CWT_LOG=$CWT_DIR/log/$1.log
}

# ---------------------------------------------------------------------------
# A private Apache (prefork, mod_cgi) on 127.0.0.1:PORT serving the main
# build's install directory as /cgi-bin/, as the web user.  Its config, pid
# file and logs live in $CWT_DIR/apache; a suite's suite_cleanup calls
# fixture_apache_stop.
# ---------------------------------------------------------------------------

CWT_AP_MODS=/usr/lib/apache2/modules

fixture_apache_config() {
	local ap=$CWT_DIR/apache port=$1
	install -d -m 0755 -o root -g root "$ap" "$ap/run" "$ap/htdocs" "$ap/logs"
	cat >"$ap/httpd.conf" <<EOF
ServerRoot "$ap"
ServerName localhost
Listen 127.0.0.1:$port
PidFile "$ap/httpd.pid"
DefaultRuntimeDir "$ap/run"
Mutex file:$ap/run default
ErrorLog "$ap/logs/error.log"
LogLevel warn
User $CWT_WEB
Group $CWT_WEB
LoadModule mpm_prefork_module $CWT_AP_MODS/mod_mpm_prefork.so
LoadModule authz_core_module $CWT_AP_MODS/mod_authz_core.so
LoadModule alias_module $CWT_AP_MODS/mod_alias.so
LoadModule cgi_module $CWT_AP_MODS/mod_cgi.so
StartServers 2
MinSpareServers 1
MaxSpareServers 3
MaxRequestWorkers 8
Timeout 20
DocumentRoot "$ap/htdocs"
<Directory />
	AllowOverride None
	Require all denied
</Directory>
<Directory "$ap/htdocs">
	Require all granted
</Directory>
ScriptAlias /cgi-bin/ "$CWT_DIR/bin/"
<Directory "$CWT_DIR/bin">
	AllowOverride None
	Require all granted
</Directory>
EOF
}

# fixture_apache_start PORT: configure, start, wait (bounded) for an answer.
fixture_apache_start() {
	local ap=$CWT_DIR/apache port=$1 i
	fixture_apache_config "$port" || return 1
	env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		apache2 -d "$ap" -f "$ap/httpd.conf" -k start {CWT_LOCK_FD}<&- ||
		{ cat "$ap/logs/error.log" 2>/dev/null; return 1; }
	for ((i = 0; i < 100; i++)); do
		if curl -s --noproxy '*' --max-time 2 -o /dev/null "http://127.0.0.1:$port/"; then
			return 0
		fi
		sleep 0.1
	done
	echo "apache did not answer on port $port"
	cat "$ap/logs/error.log" 2>/dev/null
	return 1
}

# fixture_apache_stop: stop it (bounded), killing it if it will not go.
fixture_apache_stop() {
	local ap=$CWT_DIR/apache pid i
	[ -f "$ap/httpd.conf" ] || return 0
	env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		apache2 -d "$ap" -f "$ap/httpd.conf" -k stop >/dev/null 2>&1
	pid=$(cat "$ap/httpd.pid" 2>/dev/null || true)
	for ((i = 0; i < 50; i++)); do
		if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then break; fi
		sleep 0.1
	done
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill -KILL "$pid" 2>/dev/null
	fi
	# The children run as the web user: the fixture kills and awaits them.
}

# ---------------------------------------------------------------------------
# Running the wrapper
# ---------------------------------------------------------------------------

# Settable by a case (bash's dynamic scope: "local CWT_CALLER=cwtother"):
#   CWT_BIN CWT_LOG CWT_CALLER CWT_STDIN
#   CWT_CALLER_GROUPS  supplementary groups of the caller (default none)
#   CWT_PRE            command words before setpriv (e.g. the signal blocker)
#   CWT_SETPRIV_EXTRA  more setpriv options (e.g. --no-new-privs)
#   CWT_ARGS           the wrapper's argv[1..]
CWT_CALLER_GROUPS=
CWT_PRE=()
CWT_SETPRIV_EXTRA=()
CWT_ARGS=()

log_count() {
	if [ -f "$CWT_LOG" ] && [ ! -L "$CWT_LOG" ]; then
		wc -l <"$CWT_LOG"
	else
		echo 0
	fi
}

# run_as_web ENV...: run the installed wrapper as the caller with exactly
# the environment ENV, like Apache's mod_cgi does.  Sets RC (exit code),
# NLOG (new log lines), LOGLINES (them), LOGLINE (the last), OUT and ERR
# (files with stdout and stderr).
# shellcheck disable=SC2086
run_as_web() {
	local before after
	local -a groups=(--clear-groups)
	[ -z "$CWT_CALLER_GROUPS" ] || groups=(--groups "$CWT_CALLER_GROUPS")
	before=$(log_count)
	"${CWT_PRE[@]}" setpriv --reuid="$CWT_CALLER" --regid="$CWT_CALLER" \
		"${groups[@]}" "${CWT_SETPRIV_EXTRA[@]}" \
		env -i ${CWT_WRAPPER_ENV:-} "$@" "$CWT_BIN" "${CWT_ARGS[@]}" \
		<"$CWT_STDIN" >"$CWT_OUT" 2>"$CWT_ERR"
	RC=$?
	OUT=$CWT_OUT
	ERR=$CWT_ERR
	after=$(log_count)
	NLOG=$((after - before))
	LOGLINES=
	LOGLINE=
	if [ "$NLOG" -gt 0 ]; then
		LOGLINES=$(tail -n "$NLOG" "$CWT_LOG")
		LOGLINE=$(tail -n 1 "$CWT_LOG")
	fi
}

# cgi_get PATH_INFO QUERY_STRING [ENV...]: a GET as Apache would pass it
# (PATH_INFO "-": the query form, no PATH_INFO and no PATH_TRANSLATED).
cgi_get() {
	local pi=$1 qs=$2
	shift 2
	local -a env=(
		GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=GET
		SCRIPT_NAME=/cgi-bin/cgiwrap
		SCRIPT_FILENAME=/usr/lib/cgi-bin/cgiwrap
		DOCUMENT_ROOT=/var/www/html SERVER_NAME=localhost
		SERVER_PORT=80 SERVER_PROTOCOL=HTTP/1.1 REMOTE_ADDR=192.0.2.7
		QUERY_STRING="$qs"
	)
	if [ "$pi" != - ]; then
		env+=(PATH_INFO="$pi" PATH_TRANSLATED="/var/www/html$pi")
	fi
	run_as_web "${env[@]}" "$@"
}

# ---------------------------------------------------------------------------
# Assertions: each failed one adds a line of evidence to the current case.
# ---------------------------------------------------------------------------

note_failure() { CWT_CASE_ERRS+=("$*"); }

assert_eq() {
	[ "$2" = "$3" ] || note_failure "$1: expected '$2', got '$3'"
}

assert_rc() { assert_eq "exit code" "$1" "$RC"; }

assert_nlog() { assert_eq "new log lines" "$1" "$NLOG"; }

# assert_out_has STRING / assert_out_lacks STRING: in the wrapper's stdout.
assert_out_has() {
	grep -qF -- "$1" "$OUT" || note_failure "stdout lacks '$1'"
}
assert_out_lacks() {
	! grep -qF -- "$1" "$OUT" || note_failure "stdout has '$1'"
}

assert_log_has() {
	case $LOGLINE in
	*"$1"*) ;;
	*) note_failure "log line lacks '$1': $LOGLINE" ;;
	esac
}

# probe_val KEY: the probe's value for KEY (the first one).
probe_val() { sed -n "s/^$1=//p" "$OUT" | head -n 1; }

# assert_kv KEY VALUE: the probe reported exactly KEY=VALUE.
assert_kv() {
	grep -qxF -- "$1=$2" "$OUT" ||
		note_failure "probe: expected $1=$2, got $1=$(probe_val "$(printf '%s' "$1" | sed 's/[][]/\\&/g')")"
}

# assert_env NAME VALUE / assert_no_env NAME: the script's environment.
assert_env() {
	grep -qxF -- "env=$1=$2" "$OUT" ||
		note_failure "script env: expected $1=$2, got '$(sed -n "s/^env=$1=/=/p" "$OUT" | head -n 1)'"
}
assert_no_env() {
	! grep -q -- "^env=$1=" "$OUT" ||
		note_failure "script env has $(grep -- "^env=$1=" "$OUT" | head -n 1)"
}

# assert_ran: the probe ran to its end, and exactly one allow line.
assert_ran() {
	assert_rc 0
	if ! grep -qx 'probe_end=1' "$OUT"; then
		note_failure "the probe did not run: $(head -n 1 "$OUT")"
		return
	fi
	assert_nlog 1
	assert_log_has "decision=allow"
}

status_phrase() {
	case $1 in
	400) echo "Bad Request" ;;
	403) echo "Forbidden" ;;
	404) echo "Not Found" ;;
	*) echo "Internal Server Error" ;;
	esac
}

# assert_page STATUS: the CGI error response of spec 9.2.
assert_page() {
	local status=$1 phrase
	phrase=$(status_phrase "$status")
	assert_eq "status line" "Status: $status $phrase" "$(sed -n 1p "$OUT")"
	assert_eq "content type" "Content-Type: text/html; charset=utf-8" "$(sed -n 2p "$OUT")"
	assert_eq "header end" "" "$(sed -n 3p "$OUT")"
	assert_out_has "<title>$status $phrase</title>"
}

# expect_refusal STATUS EXIT TOKEN: page, exit code and one log line with
# the decision and reason (spec 9.1, 10).
expect_refusal() {
	local status=$1 code=$2 token=$3 decision=deny
	[ "$status" != 500 ] || decision=error
	assert_page "$status"
	assert_rc "$code"
	assert_nlog 1
	assert_log_has "decision=$decision status=$status reason=$token"
}

# expect_unlogged_refusal STATUS EXIT TOKEN: the same, but no line in the
# log file (refusals before the log opens, spec 3 steps 1-5).
expect_unlogged_refusal() {
	assert_page "$1"
	assert_rc "$2"
	assert_nlog 0
}

# ---------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------

# run_case NAME FUNCTION [ARG...]: PASS or FAIL with a little evidence.
# With CWT_ONLY (an extended regular expression), only the cases whose names
# match it run; the others are not counted (tests/mutation/run.sh uses it).
run_case() {
	local name=$1 e n=0
	shift
	if [ -n "${CWT_ONLY:-}" ] && ! [[ $name =~ $CWT_ONLY ]]; then
		return 0
	fi
	CWT_CASE_ERRS=()
	RC='' NLOG=0 LOGLINE='' OUT=$CWT_OUT
	: >"$CWT_OUT"
	"$@"
	if [ "${#CWT_CASE_ERRS[@]}" -eq 0 ]; then
		echo "PASS: $name"
		CWT_PASSED=$((CWT_PASSED + 1))
		return 0
	fi
	echo "FAIL: $name"
	for e in "${CWT_CASE_ERRS[@]}"; do
		n=$((n + 1))
		[ "$n" -le 6 ] || break
		printf '    %s\n' "$e"
	done
	printf '    rc=%s first line: %s\n' "${RC:-}" "$(head -c 200 "$CWT_OUT" 2>/dev/null | head -n 1)"
	[ -z "$LOGLINE" ] || printf '    log: %s\n' "$(printf '%s' "$LOGLINE" | cut -c1-300)"
	CWT_FAILED=$((CWT_FAILED + 1))
	return 1
}

fixture_finish() {
	echo "$CWT_PASSED passed, $CWT_FAILED failed"
	[ "$CWT_FAILED" -eq 0 ] && [ "$CWT_PASSED" -gt 0 ]
	exit $?
}
