#!/usr/bin/env bash
# End-to-end test of the neutron lab as users get it (run by run-tests): installs org.qbi.lab.neutron.feature from the
# lab's own p2 repository into a copy of the built product with 'qbi plugins install' (the p2 director inside the
# product), runs the lab's example pipeline headless (its FITS reader and neutron.normalize / clean_spots /
# attenuation / ring_removal operators) on a copy of labs/neutron/example-project, checks the outputs against the
# simulation's truth, then uninstalls the feature and checks its operators and reader are gone again.
#   labs/neutron/install-test.sh PRODUCT_DIR
set -euo pipefail
product=$1
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
. "$here/../../releng/scripts/build-env.sh"
repository="$here/org.qbi.lab.neutron.repository/target/repository"
feature=org.qbi.lab.neutron.feature
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "neutron lab install test: $*" >&2; exit 1; }

copy="$work/qbi-workbench"
qbi_product_copy "$product" "$copy"
qbi="$copy/qbi"
"$qbi" op list | grep -q "neutron\." && fail "the product has neutron operators before the lab is installed"

# Installed from a URL, as a lab's web server offers its repository (a plain-http server inside a network, which p2
# reads only with p2.httpRule=allow; https needs nothing).
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
(cd "$repository" && exec python3 -m http.server "$port" --bind 127.0.0.1 >"$work/http.log" 2>&1) &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/content.jar')" 2>/dev/null && break
    sleep 0.1
done
JAVA_TOOL_OPTIONS=-Dp2.httpRule=allow "$qbi" plugins install "http://127.0.0.1:$port/" >"$work/install.txt" 2>&1 \
    || fail "install from http://127.0.0.1:$port/ failed: $(cat "$work/install.txt")"
kill "$server" 2>/dev/null || true
"$qbi" plugins list >"$work/list.txt"
grep -q "^  $feature 1.0.0" "$work/list.txt" || fail "the list does not show $feature: $(cat "$work/list.txt")"
"$qbi" op list >"$work/ops.txt"
for op in neutron.normalize neutron.clean_spots neutron.ring_removal neutron.attenuation neutron.thickness; do
    grep -q "$op" "$work/ops.txt" || fail "$op is not in qbi op list after the install"
done

# The lab's pipeline on a copy of its example project: FITS in, FITS and the dose table out.
cp -a "$here/example-project" "$work/project"
"$qbi" run neutron --project "$work/project" >"$work/run.txt" 2>&1 || fail "the pipeline failed: $(cat "$work/run.txt")"
"$qbi" info "$work/project/results/neutron/shell/attenuation.fits" >"$work/info.txt" 2>&1 \
    || fail "the attenuation image does not open: $(cat "$work/info.txt")"
grep -q "160 x 64 x 24" "$work/info.txt" || fail "unexpected attenuation image: $(cat "$work/info.txt")"
# The dose measured in the reference region follows the simulated dose fluctuations (ratio constant within 1 %).
python3 - "$work/project/results/neutron/dose.csv" "$here/example-project/raw/neutron/truth.json" <<'PY' \
    || fail "the measured doses do not follow the simulation"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
truth = json.load(open(sys.argv[2]))["dose"]
dose = [float(r["dose"]) for r in rows]
ratio = [d / t for d, t in zip(dose, truth)]
if len(dose) != len(truth) or (max(ratio) - min(ratio)) / min(ratio) > 0.01:
    sys.exit(f"{len(dose)} doses; ratios {min(ratio)} .. {max(ratio)}")
PY

"$qbi" plugins uninstall "$feature" >"$work/uninstall.txt" 2>&1 || fail "uninstall failed: $(cat "$work/uninstall.txt")"
"$qbi" op list | grep -q "neutron\." && fail "neutron operators are still there after the uninstall"
if "$qbi" info "$here/example-project/raw/neutron/dark.fits" >/dev/null 2>&1; then
    fail "FITS files still open after the uninstall"
fi
echo "neutron lab install test: passed (install from a URL, FITS pipeline, dose against truth, uninstall)"
