# Shared by the infra/bin scripts: locate the repository and a Java 25 JDK.
CONSILIUM_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export CONSILIUM_HOME

find_java25() {
  local candidate
  for candidate in "${CONSILIUM_JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64 /usr/lib/jvm/java-25-openjdk-amd64 "${JAVA_HOME:-}"; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    if "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

use_java25() {
  local home
  home=$(find_java25) || { echo "consilium: Java 25 is required (Temurin 25 expected at /usr/lib/jvm/temurin-25-jdk-amd64; or set CONSILIUM_JAVA_HOME)" >&2; exit 1; }
  export JAVA_HOME=$home
  export PATH=$JAVA_HOME/bin:$PATH
}

require_maven() {
  command -v mvn >/dev/null 2>&1 && return 0
  echo "consilium: installing Maven" >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null; fi
  command -v mvn >/dev/null 2>&1 || { echo "consilium: Maven 3.8+ is required" >&2; exit 1; }
}
