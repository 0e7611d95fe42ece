#!/usr/bin/env bash
# The container test (`npm run test:container`): builds the real Dockerfile with podman, runs
# the image the way an instructor would (read-only root, no capabilities, memory limit) and
# checks what the course teaches: non-root PID 1, a passing HEALTHCHECK, the headers pages and
# assets need, health endpoints, JSON logs, SIGTERM under load with zero failed requests and
# exit code 0 (not 137), nothing in the image but the build output and production
# dependencies. Prints the image size and the size of the app's own layers.
#
# One PASS/FAIL line per check; exits non-zero if any check fails. Every wait is bounded.
# Needs root, podman (configured as notes/container.md says; scripts/make-base-image.sh
# writes /etc/containers/containers.conf when it is missing), debootstrap, hey, curl, ss
# (iproute2) and Node.js on the host.
# Env: SHIPSHAPE_KEEP_IMAGE=1 keeps the built image and its stage images for inspection.
set -uo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root" || exit 1

run_id="$$"
image="localhost/shipshape:test-${run_id}"
containers=()
work="$(mktemp -d "${TMPDIR:-/tmp}/shipshape-container-test.XXXXXX")"
images_before="$work/images-before"
mounted_image=""
hey_pid=""

passes=0
failures=0
pass() { printf 'PASS  %s\n' "$1"; passes=$((passes + 1)); }
fail() { printf 'FAIL  %s%s\n' "$1" "${2:+ -- $2}"; failures=$((failures + 1)); }
info() { printf '      %s\n' "$*"; }
section() { printf '\n== %s\n' "$*"; }
# check NAME DETAIL-IF-FAILED COMMAND...: one PASS/FAIL line from a command's status.
check() {
  local name="$1" detail="$2"
  shift 2
  if "$@"; then pass "$name"; else fail "$name" "$detail"; fi
}

summary() {
  section "summary"
  printf '%d passed, %d failed\n' "$passes" "$failures"
  if ((failures > 0)); then printf 'RESULT: FAIL\n'; else printf 'RESULT: PASS\n'; fi
}
abort() {
  fail "$1" "$2"
  summary
  exit 1
}

cleanup() {
  [[ -n $hey_pid ]] && kill "$hey_pid" 2>/dev/null
  local name
  for name in "${containers[@]}"; do
    podman rm -f -t 0 "$name" >/dev/null 2>&1
  done
  [[ -n $mounted_image ]] && podman image unmount "$mounted_image" >/dev/null 2>&1
  if [[ ${SHIPSHAPE_KEEP_IMAGE:-0} != 1 && -s $images_before ]]; then
    # The final image and the stage images this run's build created; never anything older
    # (the base image and other people's images stay).
    local id
    podman rmi -f "$image" >/dev/null 2>&1
    while read -r id; do
      podman rmi "$id" >/dev/null 2>&1
    done < <(comm -13 "$images_before" <(podman images -aq --no-trunc | sort -u))
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() { local t="${EPOCHREALTIME/./}"; printf '%s\n' "$((t / 1000))"; }
seconds_since() { local start="$1"; node -e "console.log(((Date.now() - $start) / 1000).toFixed(1))"; }

free_port() {
  node -e "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); });"
}

# start_container NAME PORT [podman run options...]: the image as compose.yaml and the
# Kubernetes manifests run it: read-only root with a tmpfs /tmp, no capabilities, no new
# privileges, a memory limit. The port is published on loopback only.
start_container() {
  local name="$1" port="$2"
  shift 2
  containers+=("$name")
  # stderr to a file: without systemd podman reports that it cannot schedule health checks.
  podman run -d --name "$name" -p "127.0.0.1:${port}:8080" \
    --read-only --tmpfs /tmp --cap-drop=ALL --security-opt=no-new-privileges --memory=512m \
    "$@" "$image" >/dev/null 2>"$work/$name.run.err" || { cat "$work/$name.run.err" >&2; return 1; }
}

# wait_healthy NAME SECONDS: runs the image's own HEALTHCHECK (no systemd here schedules it)
# until it passes or the time is up. Prints the milliseconds it took.
wait_healthy() {
  local name="$1" limit_ms=$(($2 * 1000)) start
  start="$(now_ms)"
  until podman healthcheck run "$name" >/dev/null 2>&1; do
    if (($(now_ms) - start >= limit_ms)); then return 1; fi
    [[ $(podman inspect "$name" --format '{{.State.Running}}' 2>/dev/null) == true ]] || return 1
    sleep 0.25
  done
  echo "$(($(now_ms) - start))"
}

# header FILE NAME: the value of a response header from `curl -D` output.
header() {
  grep -i "^$2:" "$1" | head -n 1 | cut -d: -f2- | tr -d '\r' | sed 's/^ *//'
}
status_of() { head -n 1 "$1" | awk '{print $2}'; }

# established_to PORT: client connections currently open to the published port.
established_to() { ss -Htn state established "( dport = :$1 )" | wc -l; }

# stop_and_measure NAME: `podman stop -t 30` (SIGTERM, SIGKILL after 30 s); prints seconds.
stop_and_measure() {
  local start
  start="$(now_ms)"
  timeout 60 podman stop -t 30 "$1" >/dev/null 2>>"$work/$1.stop.err"
  seconds_since "$start"
}

# check_clean_exit NAME LABEL: exit code 0 (137 would mean SIGKILL), not OOM-killed, and the
# server's own shutdown sequence in its logs, in order.
check_clean_exit() {
  local name="$1" label="$2" code oom
  code="$(podman inspect "$name" --format '{{.State.ExitCode}}')"
  oom="$(podman inspect "$name" --format '{{.State.OOMKilled}}')"
  check "$label: exit code 0 (got $code)" "137 means SIGKILL after the grace period" \
    test "$code" = 0
  check "$label: not OOM-killed" "" test "$oom" = false
  podman logs "$name" >"$work/$name.log" 2>&1
  check "$label: logs show shutdown started, HTTP server closed, shutdown complete, in order" \
    "the server's last log lines are above" node -e '
      const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean);
      const msgs = lines.map((l) => { try { return JSON.parse(l).msg ?? ""; } catch { return ""; } });
      const at = ["shutdown started", "HTTP server closed", "shutdown complete"].map((m) => msgs.findIndex((x) => x.startsWith(m)));
      const ok = at.every((i, n) => i >= 0 && (n === 0 || i > at[n - 1]));
      if (!ok) console.log(lines.slice(-8).map((l) => `      log| ${l}`).join("\n"));
      process.exit(ok ? 0 : 1);' "$work/$name.log"
}

# ---------------------------------------------------------------------------------------
section "prerequisites"
[[ $(id -u) -eq 0 ]] || abort "running as root" "rootful podman is what these machines use"
# On a fresh Debian machine, install what is missing (the same list .ci/run installs).
if ! command -v podman >/dev/null || ! command -v debootstrap >/dev/null || ! command -v hey >/dev/null \
  || ! command -v ss >/dev/null || ! command -v curl >/dev/null; then
  if command -v apt-get >/dev/null; then
    info "installing the podman stack, debootstrap, hey, curl and iproute2 with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      podman buildah runc conmon netavark aardvark-dns iptables debootstrap ca-certificates curl hey iproute2 >/dev/null \
      || abort "system packages installed" "apt-get install failed"
  fi
fi
for tool in podman hey curl ss node timeout comm; do
  command -v "$tool" >/dev/null || abort "tool '$tool' installed" "see the header of this script"
done
pass "tools present (podman $(podman --version | awk '{print $3}'), hey, curl, ss, node $(node --version))"

section "base image"
start="$(now_ms)"
timeout 900 bash scripts/make-base-image.sh || abort "stand-in base image" "scripts/make-base-image.sh failed"
base_image="docker.io/library/node:$(sed -nE 's/^FROM[[:space:]]+node:([0-9.]+)-slim([[:space:]].*)?$/\1/p' Dockerfile | head -n 1)-slim"
podman image exists "$base_image" || abort "base image $base_image exists" ""
pass "base image $base_image ready in $(seconds_since "$start") s"
if [[ $(podman image inspect "$base_image" --format '{{index .Config.Labels "org.shipshape.stand-in"}}') == true ]]; then
  info "note: $base_image is the local stand-in from scripts/make-base-image.sh (Debian"
  info "minbase + the exact Node and npm), not the official image; sizes below differ from"
  info "a build on the official base."
fi

section "build"
podman images -aq --no-trunc | sort -u >"$images_before"
[[ -s $images_before ]] || echo "-" >"$images_before"
start="$(now_ms)"
if ! timeout 1800 podman build --format docker --pull=never --network=host -t "$image" . >"$work/build.log" 2>&1; then
  tail -n 40 "$work/build.log"
  abort "podman build" "the last lines of the build log are above"
fi
pass "podman build --format docker in $(seconds_since "$start") s"

section "image configuration"
config_json="$work/config.json"
podman image inspect "$image" --format '{{json .Config}}' >"$config_json"
check "image user is 1001" "" node -e '
  const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  process.exit(c.User === "1001" || c.User === "1001:1001" ? 0 : 1);' "$config_json"
podman image inspect "$image" --format '{{json .HealthCheck}}' >"$work/healthcheck.json"
check "HEALTHCHECK kept, exec form, with a start period (needs --format docker)" "" node -e '
  const h = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  process.exit(h && h.Test && h.Test[0] === "CMD" && h.StartPeriod > 0 ? 0 : 1);' "$work/healthcheck.json"
check "CMD is exec form node dist/server/main.js" "" node -e '
  const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  process.exit(JSON.stringify(c.Cmd) === JSON.stringify(["node", "dist/server/main.js"]) ? 0 : 1);' "$config_json"
check "NODE_ENV=production" "" grep -q '"NODE_ENV=production"' "$config_json"

section "image contents"
mnt="$(podman image mount "$image" 2>/dev/null)" && mounted_image="$image"
if [[ -z $mnt || ! -d $mnt/app ]]; then
  fail "image filesystem mounted" "podman image mount $image"
else
  app_entries="$(cd "$mnt/app" && ls -A | sort | tr '\n' ' ')"
  check "/app holds only dist/, node_modules/, package.json (got: $app_entries)" "" \
    test "$app_entries" = "dist node_modules package.json "
  check "built server, CLI and site present" "" \
    test -f "$mnt/app/dist/server/main.js" -a -f "$mnt/app/dist/cli/main.js" -a -f "$mnt/app/dist/site/index.html"
  ts_files="$(find "$mnt/app" -path "$mnt/app/node_modules" -prune -o -type f \
    \( -name '*.ts' -o -name '*.tsx' -o -name '*.mts' -o -name '*.cts' \) -print | sed "s|^$mnt||")"
  check "no TypeScript sources and no src/ outside node_modules" "${ts_files//$'\n'/ }" \
    test -z "$ts_files" -a ! -e "$mnt/app/src"
  dev_present="$(node -e '
    const fs = require("fs");
    const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
    const dir = process.argv[1];
    console.log(Object.keys(pkg.devDependencies ?? {}).filter((n) => fs.existsSync(`${dir}/${n}`)).join(" "));
  ' "$mnt/app/node_modules")"
  check "no devDependencies in node_modules" "found: $dev_present" test -z "$dev_present"
  prod_missing="$(node -e '
    const fs = require("fs");
    const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
    const dir = process.argv[1];
    console.log(Object.keys(pkg.dependencies ?? {}).filter((n) => !fs.existsSync(`${dir}/${n}/package.json`)).join(" "));
  ' "$mnt/app/node_modules")"
  check "every production dependency installed" "missing: $prod_missing" test -z "$prod_missing"
  env_files="$(find "$mnt" -xdev \( -name '.env' -o -name '.env.*' \) -print | sed "s|^$mnt||")"
  check "no .env files anywhere in the image" "$env_files" test -z "$env_files"
  leftovers="$(find "$mnt/app" "$mnt/root" -maxdepth 3 \( -name '.git' -o -name '.npm' -o -name '.npmrc' \) -print 2>/dev/null | sed "s|^$mnt||")"
  check "no .git, npm cache or .npmrc left in /app or /root" "$leftovers" test -z "$leftovers"
  not_root_owned="$(find "$mnt/app" ! -user 0 -print -quit)"
  check "app files owned by root, so uid 1001 cannot change its own code" "${not_root_owned#"$mnt"}" \
    test -z "$not_root_owned"
  info "/app: $(du -sh "$mnt/app" | cut -f1) (dist/site $(du -sh "$mnt/app/dist/site" | cut -f1)," \
    "node_modules $(du -sh "$mnt/app/node_modules" | cut -f1))"
  podman image unmount "$image" >/dev/null 2>&1 && mounted_image=""
fi

section "running container (defaults, read-only root, no capabilities)"
port="$(free_port)"
name="shipshape-test-${run_id}-main"
start_container "$name" "$port" || abort "container starts" "podman run failed"
base="http://127.0.0.1:${port}"
if healthy_ms="$(wait_healthy "$name" 15)"; then
  pass "podman healthcheck run passes within the 15 s start period (after ${healthy_ms} ms)"
else
  podman logs "$name" 2>&1 | tail -n 20
  abort "podman healthcheck run passes within the 15 s start period" "container logs above"
fi

top="$(podman top "$name" pid huser user args 2>/dev/null)"
info "podman top: $(printf '%s' "$top" | sed -n 2p)"
pid1_huser="$(printf '%s\n' "$top" | awk 'NR > 1 && $1 == 1 {print $2}')"
check "PID 1 does not run as root on the host (huser $pid1_huser)" "" \
  test -n "$pid1_huser" -a "$pid1_huser" != root -a "$pid1_huser" != 0
pid1_uids="$(podman exec "$name" sh -c 'grep "^Uid:" /proc/1/status' | awk '{print $2, $3, $4, $5}')"
check "PID 1 real/effective/saved uids are 1001 (got $pid1_uids)" "" test "$pid1_uids" = "1001 1001 1001 1001"
pid1_cmd="$(podman exec "$name" sh -c 'tr "\0" " " </proc/1/cmdline')"
check "PID 1 is node itself, not a shell (got: $pid1_cmd)" "" test "$pid1_cmd" = "node dist/server/main.js "

curl_get() { curl -sS --max-time 5 -D "$work/$1.h" -o "$work/$1.body" "${@:3}" "$base$2"; }

curl_get landing / || fail "GET / answers" "curl failed"
check "GET / -> 200 text/html" "status $(status_of "$work/landing.h")" \
  test "$(status_of "$work/landing.h")" = 200 -a "$(header "$work/landing.h" content-type | cut -d';' -f1)" = text/html
check "page: Cross-Origin-Opener-Policy: same-origin" "" \
  test "$(header "$work/landing.h" cross-origin-opener-policy)" = same-origin
check "page: Cross-Origin-Embedder-Policy: require-corp" "" \
  test "$(header "$work/landing.h" cross-origin-embedder-policy)" = require-corp
check "page: Content-Security-Policy with default-src" "" \
  grep -qi "^content-security-policy:.*default-src" "$work/landing.h"
check "page: X-Content-Type-Options: nosniff" "" \
  test "$(header "$work/landing.h" x-content-type-options)" = nosniff
check "page: Cache-Control revalidates, never immutable ($(header "$work/landing.h" cache-control))" "" \
  sh -c '! grep -qi "^cache-control:.*immutable" "$1" && grep -qiE "^cache-control:.*(no-cache|must-revalidate|max-age=0)" "$1"' sh "$work/landing.h"

asset="$(grep -oE '/_astro/[A-Za-z0-9._-]+\.(css|js)' "$work/landing.body" | head -n 1)"
if [[ -z $asset ]]; then
  fail "landing page references a hashed /_astro/ asset"
else
  curl_get asset "$asset" -H 'Accept-Encoding: br, gzip'
  check "asset $asset -> 200" "status $(status_of "$work/asset.h")" test "$(status_of "$work/asset.h")" = 200
  check "asset: Cache-Control immutable, max-age 1 year ($(header "$work/asset.h" cache-control))" "" \
    sh -c 'grep -qi "^cache-control:.*immutable" "$1" && grep -qi "^cache-control:.*max-age=31536000" "$1"' sh "$work/asset.h"
  check "asset: precompressed brotli served (Content-Encoding: $(header "$work/asset.h" content-encoding))" "" \
    test "$(header "$work/asset.h" content-encoding)" = br
  check "asset: COEP and CORP headers too" "" \
    test "$(header "$work/asset.h" cross-origin-embedder-policy)" = require-corp -a -n "$(header "$work/asset.h" cross-origin-resource-policy)"
fi

curl_get missing /no-such-page/
check "unknown path -> 404 with the security headers" "status $(status_of "$work/missing.h")" \
  test "$(status_of "$work/missing.h")" = 404 -a "$(header "$work/missing.h" cross-origin-embedder-policy)" = require-corp

curl_get health /health
check "GET /health -> 200 JSON" "status $(status_of "$work/health.h")" \
  sh -c 'test "$1" = 200 && node -e "JSON.parse(require(\"fs\").readFileSync(process.argv[1], \"utf8\"))" "$2"' \
  sh "$(status_of "$work/health.h")" "$work/health.body"
curl_get ready /health/ready
check "GET /health/ready -> 200" "status $(status_of "$work/ready.h")" test "$(status_of "$work/ready.h")" = 200
compose_probe="$(node --input-type=module -e '
  import { readFileSync } from "node:fs";
  import { parse } from "yaml";
  const test = parse(readFileSync("compose.yaml", "utf8")).services.shipshape.healthcheck.test;
  if (test[0] !== "CMD") process.exit(1);
  console.log(JSON.stringify(test.slice(1)));')"
check "compose.yaml healthcheck command passes inside the container" "command: $compose_probe" \
  sh -c 'node -e "process.stdout.write(JSON.parse(process.argv[1]).join(\"\\0\"))" "$1" | xargs -0 podman exec "$2"' \
  sh "$compose_probe" "$name"

check "the shipshape CLI runs in the image with production dependencies only" "" \
  sh -c 'podman exec "$1" node dist/cli/main.js --help >/dev/null' sh "$name"

podman logs "$name" >"$work/main.log" 2>&1
check "every log line is JSON on stdout, with a request line carrying reqId" "" node -e '
  const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean);
  const entries = lines.map((line) => { try { return JSON.parse(line); } catch { return null; } });
  const bad = lines.filter((_, i) => entries[i] === null);
  if (bad.length) console.error("      not JSON:", bad.slice(0, 3).join(" | "));
  process.exit(bad.length === 0 && entries.some((e) => e.msg === "request" && e.reqId) ? 0 : 1);' "$work/main.log"

stop_seconds="$(stop_and_measure "$name")"
info "podman stop (no load, default SHUTDOWN_DRAIN_MS) took ${stop_seconds} s"
check_clean_exit "$name" "SIGTERM at rest"

# ---------------------------------------------------------------------------------------
# SIGTERM under load with hey, as the course text does. hey knows nothing of readiness: it
# plays the traffic a load balancer keeps sending until the endpoint is removed, which the
# drain delay exists for. So the drain delay is set longer than the rest of hey's run
# (SIGTERM at 5 s of a 10 s run, drain 8 s): every request, including those in flight at
# SIGTERM and those arriving during the drain, must come back 200. Refusals after the
# listener closes are what the project's own load client judges, below.
section "SIGTERM under load: hey -z 10s -c 10"
hey_port="$(free_port)"
name="shipshape-test-${run_id}-hey"
start_container "$name" "$hey_port" -e SHUTDOWN_DRAIN_MS=8000 || abort "hey container starts" "podman run failed"
wait_healthy "$name" 15 >/dev/null || abort "hey container healthy" "$(podman logs "$name" 2>&1 | tail -n 5)"
load_start="$(now_ms)"
timeout 40 hey -z 10s -c 10 "http://127.0.0.1:${hey_port}/" >"$work/hey.out" 2>&1 &
hey_pid=$!
connections=0
until ((connections >= 10)) || (($(now_ms) - load_start > 4000)); do
  sleep 0.2
  connections="$(established_to "$hey_port")"
done
check "load is running before SIGTERM ($connections connections open)" "" test "$connections" -ge 10
sleep "$(node -e "console.log(Math.max(0, 5000 - (Date.now() - $load_start)) / 1000)")"
in_flight="$(established_to "$hey_port")"
info "SIGTERM at $(seconds_since "$load_start") s into the load, $in_flight connections open"
stop_seconds="$(stop_and_measure "$name")"
wait "$hey_pid"
hey_status=$?
hey_pid=""
info "podman stop -t 30 took ${stop_seconds} s (drain 8 s + close)"
sed -n '/^Summary:/,/Requests\/sec/p;/Status code distribution:/,$p' "$work/hey.out" | grep -v '^[[:space:]]*$' | sed 's/^/      hey| /'
check "hey finished (exit $hey_status)" "" test "$hey_status" = 0
check "hey: only 200 responses, zero errors" "see the hey output above" node -e '
  const out = require("fs").readFileSync(process.argv[1], "utf8");
  const section = out.split("Status code distribution:")[1] ?? "";
  const codes = [...section.split(/\n\s*\n|Error distribution:/)[0].matchAll(/\[(\d+)\]\s+(\d+) responses/g)];
  const ok = codes.length === 1 && codes[0][1] === "200" && Number(codes[0][2]) > 0;
  process.exit(ok && !out.includes("Error distribution:") ? 0 : 1);' "$work/hey.out"
check_clean_exit "$name" "SIGTERM under hey"
check "requests were served after SIGTERM, during the drain" "" node -e '
  const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  const start = lines.findIndex((e) => /^shutdown started/.test(e.msg));
  const after = lines.slice(start + 1).filter((e) => e.msg === "request" && e.status === 200).length;
  console.log(`      ${after} requests served after "shutdown started"`);
  process.exit(start >= 0 && after > 0 ? 0 : 1);' "$work/$name.log"

# ---------------------------------------------------------------------------------------
section "SIGTERM under load: the project's own load client"
# labs/harness/load.mjs with its readiness monitor, the judge the labs use: keep-alive users
# keep about ten requests in flight, SIGTERM arrives mid-run (default drain and timeout), users
# stop opening connections once readiness is 503. Every request is classified as
# notes/shutdown.md says; any failed one fails the check.
own_port="$(free_port)"
name="shipshape-test-${run_id}-own"
start_container "$name" "$own_port" || abort "load-client container starts" "podman run failed"
wait_healthy "$name" 15 >/dev/null || abort "load-client container healthy" "$(podman logs "$name" 2>&1 | tail -n 5)"
timeout 60 node tests/container/sigterm-under-load.mjs --port "$own_port" --users 10 \
  --duration-ms 9000 --sigterm-at-ms 3000 -- podman stop -t 30 "$name" >"$work/own-load.json"
own_status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const nonZero = Object.entries(r.counts).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(", ");
  console.log(`      SIGTERM at ${r.sigtermAt} ms with ${r.inFlightAtSigterm} requests in flight (${r.okBeforeSigterm} ok before);`);
  console.log(`      readiness 503 at ${r.firstNotReadyAt} ms; podman stop returned at ${r.stoppedAt} ms (exit ${r.stopExitCode}); load ended at ${r.loadEndedAt} ms`);
  console.log(`      ${r.total} requests: ${nonZero}; failed ${r.failed}`);' "$work/own-load.json" 2>/dev/null \
  || info "no result from the load client: $(head -c 300 "$work/own-load.json")"
check "load client: load running at SIGTERM, readiness went 503, zero failed requests" \
  "see the figures above" test "$own_status" = 0
check_clean_exit "$name" "SIGTERM under the project's load client"

# ---------------------------------------------------------------------------------------
section "image size"
image_bytes="$(podman image inspect "$image" --format '{{.Size}}')"
base_bytes="$(podman image inspect "$base_image" --format '{{.Size}}')"
base_layers="$(podman history --format json "$base_image" | node -e 'console.log(JSON.parse(require("fs").readFileSync(0, "utf8")).length)')"
podman history --format json "$image" >"$work/history.json"
app_bytes="$(node -e '
  const history = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const own = history.slice(0, history.length - Number(process.argv[2]));
  let total = 0;
  for (const entry of own.reverse()) {
    total += entry.size;
    if (entry.size > 0) {
      const step = (entry.CreatedBy ?? "").replace(/^\/bin\/sh -c (#\(nop\) )?/, "").replace(/\s+/g, " ").slice(0, 90);
      console.error(`      ${(entry.size / 1e6).toFixed(2).padStart(8)} MB  ${step}`);
    }
  }
  console.log(total);' "$work/history.json" "$base_layers" 2>"$work/layers.txt")"
info "total image: $(node -e "console.log((${image_bytes} / 1e6).toFixed(1))") MB;" \
  "base $base_image: $(node -e "console.log((${base_bytes} / 1e6).toFixed(1))") MB"
info "the app's own layers (podman history, above the base):"
cat "$work/layers.txt"
app_mb="$(node -e "console.log((${app_bytes} / 1e6).toFixed(1))")"
check "app's own layers ${app_mb} MB <= 25 MB" "" test "$app_bytes" -le 25000000
check "layer sizes add up (image - base = $(((image_bytes - base_bytes) / 1000)) kB, layers = $((app_bytes / 1000)) kB)" "" \
  node -e "process.exit(Math.abs(($image_bytes - $base_bytes) - $app_bytes) < 1e6 ? 0 : 1)"

summary
((failures == 0))
