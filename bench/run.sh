#!/bin/bash
# The benchmark: what the wrapper costs per request.  It builds and installs
# the wrapper like the root suites do (own users, own jail under
# /srv/cgiwrap-test/bench, a private mount namespace, everything removed at
# the end), then times N runs of the same static CGI program three ways:
#   direct   the program run as the target user, no wrapper
#   wrapper  through the installed setuid wrapper, as the web user
#   apache   through a private Apache on 127.0.0.1:18082 and the wrapper
# and prints the mean wall time per request.  Numbers, not assertions: this
# is not a test and never runs in CI.  Usage: bash bench/run.sh [N]  (root)
# suite_cleanup runs from the fixture's trap:
# shellcheck disable=SC2317
# shellcheck source-path=SCRIPTDIR
set -u

N=${1:-500}
# shellcheck source=../tests/lib/fixture.sh
. "$(dirname -- "$(readlink -f -- "$0")")/../tests/lib/fixture.sh"
fixture_start bench "$0" "$@"
suite_cleanup() { fixture_apache_stop; }
fixture_setup main >/dev/null

PORT=18082
ALICE_CGI=$(fixture_home cwtalice)/public_html/cgi-bin

# now_ns: a monotonic-enough clock for means over hundreds of runs.
now_ns() { date +%s%N; }

# report NAME START END
report() {
	local us=$((($3 - $2) / N / 1000))
	printf '%-8s %6d runs  %6d.%03d ms per request\n' "$1" "$N" $((us / 1000)) $((us % 1000))
}

t0=$(now_ns)
for ((i = 0; i < N; i++)); do
	setpriv --reuid=cwtalice --regid=cwtalice --clear-groups \
		env -i PATH_INFO=/x "$ALICE_CGI/argv.cgi" >/dev/null
done
report direct "$t0" "$(now_ns)"

t0=$(now_ns)
for ((i = 0; i < N; i++)); do
	setpriv --reuid="$CWT_WEB" --regid="$CWT_WEB" --clear-groups \
		env -i PATH_INFO=/cwtalice/argv.cgi "$CWT_BIN" >/dev/null
done
report wrapper "$t0" "$(now_ns)"

fixture_apache_start "$PORT" >/dev/null || fixture_abort "starting Apache"
t0=$(now_ns)
for ((i = 0; i < N; i++)); do
	curl -s --noproxy '*' --max-time 10 -o /dev/null \
		"http://127.0.0.1:$PORT/cgi-bin/cgiwrap/~cwtalice/argv.cgi/x"
done
report apache "$t0" "$(now_ns)"
echo "(direct and wrapper both include setpriv and env; apache adds curl and mod_cgi)"
exit 0
