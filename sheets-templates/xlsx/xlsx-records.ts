// Reads an XLSX straight into the row rules' result (what readRegistry makes of readXlsxRegistry's
// raw registry), for the CLI's figures: each parsed row's cells go to the rules by column position,
// without a raw row object per row in between — on a 100k-case workbook those objects, and the
// collections that copied them, were about a third of `kasane indicators`. The answer is the same
// as readRegistry(readXlsxRegistry(…).raw) by construction: the same layout, plain values and rules
// (core/registry/read.ts sheetRules), issues put back in the order readRegistry gives them. What
// this path does not take on — a file the general path refuses, rows out of order, or cells merged
// down over data rows — is read by the general path instead, so its answer and message are that path's.
import { SHEETS, settingsLists, sheetDef, type SheetDef, type SheetKey } from '../../core/registry/definition';
import { findSheets, isOtherSheetName, type SheetLayout } from '../../core/registry/layout';
import type { OtherSheet } from '../../core/registry/other-sheets';
import {
  readRegistry,
  readSettings,
  sheetRules,
  skippedNotices,
  type RecordMaker,
  layoutWarnings,
  sayUnlisted,
  type ReadResult,
} from '../../core/registry/read';
import type { RawRegistry } from '../../core/registry/records';
import { SETTINGS_HEADER_MISSING, SETTINGS_MISSING, workbookLayout } from '../../core/registry/workbook';
import type { Issue } from '../../core/issues';
import { mergesDataRows } from '../../core/registry/merged';
import { openXlsx, type SheetPart, type SheetStarter } from './xlsx-parts';
import {
  isReadSheetName,
  plainValue,
  readDataRows,
  readOtherSheet,
  readSettingsSheet,
  readXlsxRegistry,
} from './xlsx-registry';
import type { XlsxIo } from './xlsx-zip';

export type XlsxRecordsRead = { ok: true; read: ReadResult } | { ok: false; code: string; message: string };

export async function readXlsxRecords(bytes: Uint8Array, io: XlsxIo, thread?: SheetStarter): Promise<XlsxRecordsRead> {
  let read: ReadResult | undefined;
  try {
    read = await readDirect(bytes, io, thread);
  } catch {
    read = undefined; // a damaged file: the general path reads it and words its message
  }
  if (read) return { ok: true, read };
  const r = await readXlsxRegistry(bytes, io);
  return r.ok ? { ok: true, read: readRegistry(r.raw) } : r;
}

type SheetResult = ReturnType<typeof sheetRules> & { issues: Issue[] };

/** The read, or undefined when the general path must answer (see the top of the file). */
export async function readDirect(
  bytes: Uint8Array,
  io: XlsxIo,
  thread?: SheetStarter,
): Promise<ReadResult | undefined> {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return undefined;
  // The data sheets, in workbook order: one of each kind findSheets found (設定 apart).
  const dataSheets = (names: string[], sheets: SheetPart[]) => {
    const found = findSheets(names);
    const keyOfName = new Map([...found.found].map(([k, n]) => [n, k]));
    return { found, keyOfName, parts: sheets.filter((p) => p.name !== found.settings && keyOfName.has(p.name)) };
  };
  const xlsx = await openXlsx(
    bytes,
    {
      sheetWanted: isReadSheetName,
      thread,
      // With a thread, every data sheet is asked of it as soon as the sheets are known: it parses
      // them, in workbook order, while this thread parses the shared strings, then rules their rows
      // as they come. (Keeping the small sheets here was no faster: this thread has the rules and
      // the table to do; on the 100k-case workbook, 1.75 s against 1.92 s, sixteen runs each.)
      sheetsKnown: (x) => {
        if (thread) for (const p of dataSheets(x.names, x.sheets).parts) p.start();
      },
    },
    io,
  );
  const { found, keyOfName, parts } = dataSheets(xlsx.names, xlsx.sheets);
  if (found.found.size === 0) return undefined;
  // 設定 first, whatever its place in the workbook: its lists are what choice cells are read against.
  let settingsRows: Array<[unknown, unknown]> | undefined;
  let settingsIssue: Issue | undefined = SETTINGS_MISSING;
  const settingsPart = xlsx.sheets.find((p) => p.name === found.settings);
  if (settingsPart) {
    const r = await readSettingsSheet(settingsPart, xlsx.date1904);
    settingsIssue = r.ok ? undefined : SETTINGS_HEADER_MISSING;
    if (r.ok) settingsRows = r.rows;
  }
  const lists = settingsLists(readSettings({ sheets: {}, ...(settingsRows ? { settingsRows } : {}) }, []));

  const layouts = new Map<SheetKey, SheetLayout>();
  const results = new Map<SheetKey, SheetResult>();
  let ordered = true;
  // A second sheet of the same kind is not read: findSheets reports it.
  for (const part of parts) {
    const key = keyOfName.get(part.name)!;
    const def = sheetDef(key);
    const { layout, merges } = await readDataRows(def, part, xlsx.date1904, (layout, types) => {
      const missing = workbookLayout(found, new Map([[key, layout]])).missingColumns[key];
      const issues: Issue[] = [];
      const rules = sheetRules(def, lists, issues, new Set(missing), recordMaker(def));
      results.set(key, { ...rules, issues });
      // Per sheet column: the position of its contract column in the rules' cells (-1: the office's own).
      const position = layout.keys.map((k) => (k === undefined ? -1 : def.columns.findIndex((c) => c.key === k)));
      const cells: unknown[] = new Array<unknown>(def.columns.length).fill(undefined);
      let last = 0;
      return (number, cols, values, count) => {
        // readRegistry takes rows by number: one out of order (no program writes them so) goes the general way.
        if (number <= last || !ordered) {
          ordered = false;
          return;
        }
        last = number;
        let any = false;
        for (let j = 0; j < count; j++) {
          const i = cols[j]! - 1;
          const c = position[i];
          if (c === undefined || c < 0) continue;
          const p = plainValue(values[j], types[i], xlsx.date1904);
          if (p === undefined) continue;
          cells[c] = p;
          any = true;
        }
        // A row with nothing the contract reads is a blank row: no record, no fault.
        if (any) rules.row(number, cells);
      };
    });
    // Rows of a merged range are filled from its top row before any rule sees them: the general path's.
    if (merges.some((m) => mergesDataRows(layout, m))) return undefined;
    // In workbook order, as the general path meets them (their issues keep that order).
    layouts.set(key, layout);
  }
  if (!ordered) return undefined;
  const others: OtherSheet[] = [];
  for (const part of xlsx.sheets)
    if (isOtherSheetName(part.name)) others.push(await readOtherSheet(part, xlsx.date1904));

  const raw: RawRegistry = { sheets: {}, layout: workbookLayout(found, layouts, settingsIssue, others) };
  if (settingsRows) raw.settingsRows = settingsRows;
  // The layout's and settings' issues, warnings and notices, and an empty read of every sheet…
  const read = readRegistry(raw);
  // … whose sheets are then the ones read here, their issues after those, in the contract's order.
  for (const sheet of SHEETS) {
    const r = results.get(sheet.key);
    if (!r) continue;
    (read.registry as unknown as Record<string, unknown>)[sheet.key] = r.records;
    read.rows[sheet.key] = r.sheetRows;
    read.faults[sheet.key] = r.faults;
    sayUnlisted(sheet, r.unlisted);
    for (const issue of r.issues) read.issues.push(issue);
    for (const notice of skippedNotices(sheet, r.skipped)) read.notices.push(notice);
  }
  // The warnings again, now that the sheets' ids are known (a copy of a sheet is no uncounted rows).
  Object.assign(read, layoutWarnings(raw, read.rows));
  return read;
}

/**
 * Makes a sheet's records with every column as a property, in column order, undefined where the
 * cell is empty or unreadable (readRegistry's records leave those out; nothing that reads a record
 * tells the two apart: the figures read fields, JSON leaves undefined out). Every record of the
 * sheet then has one hidden class, so the rules' stores and the figures' reads of each field meet
 * one shape; records that hold only their filled cells have as many shapes as there are patterns of
 * empty cells. On the 100k-case workbook this took about 0.4 s of CPU off `kasane indicators`.
 * The constructor is written from the definition's keys (ours, quoted by JSON.stringify) because
 * only named stores give the one shape its speed: a loop of keyed stores was slower than before.
 */
function recordMaker(def: SheetDef): RecordMaker {
  const body = def.columns.map((c, i) => `this[${JSON.stringify(c.key)}] = v[${i}];`).join('\n');
  const Shaped = new Function('v', body) as unknown as new (v: readonly unknown[]) => Record<string, unknown>;
  return (values) => new Shaped(values);
}
