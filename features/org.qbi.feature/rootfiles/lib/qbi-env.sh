# Shared by the QBI start scripts (sourced, not run): finds a JDK >= 25 and sizes memory from the machine's RAM.

# qbi_find_java: sets QBI_JAVA to a java >= 25 from JAVA_HOME, QBI_JAVA_HOME, the PATH or the usual places.
qbi_find_java() {
    local candidates=() c v
    [ -n "${QBI_JAVA_HOME:-}" ] && candidates+=("$QBI_JAVA_HOME/bin/java")
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
    command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
    for c in /usr/lib/jvm/temurin-2[5-9]*/bin/java /usr/lib/jvm/*-2[5-9]*/bin/java /usr/lib/jvm/jdk-2[5-9]*/bin/java \
             /opt/java/*/bin/java /opt/jdk*/bin/java "$HOME"/.sdkman/candidates/java/*/bin/java \
             /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
        [ -x "$c" ] && candidates+=("$c")
    done
    for c in "${candidates[@]}"; do
        [ -x "$c" ] || continue
        # a JDK's release file names its version without starting it (0.1 s saved on every command); otherwise
        # ask the java itself: one that fails to start (broken, or refusing JAVA_TOOL_OPTIONS it does not know)
        # is skipped, not fatal
        v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$(dirname "$(dirname "$(readlink -f "$c")")")/release" 2>/dev/null) || v=""
        [ -n "$v" ] || v=$("$c" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p') || v=""
        if [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null; then
            QBI_JAVA="$c"
            export QBI_JAVA
            return 0
        fi
    done
    echo "QBI Workbench needs a Java Development Kit 25 or newer, and none was found." >&2
    echo "Looked at \$QBI_JAVA_HOME, \$JAVA_HOME, the PATH and /usr/lib/jvm. Install one (e.g. Eclipse Temurin 25)" >&2
    echo "and set JAVA_HOME to it." >&2
    return 1
}

# qbi_memory_options: sets QBI_MEMORY_OPTS: the heap as QBI_HEAP_PERCENT (default 50) of RAM and an off-heap
# budget for image chunks of QBI_OFFHEAP_PERCENT (default 25) of RAM.
qbi_memory_options() {
    local ram_kb heap_mb offheap_mb
    ram_kb=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo 2>/dev/null)
    [ -n "$ram_kb" ] || ram_kb=$((8 * 1024 * 1024))
    heap_mb=$((ram_kb * ${QBI_HEAP_PERCENT:-50} / 100 / 1024))
    offheap_mb=$((ram_kb * ${QBI_OFFHEAP_PERCENT:-25} / 100 / 1024))
    [ "$heap_mb" -ge 512 ] || heap_mb=512
    [ "$offheap_mb" -ge 256 ] || offheap_mb=256
    QBI_MEMORY_OPTS="-Xmx${heap_mb}m -XX:MaxDirectMemorySize=${offheap_mb}m -Dqbi.offheap.budget=$((offheap_mb * 1024 * 1024))"
    export QBI_MEMORY_OPTS
}

# qbi_launcher_jar DIR: the Equinox launcher jar of the product installed in DIR.
qbi_launcher_jar() {
    local jar
    for jar in "$1"/plugins/org.eclipse.equinox.launcher_*.jar; do
        [ -f "$jar" ] && { echo "$jar"; return 0; }
    done
    echo "No Equinox launcher in $1/plugins: the installation is incomplete." >&2
    return 1
}

QBI_JVM_OPTS="--enable-native-access=ALL-UNNAMED -XX:+UseG1GC -Dfile.encoding=UTF-8"

# The headless command's JIT: the optimising compiler (C2) starts at 10x its usual call and loop counts. In a batch
# of small images C2 was otherwise busy with code run a few hundred times per sample (tables, JSON, the store's
# driver), about 40 % of the run's CPU, while pixel loops waited for it in the interpreter; those loops still pass
# 400,000 iterations within milliseconds, so large volumes get C2 code as before (cold runs of Gaussian, Otsu and
# labelling on a 384 x 512 x 512 volume were as fast or faster). Measured: docs/PERFORMANCE.md, "Batch throughput".
QBI_BATCH_JIT_OPTS="-XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=6000 -XX:Tier4CompileThreshold=150000 -XX:Tier4BackEdgeThreshold=400000"

# The qbi daemon (see the qbi script). Its sockets, locks and logs are in qbi_daemon_dir, readable by this user only.
qbi_daemon_dir() {
    echo "${XDG_RUNTIME_DIR:-/tmp}/qbi-daemon-$(id -u)"
}

# qbi_daemon_client ARGS: the client in a plain JVM (the headless plugin's jar on the class path, JDK classes only).
qbi_daemon_client() {
    local jar
    jar=$(ls "$QBI_HOME"/plugins/org.qbi.headless_*.jar 2>/dev/null | sort -V | tail -n 1)
    [ -n "$jar" ] || { echo "No org.qbi.headless plugin in $QBI_HOME/plugins: the installation is incomplete." >&2; return 75; }
    "$QBI_JAVA" -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m -cp "$jar" \
        org.qbi.headless.internal.daemon.DaemonClient "$@"
}

# qbi_daemon_key: what a daemon must share with the command to run it: the installation and its plugins, the
# Java and its options, the working directory, the environment and the process limits. Fails (no key, no daemon)
# when any part cannot be read.
qbi_daemon_key() {
    local listed=() path
    for path in "$QBI_HOME/plugins" "$QBI_HOME/dropins" "$QBI_HOME/configuration/org.eclipse.equinox.simpleconfigurator"; do
        [ -e "$path" ] && listed+=("$path")
    done
    {
        # the directory by path and by inode: one deleted and made again is another directory for a daemon in it
        printf '%s\n' "$QBI_HOME" "$QBI_JAVA" "$QBI_MEMORY_OPTS $QBI_JVM_OPTS $QBI_BATCH_JIT_OPTS" "$(pwd -P)" \
            "$(stat -c '%d:%i' .)" "$(umask)" "$(ulimit -a)" "$(nproc)"
        env -0 | LC_ALL=C sort -z | grep -zv -E '^(_|SHLVL|OLDPWD)=' || exit 1
        # installing or removing a plugin (qbi plugins, p2) rewrites bundles.info; dropins/ is read at start-up
        ls -l --time-style=+%s "${listed[@]}" || exit 1
    } | sha256sum | cut -c1-32
}

# qbi_daemon_run ARGS: runs the command in this directory's daemon, starting it when there is none. Sets
# QBI_DAEMON_RAN=1 and QBI_DAEMON_CODE to the command's exit code when a daemon ran it; otherwise the command is
# to run in a process of its own (no daemon could be used, or it was busy). Needs the caller's "platform" array
# (the java command line without -application).
qbi_daemon_run() {
    local dir key socket code pid outcome idle
    QBI_DAEMON_RAN=0
    command -v setsid >/dev/null 2>&1 && command -v sha256sum >/dev/null 2>&1 || return 0
    idle=${QBI_DAEMON_IDLE_MINUTES:-10}
    if ! [[ "$idle" =~ ^[1-9][0-9]{0,5}$ ]]; then
        echo "qbi: QBI_DAEMON_IDLE_MINUTES is '$idle', not a number of minutes; running without the daemon" >&2
        return 0
    fi
    dir=$(qbi_daemon_dir)
    mkdir -p "$dir" 2>/dev/null && chmod 700 "$dir" 2>/dev/null && [ -O "$dir" ] || return 0
    key=$(qbi_daemon_key) && [ ${#key} -eq 32 ] || return 0
    socket="$dir/$key.sock"
    [ ${#socket} -lt 100 ] || return 0 # the limit of a Unix socket's path
    outcome=$(mktemp "$dir/outcome.XXXXXX") || return 0
    qbi_daemon_client --outcome "$outcome" --socket "$socket" -- "$@"
    code=$?
    if [ ! -s "$outcome" ] && [ "$code" -eq 76 ]; then
        # none listens here yet: start one (its own session, so closing this terminal does not end it); while
        # idle, a periodic collection gives unused heap back to the system
        setsid "${platform[0]}" -XX:G1PeriodicGCInterval=60000 "${platform[@]:1}" -application org.qbi.headless.daemon \
            --socket "$socket" --idle-minutes "$idle" >"$dir/$key.log" 2>&1 </dev/null &
        pid=$!
        # at most QBI_DAEMON_MAX (default 4) daemons per user: the longest idle others end
        qbi_daemon_client --outcome "$outcome" --socket "$socket" --daemon-pid "$pid" --wait-seconds 120 \
            --max-daemons "${QBI_DAEMON_MAX:-4}" -- "$@"
        code=$?
    fi
    if [ -s "$outcome" ]; then
        QBI_DAEMON_RAN=1
        QBI_DAEMON_CODE=$code
    fi
    rm -f "$outcome"
    return 0
}
