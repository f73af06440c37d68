# Shared by the launchers in deploy/bin (sourced, not run): the checkout, Java, the build of the
# application jar, and the module flags Spark 4 needs on Java 17. The sourcing script sets $self.

die() { echo "${prog:-rdsim}: $*" >&2; exit 1; }

root="$(cd "$(dirname "$self")/../.." && pwd)"
jar="$root/spark-driver/target/rdsim.jar"
cp_file="$root/spark-driver/target/spark-classpath.txt"

mtime() { stat -c %Y "$1" 2>/dev/null || stat -f %m "$1"; }   # GNU, then BSD stat

find_java() {
  java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  command -v "$java" >/dev/null 2>&1 || die "no Java found (${JAVA_HOME:+JAVA_HOME=$JAVA_HOME, }looked for '$java'); install Java 17 or newer, or set JAVA_HOME"
  local spec major
  spec="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p' || true)"
  major="${spec#1.}"; major="${major%%.*}"
  [[ "$major" =~ ^[0-9]+$ && "$major" -ge 17 ]] || die "Java 17 or newer is required; '$java' is Java ${major:-of unknown version}; set JAVA_HOME"
}

# (Re)build when the jar is missing or any source or pom is newer than it.
build_if_stale() {
  local stale=""
  if [[ ! -f "$jar" || ! -f "$cp_file" ]]; then
    stale="first use"
  elif [[ -n "$(find "$root" -path "$root/*/target" -prune -o \( -name '*.java' -o -name 'pom.xml' \) -newer "$jar" -print -quit 2>/dev/null)" ]]; then
    stale="sources changed"
  fi
  if [[ -n "$stale" ]]; then
    command -v mvn >/dev/null 2>&1 || die "building rdsim needs Maven 3.8 or newer ('mvn' is not on the PATH)"
    echo "${prog:-rdsim}: building the application jar ($stale; takes a minute)..." >&2
    local build_log
    build_log="$(mktemp)"
    if ! (cd "$root" && mvn -B -DskipTests -pl spark-driver -am package) >"$build_log" 2>&1; then
      grep -E 'ERROR|BUILD' "$build_log" | head -40 >&2 || true
      die "build failed; the full log is $build_log"
    fi
    rm -f "$build_log"
  fi
}

# Spark 4 on Java 17 needs these module flags on every JVM that hosts a driver, master or worker
# (Spark's own defaults, less jdk.incubator.vector, which spark-core does not use and which only
# prints a warning). Executors launched by a worker get them from Spark itself.
spark_flags=(
  -XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  -Dio.netty.tryReflectionSetAccessible=true
)

# A Spark home made of the Maven-resolved Spark jars (no Spark download): the standalone master
# and workers, and spark-submit, look for $SPARK_HOME/jars.
spark_home() {
  local home="$1"
  mkdir -p "$home/jars"
  local entry
  tr ":" "\n" <"$cp_file" | while read -r entry || [[ -n "$entry" ]]; do
    [[ -f "$entry" ]] && ln -sf "$entry" "$home/jars/$(basename "$entry")"
  done
  export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
}
