#!/bin/bash
# The Apache suite: a private Apache 2.4 (prefork, mod_cgi) on 127.0.0.1:18080
# running as the test web user, with the installed setuid wrapper under
# ScriptAlias /cgi-bin/, driven with curl over loopback only.
#
# Root only (exit 77 otherwise).  Prints "PASS: name" / "FAIL: name" per case
# and "N passed, N failed"; exits 0 iff every case passed.
#
# Case functions run indirectly, through run_case:
# shellcheck disable=SC2034,SC2317
# shellcheck source-path=SCRIPTDIR
set -u

# shellcheck source=../lib/fixture.sh
. "$(dirname -- "$(readlink -f -- "$0")")/../lib/fixture.sh"
fixture_start apache "$0" "$@"

PORT=18080
BASE=http://127.0.0.1:$PORT
AP=$CWT_DIR/apache
CONF=$AP/httpd.conf
MODS=/usr/lib/apache2/modules

# Called by the fixture's cleanup trap, before users and files go.
suite_cleanup() {
	local pid i
	[ -f "$CONF" ] || return 0
	env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		apache2 -d "$AP" -f "$CONF" -k stop >/dev/null 2>&1
	pid=$(cat "$AP/httpd.pid" 2>/dev/null || true)
	for ((i = 0; i < 50; i++)); do
		if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then break; fi
		sleep 0.1
	done
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill -KILL "$pid" 2>/dev/null
	fi
	# The children run as the web user: the fixture kills and awaits them.
}

fixture_setup main

CGI=$(fixture_home cwtalice)/public_html/cgi-bin
ALICE_UID=$(uid_of cwtalice)

apache_config() {
	install -d -m 0755 -o root -g root "$AP" "$AP/run" "$AP/htdocs" "$AP/logs"
	cat >"$CONF" <<EOF
ServerRoot "$AP"
ServerName localhost
Listen 127.0.0.1:$PORT
PidFile "$AP/httpd.pid"
DefaultRuntimeDir "$AP/run"
Mutex file:$AP/run default
ErrorLog "$AP/logs/error.log"
LogLevel warn
User $CWT_WEB
Group $CWT_WEB
LoadModule mpm_prefork_module $MODS/mod_mpm_prefork.so
LoadModule authz_core_module $MODS/mod_authz_core.so
LoadModule alias_module $MODS/mod_alias.so
LoadModule cgi_module $MODS/mod_cgi.so
StartServers 2
MinSpareServers 1
MaxSpareServers 3
MaxRequestWorkers 8
Timeout 20
DocumentRoot "$AP/htdocs"
<Directory />
	AllowOverride None
	Require all denied
</Directory>
<Directory "$AP/htdocs">
	Require all granted
</Directory>
ScriptAlias /cgi-bin/ "$CWT_DIR/bin/"
<Directory "$CWT_DIR/bin">
	AllowOverride None
	Require all granted
</Directory>
EOF
}

apache_start() {
	local i
	env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		apache2 -d "$AP" -f "$CONF" -k start {CWT_LOCK_FD}<&- ||
		{ cat "$AP/logs/error.log" 2>/dev/null; return 1; }
	for ((i = 0; i < 100; i++)); do
		if curl -s --noproxy '*' --max-time 2 -o /dev/null "$BASE/"; then
			return 0
		fi
		sleep 0.1
	done
	echo "apache did not answer on $BASE"
	cat "$AP/logs/error.log" 2>/dev/null
	return 1
}

apache_config || fixture_abort "writing the Apache configuration"
apache_start || fixture_abort "starting Apache"
cgi_put cwtalice plain.cgi 0644

# http REQUEST-PATH [CURL-OPTION...]: sets CODE, OUT (body), HDR (headers),
# NLOG and LOGLINE (the wrapper's log).
HDR=$CWT_DIR/headers
http() {
	local path=$1 before
	shift
	before=$(log_count)
	CODE=$(curl -sS --noproxy '*' --max-time 20 -o "$CWT_OUT" -D "$HDR" \
		-w '%{http_code}' "$@" "$BASE$path" 2>"$CWT_ERR")
	RC=$?
	OUT=$CWT_OUT
	NLOG=$(($(log_count) - before))
	LOGLINE=
	[ "$NLOG" -le 0 ] || LOGLINE=$(tail -n 1 "$CWT_LOG")
}

assert_code() { assert_eq "HTTP status" "$1" "$CODE"; }

assert_header() {
	grep -qi -- "^$1" "$HDR" || note_failure "no header '$1' in: $(tr -d '\r' <"$HDR" | tr '\n' '|')"
}

c_get() {
	http "/cgi-bin/cgiwrap/~cwtalice/probe.cgi/extra/path?x=1"
	assert_code 200
	assert_kv probe_end 1
	assert_env PATH_INFO /extra/path
	assert_env QUERY_STRING x=1
	assert_env SCRIPT_NAME /cgi-bin/cgiwrap/cwtalice/probe.cgi
	assert_env SCRIPT_FILENAME "$CGI/probe.cgi"
	assert_env PATH /usr/local/bin:/usr/bin:/bin
	assert_env REQUEST_METHOD GET
	assert_kv ruid "$ALICE_UID"
	assert_kv euid "$ALICE_UID"
	assert_kv cwd "$CGI"
	assert_kv canary_visible 0
	assert_kv fds 0,1,2
	assert_kv no_new_privs 1
	assert_nlog 1
	assert_log_has "user=cwtalice uid=$ALICE_UID request=/probe.cgi/extra/path script=probe.cgi"
	assert_log_has "remote_addr=127.0.0.1"
	assert_log_has "decision=allow"
}

c_post() {
	http "/cgi-bin/cgiwrap/~cwtalice/probe.cgi" --data-binary 'hello=world&x=1'
	assert_code 200
	assert_env REQUEST_METHOD POST
	assert_env CONTENT_LENGTH 15
	assert_env CONTENT_TYPE application/x-www-form-urlencoded
	assert_kv body_length 15
	assert_kv body 'hello=world&x=1'
	assert_nlog 1
}

c_unknown_user() {
	http "/cgi-bin/cgiwrap/~nosuchuser/x"
	assert_code 404
	assert_header "Content-Type: text/html; charset=utf-8"
	assert_out_has "<title>404 Not Found</title>"
	assert_out_lacks "nosuchuser"
	assert_nlog 1
	assert_log_has "reason=unknown-user"
}

# Apache merges "/~cwtalice/../x" into "/x" before mod_cgi runs (even with
# curl --path-as-is), so the wrapper is asked for user "x" with no script:
# a ".." never reaches it by the path form.  What matters here: no 200,
# nothing runs, and the wrapper saw no "..".
c_dotdot_path() {
	http "/cgi-bin/cgiwrap/~cwtalice/../x" --path-as-is
	[ "$CODE" != 200 ] || note_failure "HTTP 200 for a .. path"
	assert_out_lacks "probe=1"
	assert_code 404
	assert_log_has "user=x "
	assert_log_has "reason=unknown-user"
}

# The query form reaches the wrapper unnormalised: 403 bad-path-component.
c_dotdot_query() {
	http "/cgi-bin/cgiwrap?user=cwtalice&script=../cgi-bin/probe.cgi"
	assert_code 403
	assert_out_lacks "probe=1"
	assert_nlog 1
	assert_log_has "reason=bad-path-component"
}

c_not_executable() {
	http "/cgi-bin/cgiwrap/~cwtalice/plain.cgi"
	assert_code 403
	assert_out_has "<title>403 Forbidden</title>"
	assert_log_has "reason=not-executable"
}

c_nph_error() {
	http "/cgi-bin/nph-cgiwrap/~nosuchuser/x"
	assert_code 404
	case $(head -n 1 "$HDR") in
	"HTTP/1.0 404 Not Found"$'\r') ;;
	*) note_failure "status line: $(head -n 1 "$HDR")" ;;
	esac
	assert_header "Content-Type: text/html; charset=utf-8"
	assert_log_has "name=nph-cgiwrap"
}

# The debug name's trace, through the server (D9).
c_cgiwrapd() {
	http "/cgi-bin/cgiwrapd/~cwtalice/probe.cgi/x" -H 'X-Secret: s3cr3t'
	assert_code 200
	assert_header "Content-Type: text/plain"
	assert_out_has "SCRIPT_NAME=/cgi-bin/cgiwrapd/cwtalice/probe.cgi"
	sed '/script output follows/q' "$OUT" | grep -q s3cr3t &&
		note_failure "the trace shows a request header value"
	assert_out_has "probe_end=1"
}

run_case "GET through Apache: PATH_INFO, QUERY_STRING, SCRIPT_NAME, uid, jail" c_get
run_case "POST body reaches the script" c_post
run_case "unknown user: HTTP 404 with the HTML page" c_unknown_user
run_case "/~user/../x with --path-as-is: merged by Apache, 404, nothing runs" c_dotdot_path
run_case "query form script=../x: 403 bad-path-component" c_dotdot_query
run_case "not executable: HTTP 403" c_not_executable
run_case "nph-cgiwrap error: a real HTTP/1.0 404 status line" c_nph_error
run_case "cgiwrapd through Apache" c_cgiwrapd

fixture_finish
