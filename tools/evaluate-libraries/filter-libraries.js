#!/usr/bin/env node
// Runs scim-hub's filter case table (libs/scim/src/filter/testing/filter-cases.json) through the
// scim2-parse-filter library (its parse + filter functions) and reports how many cases agree with the
// expected ids / errors, and which categories fail. Plain node; no build needed.
// Usage: node tools/evaluate-libraries/filter-libraries.js [--verbose]
'use strict';
const path = require('node:path');
const { parse, filter } = require('scim2-parse-filter');

const table = require(path.join(__dirname, '../../libs/scim/src/filter/testing/filter-cases.json'));
const verbose = process.argv.includes('--verbose');

function outcome(c) {
  const resources = c.resourceType === 'User' ? table.users : table.groups;
  try {
    const predicate = filter(parse(c.filter));
    return { ids: resources.filter((r) => predicate(r)).map((r) => r.id).sort() };
  } catch (e) {
    return { threw: String((e && e.message) || e).slice(0, 80) };
  }
}

function agrees(c, got) {
  if (c.error) return got.threw !== undefined; // the library has no scimType; any refusal counts
  return got.ids !== undefined && JSON.stringify(got.ids) === JSON.stringify(c.expect);
}

const failures = new Map();
let agreed = 0;
for (const c of table.cases) {
  const got = outcome(c);
  if (agrees(c, got)) {
    agreed++;
    continue;
  }
  const list = failures.get(c.category) || [];
  list.push({ name: c.name, filter: c.filter.slice(0, 100), expected: c.error || c.expect, got: got.threw ? `threw: ${got.threw}` : got.ids });
  failures.set(c.category, list);
}

console.log(`scim2-parse-filter: ${agreed}/${table.cases.length} cases agree`);
const totals = new Map();
for (const c of table.cases) totals.set(c.category, (totals.get(c.category) || 0) + 1);
for (const [category, list] of [...failures].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`  ${category}: ${list.length}/${totals.get(category)} fail`);
  for (const f of verbose ? list : list.slice(0, 3)) {
    console.log(`    - ${f.name}: ${f.filter}\n      expected ${JSON.stringify(f.expected)}, got ${JSON.stringify(f.got)}`);
  }
}
if (agreed === table.cases.length) console.log('scim2-parse-filter PASSES EVERY CASE — consider adopting it.');
