#!/usr/bin/env bash
# The GPU figures in one run (< 5 minutes on an H100/H200), for a session lent a GPU:
#   bash bench/gpu_check.sh            # uses the default model, trains it on the GPU if missing
#   MODEL=/path/to/model bash bench/gpu_check.sh
# Installs nothing beyond `make install` (a venv with torch is expected on the GPU machine:
# set PYTHON to it); prints the JSON of bench/gpu_throughput.py and the build time if it trained.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || command -v python3 )}
"$PYTHON" -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else "no CUDA device")'
"$PYTHON" -c 'import torch; print("torch", torch.__version__, torch.cuda.get_device_name(0))'
if [ -z "${MODEL:-}" ]; then
  MODEL_DIR=$("$PYTHON" -c 'from models.settings import CoreSettings; print(CoreSettings().resolved_model_dir)')
  if [ ! -f "$MODEL_DIR/config.json" ]; then
    start=$(date +%s)
    "$PYTHON" -m service.cli train --device cuda
    echo "default model trained on the GPU in $(( $(date +%s) - start )) s"
  fi
fi
"$PYTHON" bench/gpu_throughput.py ${MODEL:+--model "$MODEL"}
