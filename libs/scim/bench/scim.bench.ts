// Micro-benchmark of the SCIM protocol hot paths: filter parse + evaluate, and applyPatch.
// Run: node tools/run-ts.js libs/scim/bench/scim.bench.ts   (fixed iteration counts, after a warm-up)
import { evaluateFilter, parseFilter, parsePatchPath } from '../src/filter';
import { applyPatch, parsePatchRequest, type PatchOperation } from '../src/patch';
import type { ScimResource } from '../src/resource';
import { ENTERPRISE_USER_SCHEMA, GROUP, GROUP_SCHEMA, PATCH_OP_SCHEMA, USER, USER_SCHEMA } from '../src/schema';

const user: ScimResource = {
  schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
  id: 'f4b1c2d3-0000-4000-8000-000000000001',
  externalId: 'jyoung',
  userName: 'jyoung@contoso.com',
  active: true,
  displayName: 'Jo Young',
  name: { formatted: 'Jo Young', givenName: 'Jo', familyName: 'Young' },
  emails: [{ value: 'jyoung@contoso.com', type: 'work', primary: true }],
  [ENTERPRISE_USER_SCHEMA]: { employeeNumber: '701984', department: 'Sales', manager: { value: 'u9' } },
};

const bigGroup: ScimResource = {
  schemas: [GROUP_SCHEMA],
  id: 'g1',
  displayName: 'Everyone',
  members: Array.from({ length: 10_000 }, (_, i) => ({ value: `member-${i}`, type: 'User' })),
};

const ops = (operations: unknown[]): PatchOperation[] => parsePatchRequest({ schemas: [PATCH_OP_SCHEMA], Operations: operations });

// docs/entra-compatibility.md, PATCH: the default (non-flagged) disable request and the flagged path-less multi-attribute replace.
const disableUser = ops([{ op: 'Replace', path: 'active', value: 'False' }]);
const replaceMulti = ops([
  {
    op: 'replace',
    value: {
      displayName: 'Ryan Leenay',
      'name.givenName': 'Ryan',
      'name.familyName': 'Leenay',
      active: false,
      [`${ENTERPRISE_USER_SCHEMA}:employeeNumber`]: '300',
    },
  },
]);
const addMember = ops([{ op: 'Add', path: 'members', value: [{ $ref: null, value: 'member-new' }] }]);

let sink = 0;

function bench(label: string, iterations: number, fn: () => number): void {
  for (let i = 0; i < Math.min(iterations, 2_000); i++) sink += fn();
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink += fn();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const perSecond = Math.round(iterations / seconds).toLocaleString('en-US');
  console.log(`${label.padEnd(58)} ${perSecond.padStart(12)} ops/s  (${iterations} iterations, ${(seconds * 1000).toFixed(0)} ms)`);
}

bench('parseFilter+evaluate userName eq "…" (Entra match)', 200_000, () =>
  evaluateFilter(parseFilter('userName eq "jyoung@contoso.com"'), user, USER) ? 1 : 0,
);
bench('parseFilter+evaluate emails[type eq "work"].value eq "…"', 100_000, () =>
  evaluateFilter(parseFilter('emails[type eq "work"].value eq "jyoung@contoso.com"'), user, USER) ? 1 : 0,
);
bench('applyPatch (a) Entra disable user', 200_000, () => applyPatch(user, disableUser, USER).changes.length);
bench('applyPatch (b) path-less replace of several attributes', 100_000, () => applyPatch(user, replaceMulti, USER).changes.length);
bench('applyPatch (c) add 1 member to a 10,000-member group', 3_000, () => applyPatch(bigGroup, addMember, GROUP).changes.length);

// Pathological 4 KiB inputs (their timing lives here; the fuzz spec checks only what they throw). A parser
// regression to super-linear work shows as one of them dropping by orders of magnitude.
const big = (text: string) => text.repeat(Math.ceil(4096 / text.length)).slice(0, 4096);
const pathological = [
  big('('), big('not ('), big('a eq "x" and '), big('\\'), big('"\\u00'), big('emails[type eq "w" or '), big('a'),
  big('urn:a:'), big(' '), big('[]'), big('a pr or '), big('.'), '"' + big('\\"').slice(2) + '"',
];
const refusedOrParsed = (fn: () => unknown): number => {
  try {
    fn();
    return 1;
  } catch {
    return 0;
  }
};
pathological.forEach((text, i) =>
  bench(`parseFilter+parsePatchPath pathological input ${i} (4 KiB)`, 200, () => refusedOrParsed(() => parseFilter(text)) + refusedOrParsed(() => parsePatchPath(text))),
);

if (sink === 0) console.log('(no work observed)');
