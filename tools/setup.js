#!/usr/bin/env node
// Makes a fresh checkout runnable: installs dependencies when node_modules is missing or older than
// package-lock.json, then builds every project (Nx caches unchanged ones). Used by `npm start` and `npm test`
// so that the README's two commands work on a fresh machine with only Node.js and npm.
const { execSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const run = (cmd) => execSync(cmd, { cwd: root, stdio: 'inherit', env: { ...process.env, NX_NO_CLOUD: 'true', NX_TUI: 'false', npm_config_build_from_source: 'true' } });
const mtime = (f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0);

const installed = path.join(root, 'node_modules', '.package-lock.json');
if (mtime(installed) < mtime(path.join(root, 'package-lock.json'))) {
  console.log('scim-hub: installing dependencies (npm ci)…');
  run('npm ci --no-audit --no-fund');
}
if (!process.argv.includes('--install-only')) run('npx nx run-many -t build --outputStyle=static');
