// The dependency rule (ARCHITECTURE.md) is enforced, not hoped for: a file that imports outwards
// fails the lint that `npm test` runs. Linted in memory at the path it would have; nothing is written.
// ESLint's config is an ES module, which Jest's VM cannot load: the lint runs in one real node process.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');

const use = (spec: string) => `import * as x from '${spec}';\nexport const y = x;\n`;

/** Lints each [path, code] in memory at that path; the restricted-import messages of each. */
function lintAll(cases: ReadonlyArray<readonly [string, string]>): string[][] {
  const script = `
    const { ESLint } = require('eslint');
    const eslint = new ESLint({ cwd: process.cwd() });
    (async () => {
      const out = [];
      for (const [path, code] of JSON.parse(process.argv[1])) {
        const [r] = await eslint.lintText(code, { filePath: require('node:path').join(process.cwd(), path) });
        out.push(r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })();`;
  const r = spawnSync(process.execPath, ['-e', script, JSON.stringify(cases)], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string[][];
}

const forbidden: Array<[string, string]> = [
  ['core/registry/x.ts', '../../server/store'],
  ['core/registry/x.ts', '../../addon/workbook'],
  ['core/registry/x.ts', '../../reports/csv'],
  ['core/registry/x.ts', 'node:fs'],
  ['core/registry/x.ts', 'exceljs'],
  ['reports/x.ts', '../server/store'],
  ['reports/x.ts', '../cli/args'],
  ['addon/x.ts', '../server/snapshot'],
  ['addon/x.ts', 'node:crypto'],
  ['addon/sidebars/x.ts', '../../cli/args'],
  ['server/x.ts', '../cli/args'],
  ['server/x.ts', '../addon/workbook'],
  ['sheets-templates/xlsx/x.ts', '../../server/store'],
];
const allowed: Array<[string, string]> = [
  ['core/registry/x.ts', '../dates/calendar'],
  ['core/registry/x.ts', 'zod/mini'],
  ['reports/x.ts', '../core/summary/types'],
  ['addon/x.ts', '../core/registry/layout'],
  ['addon/x.ts', '../reports/csv'],
  ['addon/preview/x.ts', 'node:fs'],
  ['cli/x.ts', '../server/store'],
  ['server/x.ts', '../reports/csv'],
];

let results: string[][] = [];
beforeAll(() => {
  results = lintAll([...forbidden, ...allowed].map(([path, spec]) => [path, use(spec)] as const));
}, 60_000);

describe('imports point inwards', () => {
  test.each(forbidden.map((c, i) => [...c, i] as const))('%s may not import %s', (_path, _spec, i) => {
    expect(results[i]).toHaveLength(1);
    expect(results[i]![0]).toMatch(/ARCHITECTURE\.md/);
  });
  test.each(allowed.map((c, i) => [...c, forbidden.length + i] as const))('%s may import %s', (_p, _s, i) => {
    expect(results[i]).toEqual([]);
  });
});
