// An independent reader and writer: LibreOffice must open the template without repair, and a
// registry saved again by LibreOffice (as a coordinator's spreadsheet program would) reads back the same.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SHEETS } from '../../core/registry/definition';
import { readRegistry } from '../../core/registry/read';
import { generateSampleRegistry } from '../../core/sample';
import { readRegistryXlsx } from '../../sheets-templates/xlsx/read-xlsx';
import { buildTemplateXlsx } from '../../sheets-templates/xlsx/template';
import { writeRegistryXlsx } from '../../sheets-templates/xlsx/write-xlsx';

const soffice = ['soffice', 'libreoffice'].find(
  (cmd) => spawnSync(cmd, ['--version'], { encoding: 'utf8' }).status === 0,
);
if (!soffice) {
  console.warn(
    'LibreOffice (soffice) が見つからないため、LibreOffice での確認をスキップします。Debian: apt-get install libreoffice-calc-nogui',
  );
}
const maybe = soffice ? describe : describe.skip;

const tmp = mkdtempSync(join(tmpdir(), 'kasane-lo-'));

/** Converts with a private LibreOffice profile, so parallel test runs do not share a lock. */
function convert(file: string, to: string, outDir: string): { status: number | null; out: string } {
  const profile = pathToFileURL(mkdtempSync(join(tmp, 'profile-'))).href;
  const r = spawnSync(
    soffice!,
    [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', to, '--outdir', outDir, file],
    {
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

maybe('LibreOffice', () => {
  jest.setTimeout(180_000);

  test('opens the template and converts its first sheet to CSV with the ケース headers', async () => {
    const file = join(tmp, 'kasane-registry.xlsx');
    writeFileSync(file, await buildTemplateXlsx());
    const outDir = mkdtempSync(join(tmp, 'csv-'));
    const r = convert(file, 'csv:Text - txt - csv (StarCalc):44,34,76', outDir);
    expect(r.status).toBe(0);
    expect(readdirSync(outDir)).toContain('kasane-registry.csv');
    const csv = readFileSync(join(outDir, 'kasane-registry.csv'), 'utf8').replace(/^\uFEFF/, '');
    const header = csv.split(/\r?\n/)[0];
    expect(header).toBe(SHEETS[0].columns.map((c) => c.label).join(','));
  });

  test('a registry saved again by LibreOffice reads back to the same records', async () => {
    const reg = generateSampleRegistry({ cases: 120, seed: 21 });
    const file = join(tmp, 'sample.xlsx');
    writeFileSync(file, await writeRegistryXlsx(reg));
    const outDir = mkdtempSync(join(tmp, 'xlsx-'));
    const r = convert(file, 'xlsx:Calc MS Excel 2007 XML', outDir);
    expect(r.status).toBe(0);
    const again = await readRegistryXlsx(readFileSync(join(outDir, 'sample.xlsx')));
    if (!again.ok) throw new Error(again.message);
    const read = readRegistry(again.raw);
    expect(read.issues).toEqual([]);
    expect(read.registry).toEqual(reg);
  });
});
