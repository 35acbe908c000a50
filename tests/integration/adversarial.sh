#!/bin/bash
# The adversarial root suite: the attacks of the security catalogue
# (security.md of the shared specification, rows A1-A26) that
# tests/integration/run.sh does not already cover, run against the installed
# setuid-root wrapper as the web server's user, with real users, a real jail
# and bind mounts.  Needs strace and script(1) besides the fixture's tools.
#
# Every case is meant to fail when the defence it names is removed; where
# the attack also needs the test's own setup to work (a planted NSS module,
# core dumps, a same-uid process outside the jail, TIOCSTI), a positive
# control first shows that the setup would catch it.
#
# Parts of rows covered elsewhere and not repeated here: run.sh (A1 the
# 4750 install and EACCES, A2 argc 0, A3 the allow-list, A6 fds 3 and up,
# A11 "..", "//" and ".", A14 ignored and blocked signals, A17 stack and
# core limits, A18 groups, A19 capabilities and the bounding set, A20
# no_new_privs set by the caller, A21 a new session, A25 writable
# directories, A26 umask and nice); parity.sh (A5/D11 a plain ISINDEX word
# through each interpreter, A23 the vhost override and bad-vhost); the jail
# tool's suite (A22's audit of planted setuid files).
#
# Root only (exit 77 otherwise).  Prints "PASS: name" / "FAIL: name" per case
# and "N passed, N failed"; exits 0 iff every case passed.  Every loop is
# bounded in count and time: the race harness makes the catalogue's 10,000
# exchanges per case and 1,000 SIGSTOPs (CWT_RACE_RUNS, CWT_STOP_RUNS and
# the *_SECONDS caps change that).  Global settings it changes (fs.suid_dumpable,
# kernel.core_pattern, dev.tty.legacy_tiocsti) are saved first and restored
# by the cleanup trap, also after a failure.
#
# Cases override the fixture's run settings (CWT_CALLER, CWT_PRE, ...) with
# "local": bash's dynamic scope hands them to run_as_web.
# Case functions run indirectly, through run_case:
# shellcheck disable=SC2034,SC2317
# shellcheck source-path=SCRIPTDIR
set -u

# shellcheck source=../lib/fixture.sh
. "$(dirname -- "$(readlink -f -- "$0")")/../lib/fixture.sh"
fixture_start adversarial "$0" "$@"

# ---------------------------------------------------------------------------
# Global settings: saved before anything changes them, restored on any exit
# ---------------------------------------------------------------------------

SYSCTLS=(/proc/sys/fs/suid_dumpable /proc/sys/kernel/core_pattern
	/proc/sys/dev/tty/legacy_tiocsti)
declare -A SAVED_SYSCTL=()
for f in "${SYSCTLS[@]}"; do
	[ -r "$f" ] && SAVED_SYSCTL[$f]=$(cat "$f")
done
HELPER_PIDS=()

# Numeric-looking account names (A12), created only if useradd accepts
# them; never handed to pgrep, getent or id, which could read them as uids.
ODD_USERS=()

# Field FIELD (3 uid, 4 gid) of account NAME; compared as strings (mawk
# would compare "00" and "0x0" as the number 0).
odd_user_uid() { odd_user_field "$1" 3; }
odd_user_field() {
	awk -F: -v n="$1" -v f="$2" '($1 "") == (n "") { print $f; exit }' /etc/passwd
}

remove_odd_users() {
	local u uid
	for u in "${ODD_USERS[@]}"; do
		uid=$(odd_user_uid "$u")
		if [ -z "$uid" ] || [ "$uid" -lt 1000 ]; then continue; fi
		userdel -f "$u" >/dev/null 2>&1 || true
		if awk -F: -v n="$u" '($1 "") == (n "") { f = 1 } END { exit !f }' /etc/group; then
			groupdel "$u" >/dev/null 2>&1 || true
		fi
	done
}

suite_cleanup() {
	local f p
	for p in "${HELPER_PIDS[@]}"; do
		kill -KILL "$p" 2>/dev/null
	done
	for f in "${!SAVED_SYSCTL[@]}"; do
		printf '%s\n' "${SAVED_SYSCTL[$f]}" >"$f" 2>/dev/null ||
			echo "cleanup: could not restore $f" >&2
	done
	remove_odd_users
}

fixture_setup main

T=$CWT_DIR/tools
JAIL=$CWT_DIR/jail
ADV=$CWT_SRCDIR/tests/integration/adv
ALICE_HOME=$(fixture_home cwtalice)
CGI=$ALICE_HOME/public_html/cgi-bin
DAVE_CGI=$(fixture_home cwtdave)/public_html/cgi-bin
ALICE_UID=$(uid_of cwtalice)
ALICE_GID=$(gid_of cwtalice)
WEB_UID=$(uid_of cwtwww)
WEB_GID=$(gid_of cwtwww)
SN=/cgi-bin/cgiwrap/cwtalice
HOST_MARKER=$CWT_DIR/cwtevil-host-marker

# The suite's helpers: the escape probe and the attacker's probe variant
# (static, for the jail), the race harness, the peeker, the setuid control
# and the planted NSS module.
adv_tools() {
	local w=(-O2 -Wall -Wextra -Werror)
	gcc -static "${w[@]}" -DCANARY_PATH="\"$CWT_DIR/canary-host\"" \
		-o "$T/escape" "$ADV/escape.c" &&
		gcc -static "${w[@]}" -DCANARY_PATH="\"$CWT_DIR/canary-host\"" \
			-DPROBE_TAG='"intruder"' -o "$T/intruder" \
			"$CWT_SRCDIR/tests/integration/probe.c" &&
		gcc "${w[@]}" -o "$T/race" "$ADV/race.c" &&
		gcc "${w[@]}" -o "$T/peek" "$ADV/peek.c" &&
		gcc "${w[@]}" -o "$T/suidpause" "$ADV/suidpause.c" &&
		gcc -shared -fPIC "${w[@]}" -DHOST_MARKER="\"$HOST_MARKER\"" \
			-o "$T/libnss_cwtevil.so.2" "$ADV/nss_evil.c" || return 1
	chmod 0755 "$T"/escape "$T"/intruder "$T"/race "$T"/peek \
		"$T"/libnss_cwtevil.so.2
	# Setuid root, for the core-dump control only; $T is root's 0755.
	chown root:root "$T/suidpause" && chmod 4755 "$T/suidpause"
}

# put_src NAME: stdin as a script source under $T.
put_src() { cat >"$T/$1"; }

adv_tree() {
	# The other user's files: a cgi directory whose argv.cgi is the
	# attacker's probe variant.
	install -d -m 0755 -o cwtdave -g cwtdave "$(fixture_home cwtdave)/public_html" &&
		install -d -m 0755 -o cwtdave -g cwtdave "$DAVE_CGI" &&
		install -m 0755 -o cwtdave -g cwtdave "$T/intruder" "$DAVE_CGI/argv.cgi" &&
		install -m 0755 -o cwtdave -g cwtdave "$T/intruder" "$DAVE_CGI/intruder.cgi" ||
		return 1
	cgi_put cwtalice escape.cgi 0755 cwtalice:cwtalice "$T/escape" || return 1
	# Race pairs (A10): the checked entry and the attacker's, exchanged.
	cgi_put cwtalice race.cgi && cgi_put cwtalice race2.cgi || return 1
	ln -s "$DAVE_CGI/intruder.cgi" "$CGI/race.alt" &&
		chown -h cwtalice:cwtalice "$CGI/race.alt" || return 1
	ln "$DAVE_CGI/intruder.cgi" "$CGI/race2.alt" || return 1
	cgi_mkdir cwtalice racedir && cgi_put cwtalice racedir/argv.cgi || return 1
	ln -s "$DAVE_CGI" "$CGI/racedir.alt" &&
		chown -h cwtalice:cwtalice "$CGI/racedir.alt" || return 1
	# A #!/bin/sh script that shows its environment through dash.
	printf '%s\n' '#!/bin/sh' 'echo "Content-Type: text/plain"' 'echo' \
		'export -p' 'echo sh_end=1' | put_src envsh.src
	cgi_put cwtalice envsh.cgi 0755 cwtalice:cwtalice "$T/envsh.src" || return 1
	printf '#!/usr/bin/perl\nprint "x";\n' | put_src perl.src
	cgi_put cwtalice perl.cgi 0755 cwtalice:cwtalice "$T/perl.src" || return 1
	ln -s argv.cgi "$CGI/ln.cgi" && chown -h cwtalice:cwtalice "$CGI/ln.cgi" &&
		cgi_put cwtalice bob.cgi 0755 cwtbob:cwtalice || return 1
	# A 255-byte name (NAME_MAX) is a legal script name.
	cgi_put cwtalice "$(printf 'n%.0s' {1..251}).cgi" || return 1
	# A25: a g+w directory in the middle of the path.
	cgi_mkdir cwtalice mid && cgi_mkdir cwtalice mid/gw 0775 &&
		cgi_mkdir cwtalice mid/gw/leaf && cgi_put cwtalice mid/gw/leaf/argv.cgi
}

adv_tools || fixture_abort "compiling the adversarial helpers"
adv_tree || fixture_abort "the adversarial tree"

# The environment of a plain GET, as cgi_get builds it, for helpers that
# start the wrapper themselves.
get_env() {	# get_env PATH_INFO
	printf '%s\n' GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=GET \
		SCRIPT_NAME=/cgi-bin/cgiwrap DOCUMENT_ROOT=/var/www/html \
		SERVER_NAME=localhost SERVER_PORT=80 SERVER_PROTOCOL=HTTP/1.1 \
		REMOTE_ADDR=192.0.2.7 QUERY_STRING= "PATH_INFO=$1"
}

# log_bytes: the log's size (0 if absent).
log_bytes() { stat -c %s "$CWT_LOG" 2>/dev/null || echo 0; }

# assert_log_whole: the log ends with a newline and every line is a record.
assert_log_whole() {
	[ -s "$CWT_LOG" ] || return 0
	[ "$(tail -c 1 "$CWT_LOG" | od -An -c | tr -d ' ')" = '\n' ] ||
		note_failure "the log ends in a partial line"
	! grep -qv '^time=[^ ]* pid=[0-9]* .*decision=' "$CWT_LOG" ||
		note_failure "a log line that is no complete record: $(grep -v '^time=[^ ]* pid=[0-9]* .*decision=' "$CWT_LOG" | head -n 1 | cut -c1-120)"
}

assert_no_probe() {
	! grep -q '^probe=1' "$OUT" || note_failure "the probe ran"
	! grep -q '^escape=1' "$OUT" || note_failure "the escape probe ran"
}

# ---------------------------------------------------------------------------
# A1, A2: invocation
# ---------------------------------------------------------------------------

# A1: with the install mode relaxed to 4755 (the original's), a user outside
# the install group reaches main(): the caller check refuses, the loader's
# secure mode ignores LD_PRELOAD and LD_AUDIT, nothing reaches the log file.
c_4755_other_user() {
	local CWT_CALLER=cwtbob CWT_BIN=$T/cgiwrap-4755
	install -m 4755 -o root -g root "$CWT_DIR/bin/cgiwrap" "$CWT_BIN"
	rm -f -- "$HOST_MARKER"
	cgi_get /cwtalice/argv.cgi "" LD_PRELOAD="$T/libnss_cwtevil.so.2" \
		LD_AUDIT="$T/libnss_cwtevil.so.2" GLIBC_TUNABLES=glibc.malloc.check=3
	rm -f -- "$CWT_BIN"
	expect_unlogged_refusal 500 62 wrong-caller
	assert_no_probe
	[ ! -e "$HOST_MARKER" ] || note_failure "the preloaded library ran: $(cat "$HOST_MARKER")"
	rm -f -- "$HOST_MARKER"
}

# A2: an empty argv[0] (PwnKit's cousin of argc 0).
c_argv0_empty() {
	local CWT_BIN=$T/cwtexec
	local -a CWT_ARGS=(envv "$CWT_DIR/bin/cgiwrap" "")
	mapfile -t env < <(get_env /cwtalice/argv.cgi)
	CWT_ARGS+=("${env[@]}")
	run_as_web
	expect_unlogged_refusal 500 60 bad-invocation
	assert_no_probe
}

# ---------------------------------------------------------------------------
# A3, A4: the environment
# ---------------------------------------------------------------------------

# envv_run ENTRY...: the wrapper with exactly these envp entries, verbatim.
envv_run() {
	local CWT_BIN=$T/cwtexec
	local -a CWT_ARGS=(envv "$CWT_DIR/bin/cgiwrap" cgiwrap "$@")
	run_as_web
}

# count_env NAME: how many of the probe's env= lines carry NAME.
count_env() { grep -c -- "^env=$1=" "$OUT"; }

# A4: duplicates keep the first copy only; entries without '=', with an
# empty or invalid name are dropped.
c_env_duplicates() {
	local dup n
	envv_run GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=GET \
		SCRIPT_NAME=/cgi-bin/cgiwrap REMOTE_ADDR=192.0.2.7 \
		PATH_INFO=/cwtalice/env.cgi PATH_INFO=/cwtalice/sub/argv.cgi \
		QUERY_STRING=first QUERY_STRING=second \
		HTTP_X_DUP=1 HTTP_X_DUP=2 PATH=/evil PATH=/evil2 \
		HTTP_BARE =emptyname = =x=y 1BAD=x HTTP_X-DASH=x 'HTTP_SP CE=x' \
		'HTTP_X_OK=yes' 'REMOTE_USER' 'REMOTE_USER=alice1' 'REMOTE_USER=alice2'
	assert_ran
	assert_log_has "request=/env.cgi script=env.cgi"
	assert_kv 'argv[0]' env.cgi
	assert_env QUERY_STRING first
	assert_env HTTP_X_DUP 1
	assert_env REMOTE_USER alice1
	assert_env PATH /usr/local/bin:/usr/bin:/bin
	assert_env HTTP_X_OK yes
	for n in QUERY_STRING HTTP_X_DUP PATH REMOTE_USER PATH_TRANSLATED SCRIPT_NAME; do
		[ "$(count_env "$n")" -le 1 ] || note_failure "$n passed $(count_env "$n") times"
	done
	! grep -q '^env=[^=]*$' "$OUT" || note_failure "an entry without '=' passed: $(grep '^env=[^=]*$' "$OUT" | head -n 1)"
	! grep -q '^env==' "$OUT" || note_failure "an entry with an empty name passed"
	for n in 1BAD HTTP_X-DASH 'HTTP_SP\\x20CE' HTTP_BARE; do
		! grep -q -- "^env=$n" "$OUT" || note_failure "invalid name $n passed"
	done
	dup=$(sed -n 's/^env=\([^=]*\)=.*/\1/p' "$OUT" | sort | uniq -d | head -n 1)
	[ -z "$dup" ] || note_failure "a name passed twice: $dup"
}

# A4: a malformed copy before the real one does not hide it, and the wrapper
# reads the same (first) copy it passes on.
c_env_first_valid() {
	envv_run GATEWAY_INTERFACE=CGI/1.1 REMOTE_ADDR=192.0.2.7 PATH_INFO \
		'PATH_INFO=/cwtalice/argv.cgi/one' 'PATH_INFO=/cwtalice/env.cgi/two'
	assert_ran
	assert_kv 'argv[0]' argv.cgi
	assert_env PATH_INFO /one
	[ "$(count_env PATH_INFO)" = 1 ] || note_failure "PATH_INFO passed $(count_env PATH_INFO) times"
}

# shellcheck disable=SC2016 # the payloads are data
SHOCK1='() { :; }; echo pwned'
# shellcheck disable=SC2016
SHOCK2='() { _; } >_[$($())] { echo pwned; }'

# A3: Shellshock values are data: dash imports no functions, nothing runs.
c_env_shellshock_sh() {
	cgi_get /cwtalice/envsh.cgi "" HTTP_FOO="$SHOCK1" HTTP_COOKIE="$SHOCK2" \
		HTTP_USER_AGENT="$SHOCK1"
	assert_rc 0
	assert_out_has "sh_end=1"
	! grep -qx 'pwned' "$OUT" || note_failure "a Shellshock payload ran"
	grep -q "HTTP_FOO='() { :; }; echo pwned'" "$OUT" ||
		note_failure "HTTP_FOO did not arrive as data: $(grep HTTP_FOO "$OUT")"
	assert_nlog 1
}

c_env_shellshock_probe() {
	cgi_get /cwtalice/argv.cgi "" HTTP_FOO="$SHOCK1" HTTP_COOKIE="$SHOCK2"
	assert_ran
	assert_env HTTP_FOO "$SHOCK1"
	assert_env HTTP_COOKIE "$SHOCK2"
}

# pad_entry NAME TOTAL: "NAME=xxx..." of exactly TOTAL bytes.
pad_entry() {
	local name=$1 total=$2
	printf '%s=' "$name"
	head -c $((total - ${#name} - 1)) /dev/zero | tr '\0' x
}

# A3, A12: an entry of exactly 64 KiB passes whole; one byte more is
# refused, never truncated (spec 5.1).
c_env_entry_limit() {
	local at over
	at=$(pad_entry HTTP_X_BIG 65536)
	cgi_get /cwtalice/argv.cgi "" "$at"
	assert_ran
	grep -qxF -- "env=$at" "$OUT" || note_failure "the 65536-byte entry did not arrive whole"
	over=$(pad_entry HTTP_X_BIG 65537)
	cgi_get /cwtalice/argv.cgi "" "$over"
	expect_refusal 400 12 env-too-large
	assert_no_probe
}

# The base entries of cgi_get /cwtalice/argv.cgi "", and their bytes.
BASE_ENV=()
mapfile -t BASE_ENV < <(get_env /cwtalice/argv.cgi; echo PATH_TRANSLATED=/var/www/html/cwtalice/argv.cgi)
base_bytes() {
	local e n=0
	for e in "${BASE_ENV[@]}"; do n=$((n + ${#e})); done
	echo "$n"
}

# fill_total TOTAL: entries (< 64 KiB each) making the whole env TOTAL bytes.
fill_total() {
	local left i=0
	left=$(($1 - $(base_bytes)))
	while [ "$left" -gt 60000 ]; do
		pad_entry "HTTP_X_F$i" 60000
		echo
		left=$((left - 60000))
		i=$((i + 1))
	done
	pad_entry HTTP_X_LAST "$left"
	echo
}

# A3: 1 MiB in all passes; one byte more is refused.
c_env_total_limit() {
	local -a fill
	mapfile -t fill < <(fill_total 1048576)
	run_as_web "${BASE_ENV[@]}" "${fill[@]}"
	assert_ran
	mapfile -t fill < <(fill_total 1048577)
	run_as_web "${BASE_ENV[@]}" "${fill[@]}"
	expect_refusal 400 12 env-too-large
	assert_no_probe
}

# A3: 1024 entries pass, 1025 are refused (malformed ones count too).
c_env_count_limit() {
	local -a many=()
	local i
	for ((i = ${#BASE_ENV[@]}; i < 1024; i++)); do many+=("HTTP_X_N$i=1"); done
	envv_run "${BASE_ENV[@]}" "${many[@]}"
	assert_ran
	envv_run "${BASE_ENV[@]}" "${many[@]}" BARE_ENTRY_WITHOUT_EQUALS
	expect_refusal 400 12 env-too-large
	assert_no_probe
}

# ---------------------------------------------------------------------------
# A5: ISINDEX words
# ---------------------------------------------------------------------------

# PHP's option words reach a direct-exec script as plain argv words (4.7).
c_isindex_direct() {
	local -a CWT_ARGS=(-s -dauto_prepend_file=/etc/passwd)
	cgi_get /cwtalice/argv.cgi "-s+-dauto_prepend_file%3d/etc/passwd"
	assert_ran
	assert_kv argc 3
	assert_kv 'argv[0]' argv.cgi
	assert_kv 'argv[1]' -s
	assert_kv 'argv[2]' -dauto_prepend_file=/etc/passwd
}

# ... but never an interpreter (D11): [interpreter, basename] only.  The
# interpreter is a copy of the probe inside the jail (see adv2_setup).
c_isindex_interp() {	# BINARY-NAME PATH_INFO
	# Local: the cases after this one use the main build again.
	local CWT_BIN CWT_LOG
	use_build adv2
	CWT_BIN=$(bin_dir adv2)/$1
	local -a CWT_ARGS=(-s -dauto_prepend_file=/etc/passwd -n)
	cgi_get "$2" "-s+-dauto_prepend_file%3d/etc/passwd+-n"
	assert_ran
	assert_kv argc 2
	assert_kv 'argv[0]' /usr/local/bin/cwt-advphp
	assert_kv 'argv[1]' "${2##*/}"
	! grep -q '^argv\[[0-9]*\]=-' "$OUT" ||
		note_failure "an option word reached the interpreter: $(grep '^argv\[[0-9]*\]=-' "$OUT" | head -n 1)"
}

# ---------------------------------------------------------------------------
# A6: standard descriptors closed by the caller
# ---------------------------------------------------------------------------

# run_closed SHELL-REDIRECTIONS PATH_INFO: the wrapper started with the
# caller's fds rearranged by "exec REDIRECTIONS" first; files f3, f4 (and
# f2) under $CWT_DIR/fdt are what the caller opened.
run_closed() {
	local redir=$1 pi=$2 d=$CWT_DIR/fdt
	rm -rf -- "$d"
	install -d -m 0755 -o root -g root "$d"
	: >"$d/f2"
	: >"$d/f3"
	: >"$d/f4"
	local -a CWT_PRE=(bash -c "exec $redir; exec \"\$@\"" closer)
	cgi_get "$pi" ""
}

assert_fd_files_empty() {
	local f
	for f in f2 f3 f4; do
		[ ! -s "$CWT_DIR/fdt/$f" ] ||
			note_failure "the caller's file $f got $(stat -c %s "$CWT_DIR/fdt/$f") bytes: $(head -c 80 "$CWT_DIR/fdt/$f" | tr '\n' ' ')"
	done
}

c_fd2_closed() {
	run_closed "2>&- 3>>$CWT_DIR/fdt/f3 4>>$CWT_DIR/fdt/f4" /cwtalice/argv.cgi
	assert_ran
	assert_kv fds 0,1,2
	assert_fd_files_empty
	assert_log_whole
}

# A refusal with fd 2 closed: its one log line goes to the log.
c_fd2_closed_refusal() {
	run_closed "2>&- 3>>$CWT_DIR/fdt/f3 4>>$CWT_DIR/fdt/f4" /cwtalice/nothere.cgi
	expect_refusal 404 52 script-not-found
	assert_fd_files_empty
	assert_log_whole
}

# 0, 1 and 2 all closed: something harmless is put there (glibc's secure
# mode already opens /dev/full and a read-only /dev/null, so the probe's
# writes fail: its exit code is not checked), the log still gets the allow
# line, and no file the wrapper opens lands on 0-2 to receive output.
c_fd012_closed() {
	run_closed "0<&- 1>&- 2>&- 3>>$CWT_DIR/fdt/f3 4>>$CWT_DIR/fdt/f4" /cwtalice/argv.cgi
	assert_nlog 1
	assert_log_has "decision=allow"
	assert_fd_files_empty
}

# fd 1 closed, fd 2 a file of the caller's: stderr follows stdout (both
# /dev/null), so the file gets nothing.
c_fd1_closed() {
	run_closed "1>&- 2>>$CWT_DIR/fdt/f2 3>>$CWT_DIR/fdt/f3" /cwtalice/nothere.cgi
	assert_rc 52
	assert_nlog 1
	assert_log_has "reason=script-not-found"
	assert_fd_files_empty
}

# ---------------------------------------------------------------------------
# A7, A8: leaving the jail
# ---------------------------------------------------------------------------

# escape_val KEY: a value the escape probe reported.
escape_val() { sed -n "s/^$1=//p" "$OUT" | head -n 1; }
assert_escape() {	# KEY VALUE
	[ "$(escape_val "$1")" = "$2" ] ||
		note_failure "escape probe: expected $1=$2, got $1=$(escape_val "$1")"
}

# The entries of the jail's /, as the jail shows them (sorted, comma list).
jail_root_list() { find "$JAIL" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort | paste -sd, -; }
sorted_list() { tr , '\n' | sort | paste -sd, -; }

# A7: climbing with "..", inherited directory fds, nested chroot,
# open_by_handle_at, /proc: the script never sees the host.
c_escape_climb() {
	local root_ino
	root_ino=$(stat -c %i "$JAIL")
	cgi_get /cwtalice/escape.cgi "" 3</ 4<"$CWT_DIR" 5<"$CWT_DIR/home" 6</srv
	assert_rc 0
	assert_out_has "escape_end=1"
	assert_escape start_cwd "$CGI"
	assert_escape abs_canary ENOENT
	assert_escape climb_canary ENOENT
	assert_escape climb_cwd /
	assert_escape root_ino "$root_ino"
	assert_escape climb_ino "$root_ino"
	assert_escape root_ino_after "$root_ino"
	assert_escape fchdir_fds 0
	assert_escape chroot_dot EPERM
	assert_escape chroot_tmp EPERM
	[ "$(escape_val open_by_handle)" != ok ] || note_failure "open_by_handle_at worked"
	assert_escape proc_self_cwd ENOENT
	assert_escape proc_1_root ENOENT
	assert_eq "/ in the jail" "$(jail_root_list)" "$(escape_val root_entries | sorted_list)"
	assert_eq "/ after the climb" "$(jail_root_list)" "$(escape_val root_entries_after | sorted_list)"
	assert_out_lacks "host only"
}

# A8: a process of the same user outside the jail.  Without /proc in the jail
# its /proc/<pid>/root cannot be reached; with procfs at <jail>/proc (where
# the control shows the escape works) the wrapper refuses to run at all.
c_escape_proc_pid() {
	local pid ctl
	(cd / && exec setpriv --reuid=cwtalice --regid=cwtalice --clear-groups sleep 60) &
	pid=$!
	HELPER_PIDS+=("$pid")
	sleep 0.2
	cgi_get /cwtalice/escape.cgi "" HTTP_X_PID="$pid"
	assert_rc 0
	assert_out_has "escape_end=1"
	assert_escape proc_pid_canary ENOENT
	assert_escape proc_pid_cwd ENOENT
	assert_out_lacks "host only"
	install -d -m 0755 -o root -g root "$JAIL/proc"
	mount -t proc proc "$JAIL/proc"
	# Control: the same probe, chrooted by hand as alice, gets out.
	ctl=$(HTTP_X_PID=$pid chroot --userspec="$ALICE_UID:$ALICE_GID" "$JAIL" \
		"$CGI/escape.cgi" 2>&1 | sed -n 's/^proc_pid_canary=//p')
	[ "$ctl" = "ok:host only" ] ||
		note_failure "control: a chrooted process with /proc did not reach the canary ($ctl)"
	cgi_get /cwtalice/escape.cgi "" HTTP_X_PID="$pid"
	umount "$JAIL/proc"
	rmdir "$JAIL/proc"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	expect_refusal 500 64 unsafe-jail
	assert_no_probe
	assert_out_lacks "host only"
}

# ---------------------------------------------------------------------------
# A9: NSS planted in the jail
# ---------------------------------------------------------------------------

NSS_LIBDIRS=(lib/x86_64-linux-gnu usr/lib/x86_64-linux-gnu)

nss_plant() {
	local d
	printf '%s\n' "passwd: cwtevil" "group: cwtevil" "shadow: cwtevil" \
		"initgroups: cwtevil" "hosts: cwtevil" "services: cwtevil" \
		"netgroup: cwtevil" >"$JAIL/etc/nsswitch.conf"
	for d in "${NSS_LIBDIRS[@]}"; do
		install -d -m 0755 -o root -g root "$JAIL/$d"
		install -m 0755 -o root -g root "$T/libnss_cwtevil.so.2" "$JAIL/$d/"
	done
}

nss_unplant() {
	local d
	rm -f -- "$JAIL/etc/nsswitch.conf"
	for d in "${NSS_LIBDIRS[@]}"; do rm -f -- "$JAIL/$d/libnss_cwtevil.so.2"; done
}

nss_markers() {
	local m
	for m in "$JAIL/cwtevil-marker" "$JAIL/tmp/cwtevil-marker" "$HOST_MARKER"; do
		[ ! -e "$m" ] || printf '%s: %s\n' "$m" "$(head -n 1 "$m")"
	done
}

nss_clear_markers() {
	rm -f -- "$JAIL/cwtevil-marker" "$JAIL/tmp/cwtevil-marker" "$HOST_MARKER"
}

# Requests that reach every step inside the jail: allowed runs, refusals of
# the walk, an exec failure, the debug and NPH names.
nss_requests() {
	local i CWT_BIN_MAIN=$CWT_BIN
	for ((i = 0; i < 8; i++)); do
		cgi_get /cwtalice/argv.cgi ""
		cgi_get /cwtalice/sub/deeper/argv.cgi/x ""
		cgi_get /cwtalice/nothere.cgi ""
		cgi_get /cwtalice/ln.cgi ""
		cgi_get /cwtalice/bob.cgi ""
		cgi_get /cwtalice/perl.cgi ""
		cgi_get /cwtnosuchuser/x.cgi ""
		CWT_BIN=$CWT_DIR/bin/cgiwrapd cgi_get /cwtalice/argv.cgi ""
		CWT_BIN=$CWT_DIR/bin/nph-cgiwrap cgi_get /cwtalice/nothere.cgi ""
		CWT_BIN=$CWT_BIN_MAIN
	done
}

c_nss_planted() {
	local found
	nss_clear_markers
	nss_plant
	# Control: a root process that does an NSS lookup in the jail loads the
	# planted module (sudo's CVE-2025-32463): the markers can be seen.
	jail_add_program "$JAIL" /usr/bin/getent >/dev/null 2>&1
	chroot "$JAIL" /usr/bin/getent passwd cwtnobody >/dev/null 2>&1
	found=$(nss_markers)
	case $found in
	*"euid=0"*) ;;
	*) note_failure "control: getent as root in the jail left no root marker ($found)" ;;
	esac
	nss_clear_markers
	nss_requests
	found=$(nss_markers)
	[ -z "$found" ] || note_failure "the planted NSS module was loaded: $found"
	nss_unplant
	nss_clear_markers
	rm -f -- "$JAIL/usr/bin/getent"
}

# A9: the system calls between chroot and the uid change: none that opens,
# stats or executes a path, and nothing of the planted module anywhere.
# have_strace: the cases that trace say so instead of passing vacuously.
have_strace() {
	command -v strace >/dev/null ||
		{ note_failure "strace is not installed (CI must install it)"; return 1; }
}

c_nss_strace() {
	local tr=$CWT_DIR/strace.out between
	local -a env
	have_strace || return
	mapfile -t env < <(get_env /cwtalice/argv.cgi)
	nss_plant
	env -i "${env[@]}" strace -f -qq -u "$CWT_WEB" -o "$tr" -s 256 \
		"$CWT_BIN" >"$CWT_OUT" 2>"$CWT_ERR"
	RC=$?
	nss_unplant
	nss_clear_markers
	assert_rc 0
	assert_out_has "probe_end=1"
	grep -Eq 'chroot\("\."\) += 0' "$tr" || note_failure "no chroot(\".\") in the trace"
	grep -Eq "setresuid\($ALICE_UID, $ALICE_UID, $ALICE_UID\) += 0" "$tr" ||
		note_failure "no setresuid($ALICE_UID...) in the trace"
	between=$(sed -n '/chroot("\.")/,/setresuid(/p' "$tr" |
		grep -E '(^|[ ])(open|openat|openat2|creat|stat|lstat|newfstatat|statx|access|faccessat2?|readlink|readlinkat|execve|socket|connect|mmap)\(' |
		grep -v 'mmap(NULL, [0-9]*, [^,]*, MAP_PRIVATE|MAP_ANONYMOUS')
	[ -z "$between" ] || note_failure "path calls between chroot and setresuid: $(printf '%s' "$between" | head -n 3 | tr '\n' '|')"
	! grep -q 'cwtevil\|nsswitch' <(sed -n '/chroot("\.")/,$p' "$tr") ||
		note_failure "after chroot: $(sed -n '/chroot("\.")/,$p' "$tr" | grep 'cwtevil\|nsswitch' | head -n 1)"
	! grep -q 'cwtevil' "$tr" || note_failure "the planted module in the trace: $(grep cwtevil "$tr" | head -n 1)"
}

# ---------------------------------------------------------------------------
# A10, A14: races, stops and signals from the caller
# ---------------------------------------------------------------------------

# The catalogue's figures (A10: 10,000 runs; A14: 1,000 stops), each case
# bounded in time so a slow machine ends it early (the runs are printed).
RACE_RUNS=${CWT_RACE_RUNS:-10000}
RACE_SECONDS=${CWT_RACE_SECONDS:-120}
# The SIGSTOP cases: each run is held stopped for a while, so fewer.
STOP_RUNS=${CWT_STOP_RUNS:-1000}
STOP_SECONDS=${CWT_STOP_SECONDS:-300}

# race_run MODE RUNS SECONDS A B PATH_INFO: the harness; sets RACE (its
# summary line) and race_val reads it.
race_run() {
	local mode=$1 runs=$2 secs=$3 a=$4 b=$5 pi=$6
	local -a env
	mapfile -t env < <(get_env "$pi")
	rm -f -- "$CWT_DIR/race.evidence"
	RACE=$("$T/race" "$mode" "$runs" "$secs" "$CWT_DIR/race.evidence" "$CGI" \
		"$a" "$b" "$ALICE_UID" "$WEB_UID" "$WEB_GID" "$CWT_BIN" "${env[@]}")
	OUTCOMES=$RACE	# printed by run_noted
	# Whatever the last exchange left: the checked entry back in place.
	if [ -L "$CGI/$a" ] || [ "$(stat -c %U "$CGI/$a")" != cwtalice ]; then
		"$T/race" xchg "$CGI" "$a" "$b"
	fi
}
race_val() { printf '%s\n' "$RACE" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

# assert_race [entry]: never another uid, nothing but a run or a refusal,
# and the race was live (both outcomes happened).  Never the attacker's
# file either, except with "entry": when the entry itself is exchanged, the
# owner of the directory (here root, standing in for her) can still win the
# microseconds between the wrapper's re-check and execve; spec 4.3 accepts
# that window (the script still runs as her, with nothing she could not run
# herself), c_window_after_recheck shows it and c_delay_* pin the re-check.
assert_race() {
	local ev=
	[ -s "$CWT_DIR/race.evidence" ] && ev=" evidence: $(head -c 300 "$CWT_DIR/race.evidence" | tr '\n' ' ')"
	[ -n "$RACE" ] || { note_failure "the race harness printed nothing"; return; }
	assert_eq "runs as another uid ($RACE)$ev" 0 "$(race_val wrong_uid)"
	[ "${1:-}" = entry ] ||
		assert_eq "runs of the attacker's file ($RACE)$ev" 0 "$(race_val wrong_file)"
	assert_eq "runs that neither ran nor were refused ($RACE)" 0 "$(race_val other)"
	[ "$(race_val ran)" -gt 0 ] || note_failure "the checked script never ran ($RACE)"
	[ "$(race_val refused)" -gt 0 ] || note_failure "no refusal: the swap never hit ($RACE)"
	assert_log_whole
}

# The script is exchanged with a symlink to another user's script.  The
# direct exec is execveat(AT_SYMLINK_NOFOLLOW): even in the window after
# the re-check a symlink is refused by the kernel, so never the other file.
c_race_file_symlink() {
	race_run swap "$RACE_RUNS" "$RACE_SECONDS" race.cgi race.alt /cwtalice/race.cgi
	assert_race
}

# ... with a hard link to another user's script (owner-mismatch when seen).
c_race_file_hardlink() {
	race_run swap "$RACE_RUNS" "$RACE_SECONDS" race2.cgi race2.alt /cwtalice/race2.cgi
	assert_race entry
}

# A directory of the path is exchanged with a symlink to another user's
# cgi directory holding an argv.cgi of its own.
c_race_dir_symlink() {
	race_run swap "$RACE_RUNS" "$RACE_SECONDS" racedir racedir.alt /cwtalice/racedir/argv.cgi
	assert_race
}

# A14: the caller stops the wrapper at a random point, the entry is
# exchanged while it is stopped, then it is continued.
c_race_stop_file() {
	race_run stop "$STOP_RUNS" "$STOP_SECONDS" race.cgi race.alt /cwtalice/race.cgi
	assert_race
	[ "$(race_val stops)" -gt 0 ] || note_failure "no run was ever stopped ($RACE)"
}

c_race_stop_dir() {
	race_run stop "$STOP_RUNS" "$STOP_SECONDS" racedir racedir.alt /cwtalice/racedir/argv.cgi
	assert_race
	[ "$(race_val stops)" -gt 0 ] || note_failure "no run was ever stopped ($RACE)"
}

# delay_run INJECTION PATH_INFO A B: the wrapper under strace (as root, so
# it may trace the setuid program; -u gives it the caller's real uid and
# euid 0), with one system call delayed by INJECTION.  Once its allow line
# is in the log, DIR entries A and B are exchanged, during the delay.
delay_run() {
	local inj=$1 pi=$2 a=$3 b=$4 before i spid
	local -a env
	have_strace || return 1
	mapfile -t env < <(get_env "$pi")
	before=$(log_count)
	env -i "${env[@]}" strace -f -qq -u "$CWT_WEB" -o /dev/null \
		-e trace=write,execve,execveat -e inject="$inj" \
		"$CWT_BIN" >"$CWT_OUT" 2>"$CWT_ERR" &
	spid=$!
	for ((i = 0; i < 100; i++)); do
		[ "$(log_count)" -le "$before" ] || break
		sleep 0.02
	done
	sleep 0.1
	"$T/race" xchg "$CGI" "$a" "$b" || note_failure "the exchange failed"
	wait "$spid"
	RC=$?
	NLOG=$(($(log_count) - before))
	LOGLINES=$(tail -n "$NLOG" "$CWT_LOG")
	LOGLINE=$(tail -n 1 "$CWT_LOG")
	"$T/race" xchg "$CGI" "$a" "$b"
}

# The first write() is the allow line, after every check: the script is
# exchanged while the wrapper waits there.  The re-check before exec sees
# another inode and refuses (spec 4.3).
c_delay_file() {	# A B PATH_INFO
	delay_run write:delay_exit=600000:when=1 "$3" "$1" "$2" || return
	assert_page 500
	assert_rc 73
	assert_nlog 2
	assert_log_has "reason=exec-failed"
	assert_log_has "the\x20script\x20changed"
	assert_no_probe
}

# A directory of the path exchanged at the same point: the exec is
# relative to the checked directory's descriptor, so the checked file runs.
c_delay_dir() {
	local ino
	ino=$(stat -c %i "$CGI/racedir/argv.cgi")
	delay_run write:delay_exit=600000:when=1 /cwtalice/racedir/argv.cgi racedir racedir.alt || return
	assert_ran
	assert_kv euid "$ALICE_UID"
	assert_out_lacks "probe_tag="
	# The checked directory, under the name the exchange gave it.
	assert_kv cwd "$CGI/racedir.alt"
	[ "$(stat -c %i "$CGI/racedir/argv.cgi")" = "$ino" ] ||
		note_failure "the tree was not put back"
}

# The window after the re-check, made wide: the wrapper's execveat is
# delayed on entry and the entry exchanged for a symlink to another user's
# file then.  AT_SYMLINK_NOFOLLOW makes the kernel refuse it: the request
# fails (exec-failed) or, if the exchange came too late, the checked file
# runs; never the other user's file, and never as anyone but alice.
c_window_after_recheck() {
	delay_run execveat:delay_enter=600000:when=1 /cwtalice/race.cgi race.cgi race.alt || return
	if grep -qx 'probe_end=1' "$OUT"; then
		assert_kv euid "$ALICE_UID"
		assert_kv ruid "$ALICE_UID"
		if grep -q '^probe_tag=intruder' "$OUT"; then
			note_failure "the exchanged-in symlink's target ran"
		fi
		OUTCOMES="the checked file ran"
	else
		OUTCOMES="refused: $(sed -n 1p "$OUT"), $LOGLINE"
	fi
}

# probe_direct PREFIX...: the probe itself (no wrapper) as the web user,
# started through PREFIX: the control of the signal cases.
probe_direct() {
	"$@" setpriv --reuid="$CWT_WEB" --regid="$CWT_WEB" --clear-groups \
		env -i "$T/probe" >"$CWT_OUT" 2>"$CWT_ERR"
	RC=$?
}

# A14: a signal pending (blocked) at entry is discarded, not delivered to
# the wrapper or the script (SIGUSR1 and SIGTERM would kill).
c_signal_pending() {
	probe_direct "$T/cwtexec" pending 10 "$T/cwtexec" pending 15
	assert_kv sig_pending 10,15
	[ "${#CWT_CASE_ERRS[@]}" -eq 0 ] || note_failure "(control: pending signals do not survive the exec chain)"
	local -a CWT_PRE=("$T/cwtexec" pending 10 "$T/cwtexec" pending 15)
	cgi_get /cwtalice/argv.cgi ""
	assert_ran
	assert_kv sig_pending ""
	assert_kv sig_blocked ""
}

# A14: interval timers armed by the caller are cancelled.
c_signal_itimer() {
	probe_direct "$T/cwtexec" itimer 30
	case $(probe_val itimer_real) in
	2[0-9].* | 30.*) ;;
	*) note_failure "control: the timer did not survive the exec chain: $(probe_val itimer_real)" ;;
	esac
	local -a CWT_PRE=("$T/cwtexec" itimer 30)
	cgi_get /cwtalice/argv.cgi ""
	assert_ran
	assert_kv itimer_real 0.000000
	assert_kv itimer_virtual 0.000000
	assert_kv itimer_prof 0.000000
}

# ---------------------------------------------------------------------------
# A12: names that look like numbers, lengths at the limits
# ---------------------------------------------------------------------------

# A numeric-looking user name is a name: no such account is 404, never uid
# 0 (or any uid) read from the digits.
c_numeric_unknown() {
	local u
	for u in 0 00 -1 +0 0x0 4294967295 4294967294 1e3 \
		18446744073709551616000 -0 0000000000000000000000; do
		[ -z "$(odd_user_uid "$u")" ] || continue
		cgi_get "/$u/argv.cgi" ""
		[ "$RC" = 50 ] || note_failure "user '$u': exit $RC, expected 50 (unknown-user)"
		assert_nlog 1
		case $LOGLINE in
		*"reason=unknown-user"*) ;;
		*) note_failure "user '$u': $LOGLINE" ;;
		esac
		case $LOGLINE in *" uid="*) note_failure "user '$u' got a uid: $LOGLINE" ;; esac
		assert_no_probe
	done
	# A blank before the digits: refused before any lookup.
	cgi_get "/ 0/argv.cgi" ""
	assert_rc 50
}

# odd_user NAME: create an account with a numeric-looking name (useradd
# --badname), its cgi directory with the probe, bound into the jail.
# Fails (no account) when useradd refuses the name.
odd_user() {
	local name=$1 home=$CWT_DIR/home/odd-$2 uid gid
	useradd --badname -M -d "$home" -s /bin/bash -U "$name" >/dev/null 2>&1 || return 1
	ODD_USERS+=("$name")
	uid=$(odd_user_uid "$name")
	gid=$(odd_user_field "$name" 4)
	[ -n "$uid" ] && [ "$uid" -ge 1000 ] && [ -n "$gid" ] || return 1
	install -d -m 0755 -o "$uid" -g "$gid" "$home" "$home/public_html" \
		"$home/public_html/cgi-bin"
	install -m 0755 -o "$uid" -g "$gid" "$T/probe" "$home/public_html/cgi-bin/argv.cgi"
	install -d -m 0755 "$JAIL$home"
	mount --bind "$home" "$JAIL$home" &&
		mount -o remount,bind,ro,nosuid,nodev "$JAIL$home"
}

# An account whose name looks like a number runs as its own uid.
c_numeric_user() {	# NAME UID
	cgi_get "/$1/argv.cgi" ""
	assert_ran
	assert_kv euid "$2"
	assert_kv ruid "$2"
	assert_log_has "user=$1 uid=$2 "
}

LONG_USER_256=$(printf 'u%.0s' {1..256})
LONG_USER_257=${LONG_USER_256}u
NAME_255=$(printf 'n%.0s' {1..251}).cgi
NAME_256=${NAME_255}x

# User names at 256 (looked up) and 257 bytes (refused unlooked): both 404,
# told apart in the log.
c_long_user() {
	local l256 l257
	cgi_get "/$LONG_USER_256/argv.cgi" ""
	expect_refusal 404 50 unknown-user
	assert_log_has "user=$LONG_USER_256 "
	l256=$LOGLINE
	cgi_get "/$LONG_USER_257/argv.cgi" ""
	expect_refusal 404 50 unknown-user
	l257=$LOGLINE
	case $l257 in *"user=u"*) note_failure "the 257-byte name reached the log as a user" ;; esac
	[ "${l256#* detail=}" != "${l257#* detail=}" ] ||
		note_failure "the two refusals have the same detail: ${l257#* detail=}"
}

# Path components at NAME_MAX (a real script runs; a missing one is 404)
# and NAME_MAX+1 (404 without a lookup), with distinct log details.
c_long_component() {
	local d255 d256
	cgi_get "/cwtalice/$NAME_255" ""
	assert_ran
	cgi_get "/cwtalice/${NAME_255%.cgi}.cgX" ""
	expect_refusal 404 52 script-not-found
	d255=${LOGLINE#* detail=}
	cgi_get "/cwtalice/$NAME_256" ""
	expect_refusal 404 52 script-not-found
	d256=${LOGLINE#* detail=}
	[ "$d255" != "$d256" ] || note_failure "same detail for 255 and 256 bytes: $d256"
	cgi_get "/cwtalice/sub/$NAME_256/argv.cgi" ""
	expect_refusal 404 52 script-not-found
}

# No percent-decoding anywhere: encoded traversal is just a missing name.
c_encoded_traversal() {
	local pi
	for pi in /cwtalice/%2e%2e/%2e%2e/etc/passwd /cwtalice/sub%2f..%2fargv.cgi \
		/cwtalice/sub%2fargv.cgi /cwtalice/%2E%2E%2Fsub/argv.cgi; do
		cgi_get "$pi" ""
		expect_refusal 404 52 script-not-found
		assert_no_probe
	done
	# A leading '.' stays a hidden component, encoded or not (D13).
	cgi_get /cwtalice/..%2fsub/argv.cgi ""
	expect_refusal 403 32 hidden-component
}

# ---------------------------------------------------------------------------
# A13, A24: log injection, and pages that carry no request data
# ---------------------------------------------------------------------------

FAKE_LINE='time=2030-01-01T00:00:00Z pid=1 name=cgiwrap user=root uid=0 decision=allow'

# Client-controlled values that the log records, with a forged line in
# them: one line, the newline escaped.
c_log_forged_fields() {
	cgi_get /cwtalice/argv.cgi "" REMOTE_USER=$'bob\n'"$FAKE_LINE" \
		REMOTE_HOST=$'h\r\n'"$FAKE_LINE"
	assert_ran
	assert_log_has 'remote_host=h\x0d\x0atime=2030-01-01T00:00:00Z\x20pid=1'
	assert_log_has 'remote_user=bob\x0atime=2030-01-01T00:00:00Z\x20pid=1'
	! grep -q '^time=2030' "$CWT_LOG" || note_failure "a forged line in the log"
	! grep -q $'\r' "$CWT_LOG" || note_failure "a raw CR in the log"
	assert_log_whole
}

# The catalogue's payload in the script name, strict names on: refused, one
# line, escaped (run.sh covers ESC and space).
c_log_forged_request() {
	cgi_get $'/cwtalice/x\n[2030-01-01]: uid: (0/root) ok.cgi' ""
	expect_refusal 403 31 strict-name
	assert_log_has 'request=/x\x0a[2030-01-01]:\x20uid:\x20(0/root)\x20ok.cgi'
	! grep -q '^\[2030' "$CWT_LOG" || note_failure "a forged line in the log"
}

# Strict names off (adv2): the raw name reaches the lookup and the allow
# line, still one escaped line each.
c_log_forged_nonstrict() {
	local CWT_BIN CWT_LOG
	use_build adv2
	cgi_get $'/cwtalice/inj\n[2030-01-01] uid=0.cgi' ""
	assert_ran
	assert_log_has 'request=/inj\x0a[2030-01-01]\x20uid=0.cgi script=inj\x0a[2030-01-01]\x20uid=0.cgi'
	cgi_get $'/cwtalice/no\n'"$FAKE_LINE"'.cgi' ""
	expect_refusal 404 52 script-not-found
	assert_log_has 'detail=component=no\x0atime=2030'
	! grep -q '^time=2030\|^\[2030' "$CWT_LOG" || note_failure "a forged line in the log"
	assert_log_whole
}

XSS='<script>alert(1)</script>'

# assert_page_clean WORD...: the page has none of the words, and no "<script".
assert_page_clean() {
	local w
	for w in "$@"; do
		assert_out_lacks "$w"
	done
	assert_out_lacks "<script"
	assert_out_lacks "alert(1)"
	assert_out_lacks "public_html"
	assert_out_lacks "$CWT_DIR"
}

# A24: refusals at every stage; the page names none of the request's data.
c_page_clean() {
	local status code token pi qs
	while read -r status code token pi qs; do
		[ "$qs" != - ] || qs=
		cgi_get "$pi" "$qs"
		if [ "$token" = exec-failed ]; then
			# The allow line, then the exec failure (spec 10 "When").
			assert_page 500
			assert_rc 73
			assert_nlog 2
			assert_log_has "decision=error status=500 reason=exec-failed"
		else
			expect_refusal "$status" "$code" "$token"
		fi
		assert_page_clean cwtalice cwtMARKER cwtbob cwtnosuchuser perl
	done <<-EOF2
	404 50 unknown-user /cwtnosuchuser/x.cgi cwtMARKERq=1
	404 52 script-not-found /cwtalice/cwtMARKER.cgi cwtMARKERq=$XSS
	404 52 script-not-found /cwtalice/$XSS.cgi -
	404 50 unknown-user - user=$XSS&script=x.cgi
	404 52 script-not-found - user=cwtalice&script=cwtMARKER.cgi&q=$XSS
	404 51 no-cgi-dir /cwtbob/cwtMARKER.cgi -
	403 34 symlink /cwtalice/ln.cgi/cwtMARKER cwtMARKER
	403 37 owner-mismatch /cwtalice/bob.cgi -
	403 30 bad-path-component /cwtalice/../cwtMARKER/x.cgi -
	500 73 exec-failed /cwtalice/perl.cgi/cwtMARKER cwtMARKER
	EOF2
	cgi_get $'/cwtalice/cwtMARKER\x01.cgi' ""
	expect_refusal 403 31 strict-name
	assert_page_clean cwtalice cwtMARKER
	cgi_get /cwtalice/argv.cgi "$(head -c 70000 /dev/zero | tr '\0' M)cwtMARKER"
	expect_refusal 400 12 env-too-large
	assert_page_clean cwtMARKER MMMMMMMM
	# The NPH name too.
	CWT_BIN=$CWT_DIR/bin/nph-cgiwrap cgi_get "/cwtalice/$XSS" "cwtMARKER"
	assert_rc 52
	assert_page_clean cwtalice cwtMARKER
}

# ---------------------------------------------------------------------------
# A25: a group-writable directory in the middle of the path
# ---------------------------------------------------------------------------

c_middle_dir_named() {
	cgi_get /cwtalice/mid/gw/leaf/argv.cgi ""
	expect_refusal 403 39 group-writable
	assert_log_has "detail=directory=gw"
	assert_no_probe
}

# ---------------------------------------------------------------------------
# A15, A16: core dumps, /proc and ptrace of the privileged wrapper
# ---------------------------------------------------------------------------

CORES=$CWT_DIR/cores

cores_on() {	# cores_on SUID_DUMPABLE
	install -d -m 1777 -o root -g root "$CORES"
	printf '%s\n' "$1" >/proc/sys/fs/suid_dumpable
	printf '%s\n' "$CORES/core.%e.%p" >/proc/sys/kernel/core_pattern
}

cores_off() {
	local f
	for f in /proc/sys/fs/suid_dumpable /proc/sys/kernel/core_pattern; do
		printf '%s\n' "${SAVED_SYSCTL[$f]}" >"$f"
	done
}

cores_found() { find "$CORES" -type f -name 'core.*' 2>/dev/null | head -n 3 | tr '\n' ' '; }

# hold_start PATH_INFO: start the wrapper for a request that it refuses,
# with stdout a full pipe: it writes its log line, then blocks writing the
# page, with the privileges of that step.  Sets HOLD_PID.
hold_start() {
	local fifo=$CWT_DIR/hold.fifo before i
	local -a env
	mapfile -t env < <(get_env "$1")
	rm -f -- "$fifo"
	mkfifo -m 0600 "$fifo"
	exec {HOLD_FD}<>"$fifo"
	head -c 65536 /dev/zero 1>&"$HOLD_FD"
	before=$(log_count)
	prlimit --core=unlimited -- setpriv --reuid="$CWT_WEB" --regid="$CWT_WEB" \
		--clear-groups env -i "${env[@]}" "$CWT_BIN" 1>&"$HOLD_FD" 2>/dev/null &
	HOLD_PID=$!
	HELPER_PIDS+=("$HOLD_PID")
	for ((i = 0; i < 100; i++)); do
		[ "$(log_count)" -le "$before" ] || break
		sleep 0.05
	done
	sleep 0.1
}

# hold_end SIGNAL...: stop it, send the signals, continue it; RC is its end.
hold_end() {
	local s
	kill -STOP "$HOLD_PID" 2>/dev/null
	for s in "$@"; do kill "-$s" "$HOLD_PID" 2>/dev/null; done
	kill -CONT "$HOLD_PID" 2>/dev/null
	wait "$HOLD_PID" 2>/dev/null
	RC=$?
	exec {HOLD_FD}>&-
	rm -f -- "$CWT_DIR/hold.fifo"
}

# uid_line PID: "real effective saved fs" uids from /proc/PID/status.
uid_line() { awk '/^Uid:/ { print $2, $3, $4, $5 }' "/proc/$1/status" 2>/dev/null; }

peek_as() {	# peek_as USER PID
	setpriv --reuid="$1" --regid="$1" --clear-groups "$T/peek" "$2"
}

# A control for peek: a plain process of USER is readable and traceable
# by USER, so EACCES/EPERM below come from the wrapper's state.
peek_control() {	# peek_control USER
	local pid got
	setpriv --reuid="$1" --regid="$1" --clear-groups sleep 30 &
	pid=$!
	sleep 0.1
	got=$(peek_as "$1" "$pid" | tr '\n' ' ')
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	[ "$got" = "environ=ok mem=ok ptrace=ok " ] ||
		note_failure "control: $1 cannot peek at its own process: $got"
}

# Control: a setuid-root program without the wrapper's precautions leaves a
# core under these settings, so the wrapper's missing core means something.
core_control() {
	local pid
	prlimit --core=unlimited -- setpriv --reuid="$CWT_WEB" --regid="$CWT_WEB" \
		--clear-groups "$T/suidpause" &
	pid=$!
	sleep 0.2
	kill -SEGV "$pid"
	wait "$pid" 2>/dev/null
	[ -n "$(cores_found)" ] ||
		note_failure "control: a setuid program killed by SIGSEGV left no core"
	rm -f -- "$CORES"/core.*
}

# The wrapper held while still root on the host (refusal at step 10): the
# caller can neither read its environ or memory nor attach, and SIGQUIT or
# SIGSEGV leave no core although the caller allowed cores.
c_core_privileged() {
	cores_on 2
	core_control
	peek_control "$CWT_WEB"
	hold_start /cwtnosuchuser/x.cgi
	assert_eq "ids of the held wrapper (real effective saved fs)" \
		"$WEB_UID 0 0 0" "$(uid_line "$HOLD_PID")"
	assert_eq "what the caller gets" "environ=EACCES mem=EACCES ptrace=EPERM " \
		"$(peek_as "$CWT_WEB" "$HOLD_PID" | tr '\n' ' ')"
	hold_end QUIT SEGV
	case $RC in 131 | 139) ;; *) note_failure "the wrapper did not die by the signal: $RC" ;; esac
	sleep 0.2
	assert_eq "core files" "" "$(cores_found)"
	cores_off
}

# The wrapper held after the drop (a refusal of the walk, as alice in the
# jail), with fs.suid_dumpable=1 (the id change would make it dumpable
# again): alice cannot attach or read it, and no core appears.
c_core_dropped() {
	cores_on 1
	peek_control cwtalice
	hold_start /cwtalice/nothere.cgi
	assert_eq "ids of the held wrapper" "$ALICE_UID $ALICE_UID $ALICE_UID $ALICE_UID" \
		"$(uid_line "$HOLD_PID")"
	assert_eq "what the target user gets" "environ=EACCES mem=EACCES ptrace=EPERM " \
		"$(peek_as cwtalice "$HOLD_PID" | tr '\n' ' ')"
	assert_eq "what the caller gets" "environ=EACCES mem=EACCES ptrace=EPERM " \
		"$(peek_as "$CWT_WEB" "$HOLD_PID" | tr '\n' ' ')"
	hold_end SEGV
	[ "$RC" = 139 ] || note_failure "the wrapper did not die by SIGSEGV: $RC"
	sleep 0.2
	assert_eq "core files" "" "$(cores_found)"
	cores_off
}

# ---------------------------------------------------------------------------
# A17: hostile rlimits from the caller
# ---------------------------------------------------------------------------

# run_limited "PRLIMIT-OPTION..." PATH_INFO: the wrapper started through
# prlimit as the caller (the limits apply to the wrapper alone); stdout
# through a pipe, so the page survives a file-size limit.
run_limited() {
	local CWT_BIN=/usr/bin/prlimit
	local -a opts
	read -ra opts <<<"$1"
	local -a CWT_ARGS=("${opts[@]}" -- "$CWT_DIR/bin/cgiwrap")
	# shellcheck disable=SC2016 # for the inner shell
	local -a CWT_PRE=(bash -c '"$@" | cat; exit "${PIPESTATUS[0]}"' piper)
	cgi_get "$2" ""
}

# RLIMIT_FSIZE below the log line.  Root raises it for the wrapper (A17):
# logged, and the script gets the caller's limit.  Where the system denies
# raising a hard limit (no CAP_SYS_RESOURCE), a hard limit stays: the log
# write is refused, exit 69 (not killed by SIGXFSZ), the log unchanged, no
# partial record.  A soft limit below the hard one is raised by anyone.
c_rlimit_fsize() {
	local before lim
	for lim in 0 $(($(log_bytes) + 40)); do
		before=$(log_bytes)
		run_limited "--fsize=$lim" /cwtalice/argv.cgi
		if have_sys_resource; then
			assert_ran
			assert_kv rlimit_fsize "$lim:$lim"
		else
			expect_unlogged_refusal 500 69 log-failed
			assert_no_probe
			assert_eq "log bytes with fsize=$lim" "$before" "$(log_bytes)"
		fi
	done
	run_limited --fsize=0:unlimited /cwtalice/argv.cgi
	assert_ran
	assert_kv rlimit_fsize 0:unlimited
	before=$(log_bytes)
	run_limited --fsize=0 /cwtalice/nothere.cgi
	if have_sys_resource; then
		expect_refusal 404 52 script-not-found
	else
		expect_unlogged_refusal 404 52 script-not-found
		assert_eq "log bytes" "$before" "$(log_bytes)"
	fi
	assert_log_whole
}

# The catalogue's hostile limits all at once.  As soft limits (the hard
# ones left alone) the wrapper raises them for itself: the script runs and
# gets them back (but the stack, capped at 8 MiB, and the core limit, 0).
# As hard limits too, it runs the same where root may raise them, and
# otherwise fails closed: no script, whole log records only.
c_rlimit_all() {
	run_limited "--fsize=0:unlimited --nofile=4:1024 --stack=unlimited --cpu=1:unlimited --core=unlimited --as=67108864:unlimited --data=33554432:unlimited" /cwtalice/argv.cgi
	assert_ran
	assert_kv rlimit_fsize 0:unlimited
	assert_kv rlimit_nofile 4:1024
	assert_kv rlimit_cpu 1:unlimited
	assert_kv rlimit_as 67108864:unlimited
	assert_kv rlimit_data 33554432:unlimited
	case $(probe_val rlimit_stack) in 8388608:*) ;; *) note_failure "stack: $(probe_val rlimit_stack)" ;; esac
	case $(probe_val rlimit_core) in 0:*) ;; *) note_failure "core: $(probe_val rlimit_core)" ;; esac
	run_limited "--fsize=0 --nofile=4 --stack=unlimited --cpu=1 --core=unlimited --as=67108864" /cwtalice/argv.cgi
	if have_sys_resource; then
		assert_ran
		assert_kv rlimit_fsize 0:0
		assert_kv rlimit_nofile 4:4
		OUTCOMES="hard limits: ran"
	else
		outcome_ok "all hard limits"
		OUTCOMES="hard limits, no CAP_SYS_RESOURCE: exit $RC, $NLOG log lines"
	fi
	assert_log_whole
}

# outcome_ok WHAT: the probe ran (as alice, one allow line), or no script
# ran and the log holds only whole records (none, or one refusal).
outcome_ok() {
	if grep -qx 'probe_end=1' "$OUT"; then
		assert_rc 0
		assert_kv euid "$ALICE_UID"
		assert_nlog 1
		assert_log_has decision=allow
	else
		assert_no_probe
		[ "$RC" != 0 ] || note_failure "$1: exit 0 without the script"
		[ "$RC" -lt 126 ] || [ "$RC" -gt 127 ] ||
			[ "$NLOG" = 0 ] || note_failure "$1: exec failure $RC after logging"
		[ "$NLOG" -le 1 ] || note_failure "$1: $NLOG log lines"
		case $NLOG:$LOGLINE in
		0:* | 1:*decision=deny* | 1:*decision=error*) ;;
		*) note_failure "$1: log line $LOGLINE" ;;
		esac
	fi
	assert_log_whole
}

# Few descriptors: it works or fails closed, never a partial record.
c_rlimit_nofile() {
	local n
	for n in 3 4 5 6 8; do
		run_limited "--nofile=$n" /cwtalice/argv.cgi
		outcome_ok "nofile=$n"
		OUTCOMES+="nofile=$n:$RC "
	done
}

# A small address space: it works or fails closed.
c_rlimit_as() {
	local mb
	for mb in 1 2 3 4 6 8 12 16 32 64; do
		run_limited "--as=$((mb * 1024 * 1024))" /cwtalice/argv.cgi
		outcome_ok "as=${mb}MiB"
		OUTCOMES+="as=${mb}M:$RC "
	done
}

# ---------------------------------------------------------------------------
# A19, A22: a setuid-root program inside the jail
# ---------------------------------------------------------------------------

SUID_IN_JAIL=/usr/local/bin/cwt-suid-id
SUID_IN_HOME=$ALICE_HOME/cwt-suid-id

suid_setup() {
	jail_add_program "$JAIL" /usr/bin/id >/dev/null 2>&1 || return 1
	install -d -m 0755 -o root -g root "$JAIL/usr/local" "$JAIL/usr/local/bin"
	install -m 4755 -o root -g root "$JAIL/usr/bin/id" "$JAIL$SUID_IN_JAIL"
	install -m 4755 -o root -g root "$JAIL/usr/bin/id" "$SUID_IN_HOME"
	# shellcheck disable=SC2016 # $(...) is for the script
	{
		printf '%s\n' '#!/bin/sh' 'echo "Content-Type: text/plain"' 'echo'
		printf 'echo "jail_euid=$(%s -u)"\n' "$SUID_IN_JAIL"
		printf 'echo "home_euid=$(%s -u)"\n' "$SUID_IN_HOME"
		printf '%s\n' 'echo suid_end=1'
	} | put_src suidid.src
	cgi_put cwtalice suidid.cgi 0755 cwtalice:cwtalice "$T/suidid.src"
}

c_setuid_in_jail() {
	local ctl
	# Control: without the wrapper, alice in the jail gets euid 0 from the
	# planted program on the jail's own (suid-capable) filesystem.
	ctl=$(chroot --userspec="$ALICE_UID:$ALICE_GID" "$JAIL" "$SUID_IN_JAIL" -u 2>&1)
	assert_eq "control: euid from the planted setuid program" 0 "$ctl"
	cgi_get /cwtalice/suidid.cgi ""
	assert_rc 0
	assert_out_has "suid_end=1"
	assert_eq "euid in the jail's setuid program" "$ALICE_UID" \
		"$(sed -n 's/^jail_euid=//p' "$OUT")"
	assert_eq "euid in the home's setuid program (nosuid mount)" "$ALICE_UID" \
		"$(sed -n 's/^home_euid=//p' "$OUT")"
}

# ---------------------------------------------------------------------------
# A21: the terminal
# ---------------------------------------------------------------------------

# tty_run MODE PATH_INFO: under script(1), with a terminal on 0-2 as the
# controlling terminal of the session:
#   child   the wrapper is an ordinary child of the session's shell
#   jobctl  the shell has job control (set -m), as an interactive one: the
#           wrapper leads its own process group in that session
#   probe   no wrapper: the probe itself as the web user (the control)
tty_run() {
	local mode=$1 pi=$2 cmd run
	local -a env
	mapfile -t env < <(get_env "$pi")
	run="setpriv --reuid=$CWT_WEB --regid=$CWT_WEB --clear-groups env -i $(printf '%q ' "${env[@]}")"
	case $mode in
	child) cmd="$run $CWT_BIN; exit \$?" ;;
	jobctl) cmd="set -m; $run $CWT_BIN; exit \$?" ;;
	probe) cmd="$run $T/probe; exit \$?" ;;
	esac
	SHELL=/bin/bash timeout 20 script -qec "$cmd" /dev/null </dev/null 2>"$CWT_ERR" |
		tr -d '\r' >"$CWT_OUT"
	RC=${PIPESTATUS[0]}
}

c_tiocsti() {	# c_tiocsti MODE
	local saved=/proc/sys/dev/tty/legacy_tiocsti
	[ ! -w "$saved" ] || echo 1 >"$saved"
	tty_run probe /cwtalice/argv.cgi
	assert_kv stdin_tty 1
	assert_kv tiocsti ok
	[ "${#CWT_CASE_ERRS[@]}" -eq 0 ] || note_failure "(control: TIOCSTI from a process in the terminal's session)"
	tty_run "$1" /cwtalice/argv.cgi
	assert_rc 0
	assert_out_has "probe_end=1"
	assert_kv stdin_tty 1
	# A plain child gets a new session.  A group leader cannot (setsid
	# fails; spec 8 says go on): the wrapper then gives up the caller's
	# controlling terminal, so TIOCSTI fails all the same.
	[ "$1" != child ] || assert_kv session_leader 1
	assert_kv tiocsti EPERM
	[ ! -w "$saved" ] || printf '%s\n' "${SAVED_SYSCTL[$saved]}" >"$saved"
}

# ---------------------------------------------------------------------------
# A second build: an interpreter (A5) and strict names off (A13)
# ---------------------------------------------------------------------------

adv2_setup() {
	install -d -m 0755 -o root -g root "$JAIL/usr/local" "$JAIL/usr/local/bin" &&
		install -m 0755 -o root -g root "$T/probe" "$JAIL/usr/local/bin/cwt-advphp" &&
		cgi_put cwtalice page.php 0644 &&
		cgi_put cwtalice $'inj\n[2030-01-01] uid=0.cgi' &&
		fixture_build adv2 --with-php=/usr/local/bin/cwt-advphp \
			--with-php-interpreter --with-php-cgiwrap --without-strict-names
}

# ---------------------------------------------------------------------------

OUTCOMES=
# run_noted NAME FUNCTION [ARG...]: run_case, then what the case observed.
run_noted() {
	OUTCOMES=
	run_case "$@"
	[ -z "$OUTCOMES" ] || printf '    observed: %s\n' "$OUTCOMES"
}

run_case "A1: 4755 copy run by a non-caller: wrong-caller, LD_PRELOAD/LD_AUDIT ignored" c_4755_other_user
run_case "A2: empty argv[0] is bad-invocation" c_argv0_empty
run_case "A4: duplicates keep the first copy; bare, empty and invalid names dropped" c_env_duplicates
run_case "A4: a malformed copy does not hide the first valid one" c_env_first_valid
run_case "A3: Shellshock values reach a #!/bin/sh script as data only" c_env_shellshock_sh
run_case "A3: Shellshock values pass unchanged to the probe" c_env_shellshock_probe
run_case "A3/A12: a 64 KiB entry passes whole, 64 KiB + 1 is env-too-large" c_env_entry_limit
run_case "A3/A12: 1 MiB of environment passes, 1 MiB + 1 is env-too-large" c_env_total_limit
run_case "A3/A12: 1024 entries pass, 1025 (one malformed) are env-too-large" c_env_count_limit
run_case "A5: -s and -d words reach a direct-exec script as argv words" c_isindex_direct
if ! fixture_wanted adv2; then
	:
elif adv2_setup; then
	run_case "A5: -s and -d words never reach the PHP interpreter (.php page)" c_isindex_interp cgiwrap /cwtalice/page.php
	run_case "A5: -s and -d words never reach the interpreter (php-cgiwrap name)" c_isindex_interp php-cgiwrap /cwtalice/argv.cgi
	run_case "A13: strict names off: a newline in the name, one escaped line each" c_log_forged_nonstrict
else
	echo "FAIL: building the second configuration (adv2)"
	CWT_FAILED=$((CWT_FAILED + 1))
fi
run_case "A6: fd 2 closed, fds 3-4 the caller's files: runs, logs, files untouched" c_fd2_closed
run_case "A6: fd 2 closed: a refusal is logged, files untouched" c_fd2_closed_refusal
run_case "A6: fds 0-2 all closed: runs and logs" c_fd012_closed
run_case "A6: fd 1 closed, fd 2 a file: nothing reaches the file" c_fd1_closed
run_case "A7: climbing out, inherited dir fds, nested chroot, handles, /proc" c_escape_climb
run_case "A8: /proc/<pid>/root of alice's process outside the jail" c_escape_proc_pid
run_case "A9: planted nsswitch.conf and libnss_cwtevil.so.2 are never loaded" c_nss_planted
run_case "A9: strace: no path call between chroot and setresuid, no planted NSS" c_nss_strace
run_noted "A10: script exchanged with a symlink to another user's script" c_race_file_symlink
run_noted "A10: script exchanged with a hard link to another user's script" c_race_file_hardlink
run_noted "A10: directory exchanged with a symlink to another user's directory" c_race_dir_symlink
run_noted "A14: SIGSTOP, exchange of the script, SIGCONT" c_race_stop_file
run_noted "A14: SIGSTOP, exchange of a directory, SIGCONT" c_race_stop_dir
run_case "A10: script exchanged for a symlink while the wrapper waits after its checks" c_delay_file race.cgi race.alt /cwtalice/race.cgi
run_case "A10: script exchanged for another user's hard link after the checks" c_delay_file race2.cgi race2.alt /cwtalice/race2.cgi
run_case "A10: directory exchanged for a symlink after the checks: the checked file runs" c_delay_dir
run_noted "A10: entry exchanged between the re-check and execve: still alice's uid" c_window_after_recheck
run_case "A14: SIGUSR1 and SIGTERM pending at entry are discarded" c_signal_pending
run_case "A14: the caller's interval timers are cancelled" c_signal_itimer
run_case "A12: numeric-looking unknown users are 404, never a uid" c_numeric_unknown
for odd in 00:00 0x0:0x0; do
	if odd_user "${odd%%:*}" "${odd#*:}"; then
		run_case "A12: an account named '${odd%%:*}' runs as its own uid" \
			c_numeric_user "${odd%%:*}" "$(odd_user_uid "${odd%%:*}")"
	else
		echo "    (no case: useradd refused the name '${odd%%:*}')"
	fi
done
run_case "A12: user names of 256 and 257 bytes: 404, distinct log lines" c_long_user
run_case "A12: components of NAME_MAX and NAME_MAX+1 bytes" c_long_component
run_case "A11: percent-encoded traversal is a missing name" c_encoded_traversal
run_case "A13: forged lines in REMOTE_USER and REMOTE_HOST stay one escaped line" c_log_forged_fields
run_case "A13: the catalogue's forged line in the script name (strict names)" c_log_forged_request
run_case "A24/A13: error pages carry no user, path, query or markup of the request" c_page_clean
run_case "A25: a g+w middle directory is named in the log" c_middle_dir_named
run_case "A15/A16: held as root: no environ, mem, ptrace, core for the caller" c_core_privileged
run_case "A15/A16: held after the drop: no ptrace, environ or core for the target" c_core_dropped
run_case "A17: RLIMIT_FSIZE below the log line: raised for the wrapper, or refused with no partial record" c_rlimit_fsize
run_noted "A17: RLIMIT_NOFILE 3-8: runs or fails closed" c_rlimit_nofile
run_noted "A17: RLIMIT_AS 1-64 MiB: runs or fails closed" c_rlimit_as
run_noted "A17: every hostile limit at once: soft ones raised and given back; hard ones run or fail closed" c_rlimit_all
if suid_setup; then
	run_case "A19/A22: a setuid-root program in the jail gives the script no privilege" c_setuid_in_jail
else
	echo "FAIL: setting up the setuid program in the jail"
	CWT_FAILED=$((CWT_FAILED + 1))
fi
run_case "A21: terminal on stdin, wrapper a plain child: new session, TIOCSTI fails" c_tiocsti child
run_case "A21: terminal on stdin, wrapper a process-group leader: TIOCSTI fails" c_tiocsti jobctl

fixture_finish
