// One Jest run over every project. Tiers by file name: *.spec.ts (pure, fast), *.int-spec.ts
// (real SQLite file, real PostgreSQL, real HTTP), *.e2e-spec.ts (black box against a started hub).
const swc = JSON.parse(require('fs').readFileSync(__dirname + '/.swcrc', 'utf8'));
delete swc.exclude;
delete swc.$schema;

module.exports = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/libs', '<rootDir>/services', '<rootDir>/tools', '<rootDir>/bench'],
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swc, sourceMaps: 'inline', swcrc: false }],
    // jose (JWT verification in libs/access) ships ESM only; Jest on Node 20 needs it compiled to CommonJS.
    '/node_modules/jose/.+\\.js$': ['@swc/jest', { ...swc, swcrc: false }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleNameMapper: {
    '^@scim-hub/([^/]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^@scim-hub/([^/]+)/(.+)$': '<rootDir>/libs/$1/src/$2/index.ts',
  },
  maxWorkers: process.env.CI ? 2 : '50%',
  testTimeout: 30000,
};
