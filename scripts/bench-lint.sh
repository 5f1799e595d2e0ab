#!/usr/bin/env bash
# Benchmark `vobizctl lint` against `xmllint --noout --schema <exported XSD>` on the same seeded
# corpus, in one run:
#   1. throughput over N small realistic documents, one process each tool, the same file list:
#      files/s, MB/s, CPU time and peak RSS, and the ratios;
#   2. wall time to check one small file (process start included), with hyperfine when installed;
#   3. peak RSS of linting one ~5 MB document against its size.
#
# Usage: scripts/bench-lint.sh            (N=10000 RUNS=5 SINGLE_RUNS=50 SEED=1 by default)
#        N=2000 RUNS=3 scripts/bench-lint.sh
# Needs: go, xmllint (libxml2-utils), GNU time at /usr/bin/time (package "time"); hyperfine optional.
# Everything is written to a temporary directory that is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-10000}
RUNS=${RUNS:-5}
SINGLE_RUNS=${SINGLE_RUNS:-50}
SEED=${SEED:-1}
LARGE_BYTES=${LARGE_BYTES:-5242880}

for tool in go xmllint /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench-lint: $tool is missing (apt-get install -y libxml2-utils time)" >&2; exit 2; }
done
if ! /usr/bin/time -v true 2>/dev/null; then
  echo "bench-lint: /usr/bin/time is not GNU time (no -v); apt-get install -y time" >&2; exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-lint.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

echo "== setup (seed $SEED, $N documents, $(nproc) CPUs)"
# Built as the README builds a release: static, without the dynamic loader and C library.
CGO_ENABLED=0 go build -trimpath -o "$tmp/vobizctl" .
vz="$tmp/vobizctl"
# A reference only: the lint engine in a process of its own (scripts/benchlean), to tell the
# engine's share of the single-file time from the rest of the binary's start-up.
CGO_ENABLED=0 go build -trimpath -o "$tmp/benchlean" ./scripts/benchlean
go run ./scripts/benchgen -out "$tmp/corpus" -n "$N" -seed "$SEED" -large "$LARGE_BYTES"
"$vz" schema export --format xsd --output "$tmp/vobiz.xsd"
cd "$tmp/corpus"
mapfile -t files < <(find docs -name '*.xml' | sort)
bytes=$(cat "${files[@]}" | wc -c)
large_bytes=$(wc -c < large.xml)
one=${files[0]}
echo "corpus: ${#files[@]} files, $bytes bytes (average $((bytes / ${#files[@]})) B); large.xml $large_bytes B"

# Both tools get the whole list in ONE process: one execve, so the list must fit in ARG_MAX
# (xargs would split it into several processes).
arglen=$(printf '%s ' "${files[@]}" | wc -c)
if [ "$arglen" -gt $(( $(getconf ARG_MAX) - 65536 )) ]; then
  echo "bench-lint: the file list ($arglen bytes) does not fit in one command line; lower N" >&2; exit 2
fi

# run_once NAME CMD...: runs CMD once (output kept in $tmp/NAME.out/.err) and appends its wall
# time (µs), user and system CPU and peak RSS to $tmp/NAME.runs.
run_once() {
  local name=$1; shift
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f '%U %S %M' -o "$tmp/$name.time" "$@" > "$tmp/$name.out" 2> "$tmp/$name.err" || true
  end=$(date +%s%N)
  read -r user sys rss < <(tail -n 1 "$tmp/$name.time")
  echo "$(( (end - start) / 1000 )) $user $sys $rss" >> "$tmp/$name.runs"
}

# summarize NAME: the median and best wall time, the median CPU time (user+sys) and the largest
# peak RSS of NAME's runs, in $tmp/NAME.stats.
summarize() {
  sort -n "$tmp/$1.runs" | awk '
    { wall[NR] = $1; cpu[NR] = $2 + $3; if ($4 > rss) rss = $4 }
    END { m = int((NR + 1) / 2); printf "%d %d %.3f %d\n", wall[m], wall[1], cpu[m], rss }' > "$tmp/$1.stats"
}

# compare A B -- CMD_A... -- CMD_B...: runs the two commands alternately $RUNS times each, so that
# the machine's drift (a shared VM's neighbours come and go) weighs on both alike.
compare() {
  local a=$1 b=$2; shift 2; shift # the first --
  local cmd_a=() cmd_b=()
  while [ "$1" != "--" ]; do cmd_a+=("$1"); shift; done
  shift
  cmd_b=("$@")
  : > "$tmp/$a.runs"; : > "$tmp/$b.runs"
  for _ in $(seq "$RUNS"); do
    run_once "$a" "${cmd_a[@]}"
    run_once "$b" "${cmd_b[@]}"
  done
  summarize "$a"; summarize "$b"
}

cat "${files[@]}" large.xml > /dev/null # warm the page cache for both tools alike

echo
echo "== throughput: ${#files[@]} files, one process per tool, median of $RUNS alternating runs"
compare vz xl -- "$vz" lint --format text "${files[@]}" -- xmllint --noout --schema "$tmp/vobiz.xsd" "${files[@]}"
vz_findings=$(wc -l < "$tmp/vz.out")
xl_valid=$(grep -c ' validates$' "$tmp/xl.err" || true)
echo "check: vobizctl printed $vz_findings finding lines; xmllint validated $xl_valid of ${#files[@]} files"

report() { # NAME LABEL
  read -r wall best cpu rss < "$tmp/$1.stats"
  awk -v label="$2" -v wall="$wall" -v best="$best" -v cpu="$cpu" -v rss="$rss" -v n="${#files[@]}" -v b="$bytes" 'BEGIN {
    s = wall / 1e6
    printf "%-9s %7.3f s wall (best %.3f s)  %8.0f files/s  %6.1f MB/s  %6.2f CPU-s  peak RSS %6.1f MB\n",
      label, s, best / 1e6, n / s, b / s / 1e6, cpu, rss / 1024 }'
}
report vz vobizctl
report xl xmllint
read -r vz_wall _ vz_cpu vz_rss < "$tmp/vz.stats"
read -r xl_wall _ xl_cpu xl_rss < "$tmp/xl.stats"
awk -v a="$vz_wall" -v b="$xl_wall" -v ra="$vz_rss" -v rb="$xl_rss" -v ca="$vz_cpu" -v cb="$xl_cpu" 'BEGIN {
  printf "ratio     vobizctl throughput = %.2fx xmllint (target >= 2x); CPU %.2fx; peak RSS %.2fx\n", b / a, ca / cb, ra / rb }'

echo
echo "== one small file ($one, $(wc -c < "$one") B), process start included"
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 5 --runs "$SINGLE_RUNS" --export-csv "$tmp/single.csv" \
    -n vobizctl "$vz lint --format text $one" -n xmllint "xmllint --noout --schema $tmp/vobiz.xsd $one" \
    -n engine-only "$tmp/benchlean $one" \
    > "$tmp/hyperfine.log" 2>&1 || { cat "$tmp/hyperfine.log"; exit 1; }
  # command,mean,stddev,median,user,system,min,max (seconds)
  awk -F, 'NR > 1 { printf "%-11s mean %6.1f ms ± %4.1f  median %6.1f ms  min %6.1f ms  (hyperfine, %s runs)\n",
    $1, $2 * 1000, $3 * 1000, $4 * 1000, $7 * 1000, runs; med[NR] = $4 }
    END { printf "ratio     vobizctl / xmllint median wall = %.2f (target <= 1); engine-only / xmllint = %.2f\n", med[2] / med[3], med[4] / med[3] }' runs="$SINGLE_RUNS" "$tmp/single.csv"
else
  single() { # label CMD...: median wall of SINGLE_RUNS runs, in µs
    for _ in $(seq "$SINGLE_RUNS"); do
      local s e; s=$(date +%s%N); "$@" > /dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000 ))
    done | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
  }
  vz1=$(single "$vz" lint --format text "$one")
  xl1=$(single xmllint --noout --schema "$tmp/vobiz.xsd" "$one")
  en1=$(single "$tmp/benchlean" "$one")
  awk -v a="$vz1" -v b="$xl1" -v c="$en1" -v runs="$SINGLE_RUNS" 'BEGIN {
    printf "vobizctl    median %6.1f ms (loop of %d runs; install hyperfine for more)\nxmllint     median %6.1f ms\nengine-only median %6.1f ms\n", a / 1000, runs, b / 1000, c / 1000
    printf "ratio     vobizctl / xmllint median wall = %.2f (target <= 1); engine-only / xmllint = %.2f\n", a / b, c / b }'
fi

echo
echo "== one large document (large.xml, $large_bytes B)"
compare vzl xll -- "$vz" lint --format text large.xml -- xmllint --noout --schema "$tmp/vobiz.xsd" large.xml
read -r l_wall _ _ l_rss < "$tmp/vzl.stats"
read -r xl_lwall _ _ xl_lrss < "$tmp/xll.stats"
awk -v w="$l_wall" -v r="$l_rss" -v size="$large_bytes" -v xw="$xl_lwall" -v xr="$xl_lrss" 'BEGIN {
  printf "vobizctl  %.3f s wall  peak RSS %.1f MB = %.2fx the document (target <= 4x)\n", w / 1e6, r / 1024, r * 1024 / size
  printf "xmllint   %.3f s wall  peak RSS %.1f MB = %.2fx the document\n", xw / 1e6, xr / 1024, xr * 1024 / size }'
echo "finding on large.xml: $(head -n 1 "$tmp/vzl.out")"
