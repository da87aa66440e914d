/** Jest transforms TypeScript with SWC (transpile only); `npm run typecheck` (tsc --noEmit) checks types. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] },
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/tests/reporters/closing-line.cjs'],
};
