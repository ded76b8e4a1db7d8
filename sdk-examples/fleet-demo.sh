#!/usr/bin/env bash
# The demo's story across a relay fleet: PostgreSQL and Redis (Debian's packages, on loopback, in a
# temporary directory), three reference relay nodes sharing them, and a round-robin TCP balancer in
# front (io.tqc.examples.fleet.RoundRobinProxy). Register on node 1, send through node 2, suspend
# through node 3: refused on every node. Then reinstate through the balancer, send through it (the
# batches land on every node in turn), revoke through it: refused everywhere. Everything is stopped
# and removed at the end. Exit 0 only if every step behaved as described.
#
#   bash sdk-examples/fleet-demo.sh        (builds sdk-examples/target/tqc.jar if missing)
#
# Without redis-server the nodes keep per-node replay caches (the audit table still refuses a replay
# on every node); a real deployment puts a real load balancer in front (health check GET /v1/health).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=sdk-examples/target/tqc.jar
[ -f "$JAR" ] || mvn -B -q -DskipTests package
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$PGBIN" ] && command -v initdb >/dev/null; then PGBIN=$(dirname "$(command -v initdb)"); fi
[ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] || { echo "PostgreSQL not found: apt-get install postgresql" >&2; exit 3; }

WORK=$(mktemp -d /tmp/tqc-fleet-XXXXXX)
PIDS=()
cleanup() {
  local rc=$?
  if [ "$rc" != 0 ]; then
    for f in "$WORK"/node*.log; do [ -f "$f" ] && { echo "--- $f"; tail -5 "$f"; }; done >&2
  fi
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/pg.pid" ] && kill -INT "$(cat "$WORK/pg.pid")" 2>/dev/null || true
  [ -f "$WORK/redis.pid" ] && kill "$(cat "$WORK/redis.pid")" 2>/dev/null || true
  sleep 1
  rm -rf "$WORK"
}
trap cleanup EXIT

AS_PG=()
if [ "$(id -u)" = 0 ]; then  # initdb and postgres refuse root
  chown postgres:postgres "$WORK"
  AS_PG=(setpriv --reuid=postgres --regid=postgres --init-groups)
fi
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
PGPORT=$(free_port)
"${AS_PG[@]}" "$PGBIN/initdb" -D "$WORK/data" -U postgres -A trust --no-sync >"$WORK/initdb.log" 2>&1
"${AS_PG[@]}" "$PGBIN/postgres" -D "$WORK/data" -p "$PGPORT" -c listen_addresses=127.0.0.1 \
  -c unix_socket_directories="$WORK" >"$WORK/postgres.log" 2>&1 &
echo $! >"$WORK/pg.pid"
for _ in $(seq 100); do "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT" && break; sleep 0.1; done
"$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres tqc
echo "PostgreSQL on 127.0.0.1:$PGPORT"
REPLAY=()
if command -v redis-server >/dev/null; then
  RPORT=$(free_port)
  redis-server --port "$RPORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK" \
    --maxmemory-policy noeviction >"$WORK/redis.log" 2>&1 &
  echo $! >"$WORK/redis.pid"
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$RPORT") 2>/dev/null && break; sleep 0.1; done
  REPLAY=(--replay "redis://127.0.0.1:$RPORT")
  echo "Redis on 127.0.0.1:$RPORT (shared replay cache)"
else
  echo "redis-server not found: per-node replay caches (apt-get install redis-server for the shared one)"
fi

export TQC_ADMIN_TOKEN="fleet-demo-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
export TQC_KEK="$(head -c 32 /dev/urandom | base64)"   # seals the fleet's signing keys at rest
tqc() { java -jar "$JAR" "$@"; }
URLS=()
for n in 1 2 3; do
  java -jar "$JAR" relay --port 0 --issuer https://relay.example.kr --node-id "n$n" \
    --store "jdbc:postgresql://127.0.0.1:$PGPORT/tqc?user=postgres" "${REPLAY[@]}" >"$WORK/node$n.log" 2>&1 &
  PIDS+=($!)
done
for n in 1 2 3; do
  for _ in $(seq 900); do grep -q "listening on" "$WORK/node$n.log" && break; sleep 0.1; done
  URLS+=("$(grep -o 'http://[0-9.:]*' "$WORK/node$n.log" | head -1)")
  echo "node n$n: ${URLS[$((n - 1))]}"
done
java -cp "$JAR" io.tqc.examples.fleet.RoundRobinProxy 0 "${URLS[@]#http://}" >"$WORK/lb.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 300); do grep -q "listening on" "$WORK/lb.log" && break; sleep 0.1; done
LB=$(grep -o 'http://[0-9.:]*' "$WORK/lb.log" | head -1)
echo "round-robin balancer: $LB"

cat >"$WORK/batch.json" <<'JSON'
{"sender_number":"0212345678","advertising":true,"advertiser":{"name":"TQC상사","contact":"02-1234-5678"},
 "messages":[{"to":"01012345678","text":"(광고)TQC상사 봄 세일 20% 문의 02-1234-5678\n무료거부 0801234567","night_consent":true}]}
JSON
tqc keygen --out "$WORK/reseller.jwk" >"$WORK/reseller.pub.jwk"
echo "== register on n1"
tqc admin --relay "${URLS[0]}" register --reseller-id 124-81-00998 --name '(주)예시문자' \
  --public-key "$WORK/reseller.pub.jwk" --sender-number 02-1234-5678 --origin-code 123456789
echo "== send through n2"
tqc send --relay "${URLS[1]}" --reseller-id 124-81-00998 --key "$WORK/reseller.jwk" --batch "$WORK/batch.json"
echo "== suspend through n3"
tqc admin --relay "${URLS[2]}" suspend --reseller-id 124-81-00998 --reason '불법스팸 전송 확인'
status=0
for n in 1 2 3; do
  echo "== send through n$n (must be refused)"
  if out=$(tqc send --relay "${URLS[$((n - 1))]}" --reseller-id 124-81-00998 --key "$WORK/reseller.jwk" \
      --batch "$WORK/batch.json" 2>&1); then
    echo "FAIL: n$n accepted a batch after the suspension" >&2; status=1
  fi
  echo "${out##*$'\n'}"
done
echo "== reinstate through the balancer"
tqc admin --relay "$LB" reinstate --reseller-id 124-81-00998 --reason '소명 확인, 재개'
for i in 1 2 3; do
  echo "== send through the balancer ($i)"
  tqc send --relay "$LB" --reseller-id 124-81-00998 --key "$WORK/reseller.jwk" --batch "$WORK/batch.json" \
    || { echo "FAIL: a batch through the balancer was refused after reinstatement" >&2; status=1; }
done
echo "== revoke through the balancer"
tqc admin --relay "$LB" revoke --reseller-id 124-81-00998 --reason '불법스팸 재전송 확인'
for n in 1 2 3; do
  echo "== send through n$n (must be refused: revoked)"
  if out=$(tqc send --relay "${URLS[$((n - 1))]}" --reseller-id 124-81-00998 --key "$WORK/reseller.jwk" \
      --batch "$WORK/batch.json" 2>&1); then
    echo "FAIL: n$n accepted a batch after the revocation" >&2; status=1
  fi
  echo "${out##*$'\n'}"
done
echo "== history (read through n1)"
tqc admin --relay "${URLS[0]}" show --reseller-id 124-81-00998
[ "$status" = 0 ] && echo "fleet demo: OK (suspended on n3, refused on n1-n3; reinstated, sent and revoked through the balancer; refused on n1-n3)"
exit "$status"
