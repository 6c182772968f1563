# Sourced by the repository's scripts (qbi, qbi-workbench, run-tests): the JDK, and building what is missing.
QBI_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$QBI_REPO/features/org.qbi.feature/rootfiles/lib/qbi-env.sh"
QBI_PRODUCT="$QBI_REPO/releng/org.qbi.product/target/products/org.qbi.workbench/linux/gtk/x86_64/qbi-workbench"

# qbi_build_jdk: finds a JDK >= 25 and exports JAVA_HOME for the Maven build.
qbi_build_jdk() {
    qbi_find_java || return 1
    JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$QBI_JAVA")")")
    export JAVA_HOME
}

# qbi_ensure_product: builds the product unless it is newer than every source file.
qbi_ensure_product() {
    if [ -x "$QBI_PRODUCT/qbi" ] && [ -z "$(find "$QBI_REPO/bundles" "$QBI_REPO/features" "$QBI_REPO/releng" "$QBI_REPO/docs" \
            "$QBI_REPO/pom.xml" -newer "$QBI_PRODUCT/qbi" -type f -not -path '*/target/*' -print -quit)" ]; then
        return 0
    fi
    echo "Building QBI Workbench (first time: a few minutes, downloads from Maven Central)..." >&2
    qbi_build_jdk || return 1
    (cd "$QBI_REPO" && ./mvnw -B -q install -DskipTests) || { echo "The build failed; see the output above." >&2; return 1; }
    touch "$QBI_PRODUCT/qbi"
}

# qbi_product_copy PRODUCT DEST: a copy of a built product that lab installs may change (tests): jars hard-linked
# (p2 adds and removes files there, never rewrites one), the configuration and p2 profile copied (p2 rewrites them).
qbi_product_copy() {
    cp -al "$1" "$2"
    local mutable
    for mutable in configuration p2 artifacts.xml features; do
        rm -rf "${2:?}/$mutable"
        cp -a "$1/$mutable" "$2/$mutable"
    done
}
