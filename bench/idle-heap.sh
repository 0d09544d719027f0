#!/bin/sh
# W3 (idle pages) on one container, with a heap histogram of the server while the pages are open.
# Usage, from the repository root after `mvn -B -ntp -q -pl bench -am -DskipTests package`:
#   bench/idle-heap.sh KIND MODE CONTAINER PAGES
#   KIND: duplex | ceiling   MODE: stream | longpoll   CONTAINER: jetty | jetty-default | tomcat
# Prints the client's RESULT line (heapBytesPerPage) and the histogram's top rows; logs and the
# whole histogram go to bench/target/idle-heap/.
set -eu
kind=$1 mode=$2 container=$3 pages=${4:-1000}
jar=${JAR:-bench/target/duplex-bench.jar}
out=${OUT:-bench/target/idle-heap}/$kind-$mode-$container-$pages
mkdir -p "$out"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
base=/$kind
java -Xmx2g -XX:+UseG1GC -jar $jar server --kind=$kind --mode=$mode --container=$container \
  --watchStdin=false --maxSeconds=300 >"$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
while ! grep -q '^READY' "$out/server.log"; do
  kill -0 $server || { cat "$out/server.log"; exit 1; }
  sleep 0.2
done
port=$(sed -n 's/^READY \([0-9]*\).*/\1/p' "$out/server.log")
java -Xmx1g -jar $jar client --port=$port --base=$base --workload=w3 --pages=$pages --holdAfter=20 \
  >"$out/client.log" 2>&1 &
client=$!
while ! grep -q '^HOLDING' "$out/client.log"; do
  kill -0 $client || { cat "$out/client.log"; exit 1; }
  sleep 0.5
done
jcmd $server GC.class_histogram >"$out/histogram.txt"
grep '^RESULT' "$out/client.log"
head -25 "$out/histogram.txt"
kill $client 2>/dev/null || true
