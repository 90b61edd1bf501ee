#!/usr/bin/env bash
# Every benchmark of docs/benchmarks.md, in one run (about 1.5 hours on 2 cores).
# Peers first need: bash bench/setup_peers.sh. Results: bench/results/*.json and bench/results/run_all.log.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${VBPL_CORPUS:-$(cd .. && pwd)/shared/corpus}
OUT=/tmp/vbpl-bench-out
mkdir -p bench/results
log() { echo "== $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg): $*"; }
{
  log "whole corpora, mixed formats, 2 workers (also gives the OCR'd pages for the baseline)"
  for c in docs bulk; do
    /usr/bin/time -f "$c: %e s wall, largest single process max RSS %M KB" vbpl-parser parse "$CORPUS/$c" -o "$OUT/$c" --force -j 2 -q || true
  done
  log "throughput";   python3 bench/throughput.py --repeat 3
  log "mixed";        python3 bench/throughput.py --mixed --corpus bulk --repeat 3
  log "baseline";     python3 bench/baseline.py --repeat 3 --ocr-info "$OUT"
  log "stages";       python3 bench/stages.py --repeat 3
  log "peers";        python3 bench/peers.py --repeat 3 --peer-repeat 1
  log "scaling";      python3 bench/scaling.py --repeat 5
  log "memory";       python3 bench/batch_memory.py --counts 1000 10000
  log "report";       python3 bench/report.py > bench/results/report.md
  log "done"
} 2>&1 | tee bench/results/run_all.log
