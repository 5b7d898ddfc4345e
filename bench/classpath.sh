# Sourced by the bench scripts from the project's root: compiles the code and the tests offline and
# sets JAVA (the JDK 25 the build uses, unless JAVA is set), CP (classes, test classes and every
# dependency in test scope, JMH's runtime included) and, for benchmarks compiled from bench/ with
# JMH's annotations, JMH_PROCESSOR (the annotation processor from the local Maven repository).
# shellcheck shell=bash
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
JMH_PROCESSOR="${M2_REPO:-$HOME/.m2/repository}/org/openjdk/jmh/jmh-generator-annprocess/1.37/jmh-generator-annprocess-1.37.jar"
