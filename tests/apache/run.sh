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

# Called by the fixture's cleanup trap, before users and files go.
suite_cleanup() { fixture_apache_stop; }

fixture_setup main

CGI=$(fixture_home cwtalice)/public_html/cgi-bin
ALICE_UID=$(uid_of cwtalice)

fixture_apache_start "$PORT" || fixture_abort "starting Apache"
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
