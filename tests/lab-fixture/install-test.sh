#!/usr/bin/env bash
# End-to-end test of lab extensions in the built product (run by run-tests): installs the lab fixture's feature from
# its p2 repository (the zip) into a copy of the product with 'qbi plugins install', checks 'qbi plugins list' and
# 'qbi op list', runs the fixture's pipeline (its reader and operator) on a copy of its example project and checks
# the values, uninstalls it and checks its operator is gone; then a plugin with a missing dependency in dropins/
# is named with the reason while the other commands keep working. Also the clear errors (not a p2 repository,
# feature not found).
#   tests/lab-fixture/install-test.sh PRODUCT_DIR
set -euo pipefail
product=$1
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
repository="$here/org.qbi.lab.fixture.repository/target/repository"
zip=$(ls "$here"/org.qbi.lab.fixture.repository/target/*.zip | head -1)
feature=org.qbi.lab.fixture.feature
operator=labfixture.attenuation

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "lab install test: $*" >&2; exit 1; }

# A copy of the product that the install may change.
. "$here/../../releng/scripts/build-env.sh"
copy="$work/qbi-workbench"
qbi_product_copy "$product" "$copy"
qbi="$copy/qbi"

"$qbi" plugins list >"$work/list0.txt" || fail "qbi plugins list failed: $(cat "$work/list0.txt")"
grep -q "^Lab features installed: none" "$work/list0.txt" || fail "a fresh product lists lab features: $(cat "$work/list0.txt")"

# Clear errors: not a p2 repository; a feature the repository does not have.
mkdir "$work/not-a-repository"
if "$qbi" plugins install "$work/not-a-repository" >"$work/err1.txt" 2>&1; then fail "installing from an empty folder succeeded"; fi
grep -q "is not a p2 repository" "$work/err1.txt" || fail "unclear message for a folder that is not a repository: $(cat "$work/err1.txt")"
if "$qbi" plugins install "$repository" --feature org.qbi.no.such.feature >"$work/err2.txt" 2>&1; then fail "installing a missing feature succeeded"; fi
grep -q "The feature org.qbi.no.such.feature is not in the p2 repository .* It offers: $feature" "$work/err2.txt" \
    || fail "unclear message for a missing feature: $(cat "$work/err2.txt")"

# A lab built against another platform version (its plugin requires org.qbi.core [9,10)): p2's reason, naming it.
python3 - "$repository" "$work/conflict" <<'PY'
import shutil, sys, zipfile
source, target = sys.argv[1], sys.argv[2]
shutil.copytree(source, target)
xml = zipfile.ZipFile(source + "/content.jar").read("content.xml").decode()
xml = xml.replace("name='org.qbi.core' range='[0.1.0,1.0.0)'", "name='org.qbi.core' range='[9.0.0,10.0.0)'")
for name in ("content.jar", "content.xml.xz"):
    shutil.os.remove(target + "/" + name)
zipfile.ZipFile(target + "/content.jar", "w").writestr("content.xml", xml)
PY
if "$qbi" plugins install "$work/conflict" >"$work/err3.txt" 2>&1; then fail "installing a lab for another platform version succeeded"; fi
grep -q "Cannot install $feature .*$work/conflict" "$work/err3.txt" && grep -q "requires 'osgi.bundle; org.qbi.core \[9.0.0,10.0.0)'" "$work/err3.txt" \
    || fail "unclear message for a conflicting version: $(cat "$work/err3.txt")"

# Install from the repository's zip; the list shows the feature and its plugin, op list its operator.
"$qbi" plugins install "$zip" >"$work/install.txt" 2>&1 || fail "install failed: $(cat "$work/install.txt")"
grep -q "^Installed $feature " "$work/install.txt" || fail "install did not report $feature: $(cat "$work/install.txt")"
"$qbi" plugins list >"$work/list1.txt"
grep -q "^  $feature 0.1.0" "$work/list1.txt" || fail "the list does not show $feature: $(cat "$work/list1.txt")"
grep -Eq "^ +org.qbi.lab.fixture +0.1.0[^ ]* +(ACTIVE|STARTING|RESOLVED)" "$work/list1.txt" \
    || fail "the list does not show the fixture's plugin loaded: $(cat "$work/list1.txt")"
"$qbi" op list | grep -q "$operator" || fail "$operator is not in qbi op list after the install"

# The lab's pipeline: its reader (.labfix) and its operator, on a copy of its example project.
cp -a "$here/example-project" "$work/project"
"$qbi" run attenuation --project "$work/project" >"$work/run.txt" 2>&1 || fail "the pipeline failed: $(cat "$work/run.txt")"
output=$(find "$work/project/results" -name attenuation.npy | head -1)
[ -n "$output" ] || fail "the pipeline wrote no attenuation.npy: $(cat "$work/run.txt")"
python3 - "$output" <<'PY' || fail "the pipeline's values are wrong"
import sys, numpy as np
a = np.load(sys.argv[1]).squeeze()
expected = np.log(2.0) * np.arange(12).reshape(3, 4)  # -ln((1000 / 2^k) / 1000)
if a.shape != (3, 4) or np.abs(a - expected).max() > 1e-5:
    sys.exit(f"got {a.shape}\n{a}\nexpected\n{expected}")
PY

# Uninstall, and a plugin with a missing dependency dropped into dropins/: the lab's operator is gone, the broken
# plugin is named with the reason, and everything else keeps working.
"$qbi" plugins uninstall "$feature" >"$work/uninstall.txt" 2>&1 || fail "uninstall failed: $(cat "$work/uninstall.txt")"
mkdir -p "$work/broken/META-INF" "$copy/dropins"
printf 'Manifest-Version: 1.0\nBundle-ManifestVersion: 2\nBundle-SymbolicName: org.qbi.lab.broken\nBundle-Version: 1.0.0\nRequire-Bundle: org.qbi.lab.missing.dependency;bundle-version="[1.0.0,2.0.0)"\n' \
    >"$work/broken/META-INF/MANIFEST.MF"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1], "w").write(sys.argv[2], "META-INF/MANIFEST.MF")' \
    "$copy/dropins/org.qbi.lab.broken_1.0.0.jar" "$work/broken/META-INF/MANIFEST.MF"
"$qbi" plugins list >"$work/list2.txt" 2>&1 || fail "qbi plugins list failed with a broken plugin in dropins: $(cat "$work/list2.txt")"
grep -q "^Lab features installed: none" "$work/list2.txt" || fail "the feature is still listed after the uninstall: $(cat "$work/list2.txt")"
grep -q "dropins: org.qbi.lab.broken 1.0.0 .*needs plugin org.qbi.lab.missing.dependency (version >= 1.0.0, < 2.0.0)" \
    "$work/list2.txt" || fail "the broken plugin is not named with its missing dependency: $(cat "$work/list2.txt")"
"$qbi" op list >"$work/ops2.txt" || fail "qbi op list failed after the uninstall, with a broken plugin in dropins"
grep -q "$operator" "$work/ops2.txt" && fail "$operator is still there after the uninstall"
grep -q "filter.gaussian" "$work/ops2.txt" || fail "qbi op list lost the platform's operators"
echo "lab install test: passed (install from zip, list, op list, pipeline, uninstall, dropins, errors)"
