#!/usr/bin/env bash
# Checks that a release build produces what Maven Central requires, without uploading or signing:
# deploys the reactor with -Prelease to a file repository under target/, then checks that every
# published artifact has its jar (or pom-only packaging), -sources.jar, -javadoc.jar, .pom with the
# metadata Central requires (name, description, url, licenses, developers, scm), and .md5/.sha1
# checksums for each file; and that unpublished modules (examples, bench, test servers) are absent.
#
#   .ci/check-release.sh                 # signatures skipped (-Dgpg.skip=true, the documented switch)
#   TQC_RELEASE_SIGN=1 .ci/check-release.sh   # also signs (needs a GPG key) and checks the .asc files
#
# Tests are skipped here: the normal build (mvn -B verify) runs them.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD/target/release-check-repo"
rm -rf "$repo"
mkdir -p "$repo"
sign_args=(-Dgpg.skip=true)
if [[ "${TQC_RELEASE_SIGN:-0}" == 1 ]]; then sign_args=(); fi
# -Dmaven.install.skip: the deploy lifecycle passes through install, which would put our artifacts
# into the (possibly shared) ~/.m2 repository; this check installs nothing. The resolver still notes
# the deployed snapshots in ~/.m2/repository/io/tqc/*/maven-metadata-local.xml: when that directory
# did not exist before, it is this run's and is removed again.
local_tqc="$HOME/.m2/repository/io/tqc"
had_local_tqc=0
[[ -d "$local_tqc" ]] && had_local_tqc=1
mvn -B -q -Prelease "${sign_args[@]}" -DskipTests -Dmaven.install.skip=true \
    -DaltDeploymentRepository="local::file://$repo" deploy
if [[ -d "$local_tqc" ]] && find "$local_tqc" -newer "$repo" \( -name '*.jar' -o -name '*.pom' \) -print -quit | grep -q .; then
  echo "release check: artifacts were installed into $local_tqc" >&2
  exit 1
fi
if [[ $had_local_tqc -eq 0 && -d "$local_tqc" ]]; then rm -rf "$local_tqc"; fi

version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
fail=0
problem() { echo "release check: $*" >&2; fail=1; }

jars=(tqc-api tqc-client tqc-relay)
[[ -d sdk-adapters ]] && jars+=(tqc-adapters)
[[ -d sdk-spring-boot-starter ]] && jars+=(tqc-spring-boot-starter)
[[ -d sdk-micrometer ]] && jars+=(tqc-micrometer)
poms=(tqc-parent tqc-bom tqc-dependencies)
for a in "${jars[@]}" "${poms[@]}"; do
  dir="$repo/io/tqc/$a/$version"
  [[ -d "$dir" ]] || { problem "$a $version was not deployed"; continue; }
  pom=$(ls "$dir"/"$a"-*.pom 2>/dev/null | head -1)
  [[ -n "$pom" ]] || { problem "$a: no .pom"; continue; }
  base="${pom%.pom}"
  files=("$pom")
  if [[ " ${jars[*]} " == *" $a "* ]]; then
    for c in "" -sources -javadoc; do
      f="$base$c.jar"
      [[ -s "$f" ]] || problem "$a: missing $(basename "$f")"
      files+=("$f")
    done
    if [[ -s "$base-javadoc.jar" ]] && unzip -l "$base-javadoc.jar" | grep -q '/internal/'; then
      problem "$a: the javadoc jar documents an internal package"
    fi
  fi
  for f in "${files[@]}"; do
    for sum in md5 sha1; do
      [[ -s "$f.$sum" ]] || problem "$a: missing $(basename "$f").$sum"
    done
    if [[ "${TQC_RELEASE_SIGN:-0}" == 1 && ! -s "$f.asc" ]]; then problem "$a: missing $(basename "$f").asc"; fi
  done
  # The effective metadata Central checks: the published pom itself, or its parent's (tqc-parent).
  for tag in name description url licenses developers scm; do
    if ! grep -Eq "<$tag[ >]" "$pom"; then
      parent_pom=$(ls "$repo"/io/tqc/tqc-parent/"$version"/tqc-parent-*.pom 2>/dev/null | head -1)
      grep -q "<parent>" "$pom" && [[ "$tag" != name && "$tag" != description ]] \
          && grep -Eq "<$tag[ >]" "$parent_pom" || problem "$a: the pom has no <$tag>"
    fi
  done
done
for a in tqc-examples tqc-bench tqc-test-servers tqc-spring-boot3-tests; do
  [[ ! -d "$repo/io/tqc/$a" ]] || problem "$a is not a published artifact but was deployed"
done
if [[ $fail -ne 0 ]]; then exit 1; fi
echo "release check: ${#jars[@]} jar artifacts and ${#poms[@]} poms with sources, javadoc, pom metadata and checksums in $repo"
