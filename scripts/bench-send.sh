#!/usr/bin/env bash
# Compare `vobizctl send` load mode with hey (github.com/rakyll/hey) against one local Go server,
# at equal concurrency and request count. vobizctl builds and signs every request (fresh values,
# two fresh nonces, four HMACs); hey replays one request captured from vobizctl (same headers and
# body, so the server does the same work). Prints both requests/s and the ratio vobizctl/hey.
#
#   scripts/bench-send.sh                # 20000 requests, concurrency 50
#   N=50000 C=100 scripts/bench-send.sh
#
# Needs Go and network access to the module proxy the first time (to install hey).
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-20000}
C=${C:-50}
EVENT=${EVENT:-answer}
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== build"
go build -o "$work/vobizctl" .
go build -o "$work/benchserver" ./scripts/benchserver
if ! command -v hey >/dev/null 2>&1; then
  GOBIN="$work" go install github.com/rakyll/hey@latest
  HEY="$work/hey"
else
  HEY=$(command -v hey)
fi

"$work/benchserver" >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
for _ in $(seq 50); do
  [ -s "$work/server.out" ] && break
  sleep 0.1
done
base=$(head -n1 "$work/server.out")
url="$base/$EVENT"
echo "== server $url · $N requests · concurrency $C · $(nproc) CPUs"

# One request exactly as vobizctl sends it (signature headers included), for hey to replay: both
# tools then put the same bytes on the wire, and only vobizctl pays for building and signing.
VOBIZ_AUTH_TOKEN=bench "$work/vobizctl" send "$EVENT" --to "$url" -v >"$work/request.txt"
body=$(sed -n 's/^> \([A-Za-z].*=.*\)$/\1/p' "$work/request.txt" | tail -n1)
hey_headers=()
while IFS= read -r line; do
  hey_headers+=(-H "$line")
done < <(sed -n 's/^> \(X-Vobiz-[A-Za-z0-9-]*: .*\)$/\1/p; s/^> \(User-Agent: .*\)$/\1/p' "$work/request.txt")
echo "== request: ${#body}-byte body, ${#hey_headers[@]} header flags for hey"

run_hey() {
  "$HEY" -n "$N" -c "$C" -m POST -T application/x-www-form-urlencoded "${hey_headers[@]}" -d "$body" "$url" |
    awk '/Requests\/sec:/ {print $2}'
}
run_vobizctl() {
  VOBIZ_AUTH_TOKEN=bench "$work/vobizctl" send "$EVENT" --to "$url" --count "$N" --concurrency "$C" --format json |
    sed -n 's/^  "requests_per_second": \([0-9.]*\),$/\1/p'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# Warm up both (connections, page cache), then alternate ROUNDS runs of each: the machine is
# shared, so medians of alternating runs compare better than one run each.
ROUNDS=${ROUNDS:-3}
N_SAVED=$N; N=$((C * 20)); run_hey >/dev/null; run_vobizctl >/dev/null; N=$N_SAVED
: >"$work/hey.txt"; : >"$work/vobizctl.txt"
for i in $(seq "$ROUNDS"); do
  run_hey >>"$work/hey.txt"
  run_vobizctl >>"$work/vobizctl.txt"
  printf 'round %d: hey %8.0f req/s   vobizctl %8.0f req/s\n' "$i" "$(tail -n1 "$work/hey.txt")" "$(tail -n1 "$work/vobizctl.txt")"
done
hey_rps=$(median <"$work/hey.txt")
vobizctl_rps=$(median <"$work/vobizctl.txt")

printf '%-34s %10.0f req/s (median of %d)\n' "hey (replays one signed request)" "$hey_rps" "$ROUNDS"
printf '%-34s %10.0f req/s (median of %d)\n' "vobizctl send (built + signed)" "$vobizctl_rps" "$ROUNDS"
awk -v a="$vobizctl_rps" -v b="$hey_rps" 'BEGIN { printf "%-34s %10.2f\n", "ratio vobizctl/hey", a / b }'
