// ESLint: recommended rules for TypeScript; formatting is Prettier's job. The dependency rule of
// ARCHITECTURE.md is enforced here: imports point inwards, to core/ (and reports/), never outwards.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** A face may not import these folders (by any relative path). */
const folders = (...names) =>
  names.map((n) => ({
    group: [`**/${n}/**`, `**/${n}`],
    message: `依存の向き: ${n}/ は読み込めません（ARCHITECTURE.md）。`,
  }));
const NODE = [{ group: ['node:*'], message: 'Node の API は使えません（ARCHITECTURE.md）。' }];
const PLATFORM_PACKAGES = [
  'express',
  'exceljs',
  'pg',
  '@electric-sql/*',
  'googleapis',
  'pino',
  'helmet',
  'jszip',
  'playwright-core',
  'supertest',
].map((p) => ({ group: [p], message: `${p} は使えません（ARCHITECTURE.md）。` }));
const restrict = (files, patterns, ignores = []) => ({
  files,
  ignores,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'build/', 'data/', 'coverage/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // core/: pure TypeScript, no I/O, no platform API, no face.
  restrict(
    ['core/**/*.ts'],
    [
      ...folders('addon', 'cli', 'server', 'reports', 'sheets-templates', 'gas-emulator'),
      ...NODE,
      ...PLATFORM_PACKAGES,
    ],
  ),
  // reports/: renderers shared by every face; they know no face.
  restrict(['reports/**/*.ts'], folders('addon', 'cli', 'server', 'gas-emulator')),
  // The add-on's Apps Script code and sidebars: core, reports and themselves; the server only over HTTP.
  restrict(
    ['addon/**/*.ts'],
    [...folders('cli', 'server', 'sheets-templates', 'gas-emulator'), ...NODE, ...PLATFORM_PACKAGES],
    ['addon/preview/**'],
  ),
  // sheets-templates/: reading and writing workbooks; no face.
  restrict(['sheets-templates/**/*.ts'], folders('addon', 'cli', 'server', 'gas-emulator')),
  // server/: the sync service and its store; the CLI starts it, not the other way round.
  restrict(['server/**/*.ts'], folders('addon', 'cli', 'gas-emulator')),
  {
    files: ['**/*.cjs', '**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
