#!/usr/bin/env bash
# Installs what is missing (Debian 12 packages), builds xpusim, then runs or tests it.
#   scripts/setup.sh run        build and run the default simulation, print its summary
#   scripts/setup.sh test       build and pass the whole test suite (ctest)
#   scripts/setup.sh sanitize   the same suite built with AddressSanitizer + UBSan
# Idempotent: when everything is installed and built it only re-checks and runs.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-run}"

packages=(cmake ninja-build g++ pkg-config python3 libsystemc-dev verilator libyaml-cpp-dev
  libfmt-dev catch2 libboost-dev libcli11-dev nlohmann-json3-dev zlib1g-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

jobs=$(nproc)
configure() {  # configure() DIR [cmake args...]: only when the build folder is new
  local dir=$1
  shift
  [[ -f "$dir/build.ninja" ]] || cmake -S . -B "$dir" -G Ninja "$@"
}

case "$mode" in
  run)
    configure build -DCMAKE_BUILD_TYPE=Release
    cmake --build build -j "$jobs" --target xpusim
    build/bin/xpusim run configs/memory/sram_trace.yaml
    ;;
  test)
    configure build -DCMAKE_BUILD_TYPE=Release
    cmake --build build -j "$jobs"
    ctest --test-dir build --output-on-failure -j "$jobs"
    ;;
  sanitize)
    configure build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DXPUSIM_SANITIZE=ON \
      -DXPUSIM_BENCHMARKS=OFF
    cmake --build build-asan -j "$jobs"
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
      ctest --test-dir build-asan --output-on-failure -j "$jobs"
    ;;
  *)
    echo "usage: scripts/setup.sh run|test|sanitize" >&2
    exit 2
    ;;
esac
