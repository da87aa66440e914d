#!/usr/bin/env node
// The built add-on (build/addon/Code.js) on the emulated spreadsheet with 1k and 10k cases: the time
// of one intake, of the meeting sidebar's case list, of a meeting and of 「台帳を検証する」, with the
// Sheets calls each makes (the count must not grow with the rows; the time is JavaScript only —
// in Apps Script each Sheets call adds its own latency on top). Then 「指標を作成」 and 「月次集計を
// 作成」 on the sample town (core/sample) at 1k, 10k and 30k cases.
// Run with `npm run bench` (builds first), or `node bench/run.mjs addon`.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bundleSources, root } from './lib.mjs';

const { GasEnvironment, loadRegistry, readBuiltAddon, generateSampleRegistry, fromInterchange, toInterchange } =
  await bundleSources(
    'addon',
    [
      "export { GasEnvironment } from './gas-emulator';",
      "export { loadRegistry, readBuiltAddon } from './addon/preview/workbook';",
      "export { generateSampleRegistry } from './core/sample';",
      "export { fromInterchange, toInterchange } from './core/registry/interchange';",
    ].join(' '),
  );
const { code, files } = readBuiltAddon(join(root, 'build', 'addon'));
/** For the run's JSON line: each action's Sheets calls and time (ms, JavaScript only), by registry and size. */
const calls = {};
const times = {};
const note = (n, fn, all, ms) => {
  (calls[`${n}`] ??= {})[fn] = all;
  (times[`${n}`] ??= {})[fn] = Math.round(ms);
};

function registry(n) {
  const cases = Array.from({ length: n }, (_, i) => ({
    caseId: `K-2025-${String(i + 1).padStart(5, '0')}`,
    receivedOn: `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    referralSource: '本人',
    window: '地域包括支援センター',
    domains: ['高齢', '生活困窮'],
    issues: ['8050'],
    area: i % 2 ? '東' : '西',
    consent: i % 3 ? '同意あり' : '未確認',
    ...(i % 3 ? { consentOn: '2025-01-01' } : {}),
    stage: '支援中',
    name: `架空 ${i}`,
  }));
  const meetings = Array.from({ length: n / 10 }, (_, i) => ({
    meetingId: `M-2025-${String(i + 1).padStart(4, '0')}`,
    heldOn: '2026-03-01',
    type: '支援会議',
    confidentialityConfirmed: true,
  }));
  const meetingCases = meetings.map((m, i) => ({
    meetingId: m.meetingId,
    caseId: cases[i].caseId,
    purpose: '情報共有',
  }));
  return { settings: {}, sheets: { cases, meetings, meetingCases } };
}

const intake = {
  receivedOn: '2025-05-12',
  referralSource: '本人',
  window: '地域包括支援センター',
  domains: ['高齢'],
  area: '東',
  consent: '未確認',
  stage: '受付',
};
const ops = [
  ['submitIntake', [intake]],
  ['getMeetingContext', []],
  [
    'submitMeeting',
    [{ type: '重層的支援会議', heldOn: '2026-03-10', cases: [{ caseId: 'K-2025-00002', purpose: '情報共有' }] }],
  ],
  ['validateWorkbook', []],
];

/** Every call to the Sheets service: the spreadsheet, its sheets, ranges and range lists. */
const sheetsCalls = (log) =>
  log.total('Range.') + log.total('RangeList.') + log.total('Sheet.') + log.total('Spreadsheet.');

for (const n of [1000, 10000]) {
  const env = new GasEnvironment({ code, files });
  env.run('setupRegistry');
  loadRegistry(env, registry(n));
  console.log(`\n${n} cases`);
  for (const [fn, args] of ops) {
    env.log.reset();
    const t = performance.now();
    const r = env.run(fn, args);
    const dt = performance.now() - t;
    const sheets = sheetsCalls(env.log);
    note(n, fn, sheets, dt);
    console.log(
      `  ${fn.padEnd(18)} ${dt.toFixed(0).padStart(6)} ms  Sheets calls ${String(sheets).padStart(3)}  ${r && r.ok === false ? `(refused: ${r.code ?? r.message})` : ''}`,
    );
  }
}

// 指標 and 月次集計 without a server: the whole registry read (one getSheetValues per sheet), the figures
// computed by core, the output sheet rewritten with one setValues. The calls must be the same at
// every size; "cells" counts those that read or write cells (Range and RangeList), "lookups" the rest.
// The figures, and a coordinator's day (issue 10): each action's calls do not grow with the rows.
const figures = [
  ['writeIndicatorsSheet', [{ fiscalYear: 2025 }]],
  ['writeMonthlySummarySheet', [{ month: '2025-05', public: true }]],
  ['getMonthlySummaryCsv', [{ month: '2025-05', public: true }]],
  ['getMeetingContext', []],
  ['getActivityContext', []],
  ['submitActivity', [{ caseId: 'K-2025-0001', on: '2025-06-01', kind: 'アウトリーチ' }]],
  ['getDueList', []],
  ['getCaseStory', ['K-2025-0001']],
  ['writePrepSheet', [{ type: '支援会議', heldOn: '2025-06-10', caseIds: ['K-2025-0001'] }]],
];
console.log('\n指標・月次集計・コーディネーターの操作 (sample town, seed 1)');
for (const n of [1000, 10000, 30000]) {
  const read = fromInterchange(
    JSON.parse(JSON.stringify(toInterchange(generateSampleRegistry({ cases: n, seed: 1 })))),
  );
  if (!read.ok) throw new Error(read.message);
  const env = new GasEnvironment({ code, files });
  env.run('setupRegistry');
  loadRegistry(env, read.raw);
  console.log(`${n} cases`);
  for (const [fn, args] of figures) {
    env.log.reset();
    const t = performance.now();
    const r = env.run(fn, args);
    const dt = performance.now() - t;
    // Cells: calls that read or write cells (a sheet's getSheetValues reads them in one call).
    const reads = env.log.count('Sheet.getSheetValues') + env.log.count('Range.getValues');
    const cells = env.log.total('Range.') + env.log.total('RangeList.') + env.log.count('Sheet.getSheetValues');
    const all = sheetsCalls(env.log);
    note(`sample-${n}`, fn, all, dt);
    console.log(
      `  ${fn.padEnd(26)} ${dt.toFixed(0).padStart(6)} ms  Sheets calls ${String(all).padStart(3)} (cells ${String(cells).padStart(2)}, lookups ${String(all - cells).padStart(2)}; reads ${reads}, setValues ${env.log.count('Range.setValues')})  ${r && r.ok === false ? `(refused: ${r.code ?? r.message})` : ''}`,
    );
  }
}
console.log(`BENCH ${JSON.stringify({ addon_sheets_calls: calls, addon_ms: times })}`);
