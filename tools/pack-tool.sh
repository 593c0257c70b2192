#!/usr/bin/env bash
# Packs the agix tool into FEED as `dotnet tool install agix` expects it (docs/release.md):
#
#   tools/pack-tool.sh FEED [PACKAGE...]
#
# PACKAGE is `pointer` (agix: lists the platform packages, holds no code), `any` (agix.any: the framework-dependent
# fallback with every platform's native libraries) or a runtime identifier (agix.RID). The RID of this machine is
# packed with Native AOT; any other RID cannot be (Native AOT does not cross-compile between operating systems, and
# arm64 from x64 needs a cross linker), so it is packed framework-dependent, ReadyToRun, with only that platform's
# native libraries; the release workflow of docs/release.md builds each of them with Native AOT on its own OS.
# Default: pointer, the four platforms and any. Prints each package's size; fails when a platform package is 20 MB
# or more.
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: $0 FEED [pointer|any|RID...]" >&2
  exit 64
fi
feed=$1; shift
cd "$(dirname "$0")/.."
mkdir -p "$feed"
feed=$(cd "$feed" && pwd)
packages=("$@")
[ ${#packages[@]} -eq 0 ] && packages=(pointer linux-x64 linux-arm64 osx-arm64 win-x64 any)
host=$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -1)
limit=$((20 * 1000 * 1000))

for package in "${packages[@]}"; do
  case $package in
    pointer) id=agix; how="pointer package"; args=() ;;
    any) id=agix.any; how="framework-dependent, every platform's native libraries"; args=(-r any) ;;
    "$host") id=agix.$package; how="Native AOT"; args=(-r "$package") ;;
    *) id=agix.$package; how="framework-dependent, ReadyToRun (no Native AOT for $package on $host)"
       args=(-r "$package" -p:PublishAot=false) ;;   # ReadyToRun: see Agix.Cli.csproj
  esac
  dotnet pack src/Agix.Cli -c Release -o "$feed" "${args[@]}" -v quiet -nologo > "$feed/.pack.log" 2>&1 \
    || { cat "$feed/.pack.log" >&2; echo "error: packing $id failed" >&2; exit 1; }
  file="$feed/$id.$version.nupkg"
  size=$(stat -c %s "$file")
  printf '%-28s %6.1f MB  %s\n' "$id" "$(echo "$size / 1000000" | bc -l)" "$how"
  if [ "$package" != pointer ] && [ "$package" != any ] && [ "$size" -ge "$limit" ]; then
    echo "error: $id is $size bytes, over the 20 MB a platform package may weigh" >&2
    exit 1
  fi
done
rm -f "$feed/.pack.log"
