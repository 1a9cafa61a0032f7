#!/usr/bin/env bash
# macOS with Xcode: type-checks the command plugin, XcodePlugin.swift included, against the PackagePlugin and
# XcodeProjectPlugin modules of the selected Xcode. SwiftPM never compiles XcodePlugin.swift (XcodeProjectPlugin
# exists only inside Xcode), so without this a mistake there would reach users first. The macOS CI job runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(uname -s)" = Darwin ] || { echo "typecheck-xcode-plugin.sh: needs macOS and Xcode" >&2; exit 2; }
developer="$(xcode-select -p)"   # …/Xcode.app/Contents/Developer
contents="$(dirname "$developer")"
module_folder() {
  find "$contents" -maxdepth 9 -name "$1.swiftmodule" -print 2>/dev/null | head -n 1 | xargs -I{} dirname {}
}
package_plugin="$(module_folder PackagePlugin)"
xcode_plugin="$(module_folder XcodeProjectPlugin)"
if [ -z "$package_plugin" ] || [ -z "$xcode_plugin" ]; then
  echo "::warning::PackagePlugin ($package_plugin) or XcodeProjectPlugin ($xcode_plugin) not found under $contents; XcodePlugin.swift was not type-checked"
  exit 0
fi
echo "PackagePlugin: $package_plugin; XcodeProjectPlugin: $xcode_plugin" >&2
xcrun swiftc -typecheck -parse-as-library -swift-version 6 \
  -target "$(uname -m)-apple-macos13" \
  -I "$package_plugin" -I "$xcode_plugin" \
  Plugins/GenerateAssetsPlugin/*.swift
echo "XcodePlugin.swift type-checks against Xcode's XcodeProjectPlugin" >&2
