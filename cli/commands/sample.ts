// kasane sample [--cases 200] [--seed 1] [--out FILE(.json|.xlsx) [--force]]: a synthetic registry for the
// fictional town かさね町. Its PII columns hold obviously fictional values (架空 …), so the file
// shows a coordinator what a filled sheet looks like; no real person is in it.
import { resolve } from 'node:path';
import { generateSampleRegistry } from '../../core/sample';
import { SHEETS } from '../../core/registry/definition';
import type { Registry } from '../../core/registry/records';
import { toInterchange } from '../../core/registry/interchange';
import { writeRegistryXlsx } from '../../sheets-templates/xlsx/write-xlsx';
import { UsageError, parse, wholeNumber } from '../args';
import { SPECS } from './specs';
import { checkOut, outFormat, writeOut } from '../output';

const MAX_CASES = 1_000_000;

/** The JSON a person reads: each record's keys in the contract's column order. */
function inColumnOrder(registry: Registry): Registry {
  const out: Record<string, unknown> = { settings: registry.settings };
  for (const sheet of SHEETS) {
    out[sheet.key] = (registry[sheet.key] as ReadonlyArray<Record<string, unknown>>).map((r) => {
      const o: Record<string, unknown> = {};
      for (const c of sheet.columns) if (r[c.key] !== undefined) o[c.key] = r[c.key];
      return o;
    });
  }
  return out as unknown as Registry;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, SPECS.sample);
  if (positionals.length) throw new UsageError(`余分な引数があります: ${positionals.join(' ')}`);
  const cases = values.cases === undefined ? 200 : wholeNumber(values.cases, 'cases', 0, MAX_CASES);
  const seed = values.seed === undefined ? 1 : wholeNumber(values.seed, 'seed', 0, 0xffffffff);
  const out = values.out;
  const format = outFormat(undefined, out, { json: ['.json'], xlsx: ['.xlsx'] }, 'json');
  const force = values.force === true;
  if (out !== undefined) await checkOut(resolve(out), { force });
  const registry = inColumnOrder(generateSampleRegistry({ cases, seed }));
  if (out === undefined) {
    process.stdout.write(JSON.stringify(toInterchange(registry), null, 1) + '\n');
    return 0;
  }
  const path = resolve(out);
  await writeOut(
    path,
    format === 'xlsx' ? await writeRegistryXlsx(registry) : JSON.stringify(toInterchange(registry), null, 1) + '\n',
    { force },
  );
  process.stdout.write(
    `架空の町（${registry.settings.municipality}）のサンプル台帳を書き出しました: ${path}（ケース ${registry.cases.length}件）\n`,
  );
  return 0;
}
