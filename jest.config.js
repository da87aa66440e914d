/** Jest transforms TypeScript with SWC (transpile only); `npm run typecheck` (tsc --noEmit) checks types. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] },
  testTimeout: 30000,
  // The build runs once before every test (tests/global-setup.cjs), never inside a test.
  globalSetup: '<rootDir>/tests/global-setup.cjs',
  reporters: ['default', '<rootDir>/tests/reporters/closing-line.cjs'],
};
