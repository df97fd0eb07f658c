#!/usr/bin/env bash
# Scaffolds libs/<name> (or services/<name> with --service): package.json, project.json, tsconfig.json.
# usage: tools/new-lib.sh <name> <type-tag> [--service]
set -euo pipefail
name=$1; type=$2; root=libs
[ "${3:-}" = "--service" ] && root=services
dir=$root/$name
mkdir -p "$dir/src"
cat > "$dir/package.json" <<JSON
{
  "name": "@scim-hub/$name",
  "version": "0.1.0",
  "private": true,
  "main": "dist/index.js",
  "exports": {
    ".": "./dist/index.js",
    "./*": "./dist/*/index.js"
  }
}
JSON
cat > "$dir/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "../../node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "$([ "$root" = services ] && echo application || echo library)",
  "tags": ["type:$type"],
  "targets": { "build": {}, "typecheck": {}, "lint": {} }
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "../../tsconfig.base.json",
  "include": ["src/**/*.ts", "test/**/*.ts", "bench/**/*.ts"]
}
JSON
[ -f "$dir/src/index.ts" ] || echo "export {};" > "$dir/src/index.ts"
