# Sourced by ./mvnw. Maven may run on any JDK ≥ 17, but Turno compiles, tests and runs on JDK 25,
# which the maven-toolchains-plugin finds on its own. This check only turns "no JDK 25 anywhere"
# into a sentence that says what to install, before Maven starts.
turno_require_jdk() {
  required=25
  [ -n "${TURNO_SKIP_JDK_CHECK:-}" ] && return 0
  # A toolchains.xml may point anywhere: trust it.
  [ -f "${HOME}/.m2/toolchains.xml" ] && return 0
  set +f  # mvnw runs with globbing off; the search below needs it
  for home in "${JAVA_HOME:-}" /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home "${HOME}"/.sdkman/candidates/java/* "${HOME}"/.jdks/*; do
    [ -n "$home" ] && [ -f "$home/release" ] && [ -x "$home/bin/javac" ] || continue
    major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
    if [ -n "$major" ] && [ "$major" -ge "$required" ]; then
      set -f
      return 0
    fi
  done
  echo "Turno needs a JDK $required or newer and none was found: install one (for example Debian's or" \
       "Adoptium's temurin-$required-jdk package, or from https://adoptium.net) under /usr/lib/jvm," \
       "or set JAVA_HOME to it, then run this command again." >&2
  exit 1
}
turno_require_jdk
