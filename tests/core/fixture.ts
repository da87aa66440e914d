// A small clean registry in the JSON interchange, for rule tests to break one thing at a time; and
// workbooks as grids of cell values, for the layout tests.
import type { RawRegistry, RawRow } from '../../core/registry/records';
import { fromInterchange } from '../../core/registry/interchange';
import { SETTINGS_SHEET, SHEETS, sheetDef, type SheetKey } from '../../core/registry/definition';
import { headerKey } from '../../core/registry/layout';
import { readGridWorkbook, type CellConvert, type GridSheet } from '../../core/registry/workbook';
import { validateRegistry, type ValidationOutcome } from '../../core/validate';
import type { Issue } from '../../core/issues';

export function cleanRegistry(): Record<string, RawRow[] | Record<string, unknown> | string> {
  return {
    format: 'kasane-registry/1',
    settings: { municipality: 'テスト町' },
    cases: [
      {
        caseId: 'K-2024-0001',
        receivedOn: '2024-04-10',
        referralSource: '本人',
        window: '地域包括支援センター',
        domains: ['高齢'],
        area: '東',
        consent: '同意あり',
        consentOn: '2024-04-15',
        planOn: '2024-05-01',
        stage: '支援中',
      },
      {
        caseId: 'K-2024-0002',
        receivedOn: '2024-04-20',
        referralSource: '民生委員・児童委員',
        window: '自立支援相談コーナー',
        domains: ['生活困窮'],
        area: '西',
        consent: '未確認',
        stage: '受付',
      },
      {
        caseId: 'K-2024-0003',
        receivedOn: '2024-05-01',
        referralSource: '家族・親族',
        window: 'こども家庭センター',
        domains: ['こども'],
        area: '東',
        consent: '撤回',
        consentOn: '2024-05-01',
        consentRevokedOn: '2024-08-01',
        stage: '終結',
        closedOn: '2024-09-01',
        closureReason: '本人の希望',
      },
    ],
    meetings: [
      { meetingId: 'M-2024-0001', heldOn: '2024-06-01', type: '支援会議', confidentialityConfirmed: true },
      { meetingId: 'M-2024-0002', heldOn: '2024-06-10', type: '重層的支援会議' },
    ],
    meetingCases: [
      { meetingId: 'M-2024-0001', caseId: 'K-2024-0002', purpose: '情報共有' },
      { meetingId: 'M-2024-0002', caseId: 'K-2024-0001', purpose: 'プラン協議' },
      { meetingId: 'M-2024-0002', caseId: 'K-2024-0003', purpose: '支援方針検討' },
    ],
    activities: [{ activityId: 'A-2024-00001', caseId: 'K-2024-0002', on: '2024-04-25', kind: 'アウトリーチ' }],
    places: [{ placeId: 'L1', name: 'サロン東', type: 'サロン', openedOn: '2020-04-01', closedOn: '2024-10-01' }],
    platformMembers: [
      { memberId: 'P1', name: '町内会', area: '東', orgType: '地縁組織', joinedOn: '2023-04-01', leftOn: '2024-04-01' },
    ],
    foodPartners: [{ partnerId: 'F1', name: '食堂', activities: ['食事の提供'], joinedOn: '2023-04-01' }],
    donations: [{ donationId: 'D1', receivedOn: '2024-07-01', donorType: '企業', partnerId: 'F1', weightKg: 10 }],
  };
}

export function raw(doc: unknown): RawRegistry {
  const r = fromInterchange(doc);
  if (!r.ok) throw new Error(r.message);
  return r.raw;
}

/** Sets fields of row `i` of a sheet (undefined deletes the field). */
export function edit(doc: ReturnType<typeof cleanRegistry>, sheet: string, i: number, fields: Record<string, unknown>) {
  const rows = doc[sheet] as RawRow[];
  const row = rows[i]!;
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) delete row[k];
    else row[k] = v;
  }
  return doc;
}

/** A workbook as sheet name → rows of cell values (row 1 first), as readGridWorkbook takes it. */
export function grid(sheets: Record<string, ReadonlyArray<ArrayLike<unknown>>>): GridSheet[] {
  return Object.entries(sheets).map(([name, values]) => ({ name, values }));
}

/** The add-on's conversion of a date cell (a JS Date at UTC midnight in these fixtures) to its ISO day. */
export const dateCellsAsIso: CellConvert = (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v);

/** The template's header row of a sheet: its labels, in contract order. */
export const templateHeader = (key: SheetKey): string[] => sheetDef(key).columns.map((c) => c.label);

/**
 * The sheets given, then every contract sheet and 「設定」 they lack, each with the template's header
 * row and no data: what a test of one sheet needs to be read without sheet.missing issues. A sheet
 * given under a variant of its name (「ケース 」, its key) counts as given: no second one is added.
 */
export function withTemplateSheets(sheets: Record<string, ReadonlyArray<ArrayLike<unknown>>>): GridSheet[] {
  const given = new Set(Object.keys(sheets).map(headerKey));
  const out = grid(sheets);
  for (const d of SHEETS)
    if (!given.has(headerKey(d.name)) && !given.has(headerKey(d.key)))
      out.push({ name: d.name, values: [templateHeader(d.key)] });
  if (!given.has(headerKey(SETTINGS_SHEET.name)) && !given.has('settings'))
    out.push({ name: SETTINGS_SHEET.name, values: [[SETTINGS_SHEET.itemLabel, SETTINGS_SHEET.valueLabel]] });
  return out;
}

/** The required headers of ケース, in template order: the least a ケース sheet holds. */
export const CASE_HEADERS = ['ケースID', '受付日', '相談経路', '受付窓口', '分野', 'エリア', '本人同意', '支援状況'];

/** A ケース row under CASE_HEADERS: a new case (受付, 未確認) of 高齢 in 東, received on `receivedOn`. */
export const caseCells = (caseId: string, receivedOn: unknown): unknown[] => [
  caseId,
  receivedOn,
  '本人',
  '地域包括支援センター',
  '高齢',
  '東',
  '未確認',
  '受付',
];

/** A grid workbook read as every face reads it: layout, row rules, then the cross-sheet rules. */
export function checkGrid(sheets: readonly GridSheet[], convert?: CellConvert): ValidationOutcome {
  return validateRegistry(readGridWorkbook(sheets, convert));
}

/** An issue as [sheet, row, column, code]: what most assertions compare. */
export const brief = (i: Issue): [string, number | null, string | null, string] => [i.sheet, i.row, i.column, i.code];
