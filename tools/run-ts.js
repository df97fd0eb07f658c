#!/usr/bin/env node
// Runs a TypeScript file straight from source (benchmarks, scripts): compiles each .ts with @swc/core on
// require, and resolves @scim-hub/<lib>[/<sub>] to libs/<lib>/src[/<sub>]/index.ts like jest.config.js does.
const fs = require('fs');
const path = require('path');
const Module = require('module');
const swc = require('@swc/core');

const root = path.resolve(__dirname, '..');
const options = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
delete options.exclude;
delete options.$schema;

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const m = /^@scim-hub\/([^/]+)(?:\/(.+))?$/.exec(request);
  if (m) request = path.join(root, 'libs', m[1], 'src', m[2] ?? '', 'index.ts');
  return resolve.call(this, request, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename, swcrc: false, sourceMaps: 'inline' });
  module._compile(code, filename);
};

const [file, ...args] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tools/run-ts.js <file.ts> [args...]');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(file), ...args];
require(path.resolve(file));
