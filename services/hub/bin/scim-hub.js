#!/usr/bin/env node
// The `scim-hub` command (package.json "bin"): the compiled CLI. Build first: npx nx run hub:build.
require('../dist/cli.js');
