#!/usr/bin/env node
// Runs the PATCH case table (libs/scim/src/patch/patch-cases.json) through the `scim-patch` npm library
// (its patchBodyValidation + scimPatch) and reports how many cases agree with our expected outcome,
// so the notes can say why we did or did not adopt it. Not a test: it prints, and exits 0.
// Usage: node tools/evaluate-libraries/patch-libraries.js [--verbose]
const path = require('path');
const { scimPatch, patchBodyValidation } = require('scim-patch');

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const cases = require(path.join(__dirname, '../../libs/scim/src/patch/patch-cases.json'));
const verbose = process.argv.includes('--verbose');

function canonical(v) {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().filter((k) => v[k] !== undefined).map((k) => [k, canonical(v[k])]));
  }
  return v;
}
const same = (a, b) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

function runLibrary(c) {
  const body = c.body !== undefined ? c.body : { schemas: [PATCH_OP], Operations: c.operations };
  patchBodyValidation(body);
  const before = structuredClone(c.before);
  return scimPatch(before, body.Operations, { mutateDocument: false, treatMissingAsAdd: true });
}

function verdict(c) {
  let result;
  try {
    result = runLibrary(c);
  } catch (e) {
    if (c.error) return { agree: true };
    return { agree: false, why: `threw ${e && e.constructor && e.constructor.name}: ${String(e && e.message).slice(0, 100)}` };
  }
  if (c.error) return { agree: false, why: `accepted; expected ${c.error}` };
  if (same(result, c.after)) return { agree: true };
  const keys = [...new Set([...Object.keys(result), ...Object.keys(c.after)])].filter((k) => !same(result[k], c.after[k]));
  const show = (v) => (v === undefined ? 'absent' : JSON.stringify(v).slice(0, 70));
  const diffs = keys.map((k) => `${k.split(':').pop()}: got ${show(result[k])}, want ${show(c.after[k])}`);
  return { agree: false, why: `result differs — ${diffs.join('; ')}` };
}

const byCategory = new Map();
let agreeing = 0;
for (const c of cases) {
  const v = verdict(c);
  const entry = byCategory.get(c.category) || { total: 0, agree: 0, failures: [] };
  entry.total++;
  if (v.agree) {
    entry.agree++;
    agreeing++;
  } else {
    entry.failures.push(`${c.name} — ${v.why}`);
  }
  byCategory.set(c.category, entry);
}

console.log(`scim-patch: ${agreeing}/${cases.length} cases agree`);
const failing = [...byCategory].filter(([, e]) => e.agree < e.total).sort((a, b) => b[1].total - b[1].agree - (a[1].total - a[1].agree));
if (failing.length === 0) {
  console.log('scim-patch AGREES WITH EVERY CASE — consider adopting it.');
} else {
  console.log('failing categories (disagreeing/total):');
  for (const [category, e] of failing) {
    console.log(`  ${category}: ${e.total - e.agree}/${e.total}`);
    for (const f of e.failures.slice(0, verbose ? Infinity : 2)) console.log(`    - ${f}`);
  }
}
console.log('(error cases count as agreeing when scim-patch throws at all; scim-patch has no schema and computes no change list.)');
