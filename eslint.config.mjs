// Lint and architecture boundaries. Nx tags (see each project.json) decide who may import whom;
// pure libraries (protocol, domain) may not import frameworks, drivers or the file system.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const frameworkAndDrivers = [
  '@nestjs/*', 'better-sqlite3', 'pg', 'kafkajs', '@eventstore/*', '@kurrent/*', 'express', 'fastify',
  'prom-client', 'pino', 'class-validator', 'class-transformer', 'reflect-metadata', 'rxjs', 'jose',
];
const nodeIo = ['fs', 'fs/*', 'node:fs', 'node:fs/*', 'net', 'node:net', 'http', 'node:http', 'child_process', 'node:child_process'];

export default [
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', 'data/**', '.nx/**', 'tools/**/*.js', 'services/hub/bin/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // SQLite's planner reads a bound LIMIT, so binding it again (every run) makes SQLite prepare the statement
      // again: about 30 µs, more than an indexed lookup (docs/performance.md). `LIMIT +?` is read at run time only.
      'no-restricted-syntax': [
        'error',
        ...['Literal', 'TemplateElement'].map((node) => ({
          selector: `${node}[${node === 'Literal' ? 'value' : 'value.raw'}=/LIMIT \\?/i]`,
          message: 'Write LIMIT +? (a bare bound LIMIT makes SQLite prepare the statement again at every run).',
        })),
      ],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          // Services load adapter subpaths with import() so a deployment loads only its driver (docs/development.md);
          // Nx's "lazy-loaded library" check (meant for Angular routes) must not forbid static imports beside them.
          checkDynamicDependenciesExceptions: ['@scim-hub/**'],
          allow: [],
          depConstraints: [
            { sourceTag: 'type:protocol', onlyDependOnLibsWithTags: ['type:protocol'], bannedExternalImports: [...frameworkAndDrivers, ...nodeIo] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:protocol', 'type:domain'], bannedExternalImports: [...frameworkAndDrivers, ...nodeIo] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:protocol', 'type:domain', 'type:data-access', 'type:util'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:protocol', 'type:domain', 'type:data-access', 'type:util'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:protocol', 'type:domain', 'type:data-access', 'type:util', 'type:feature'] },
            { sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['type:protocol', 'type:domain', 'type:data-access', 'type:util', 'type:feature'] },
          ],
        },
      ],
    },
  },
  {
    // Tests may use whatever fixture they need; the boundary is for shipped code.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/testing/**/*.ts', '**/test/**/*.ts', '**/bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
