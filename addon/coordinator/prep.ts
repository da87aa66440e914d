// 「会議の準備シート」: for a meeting being prepared (種別, 開催予定日, cases), the sheet 「準備シート」 with
// one block per case — 世帯像, 支援状況 and 主担当機関, the last five 支援記録, the earlier meetings'
// 検討内容 and 次回確認日, and empty lines for what this meeting will take up. The consent rule holds as
// for the meeting itself: a 重層的支援会議 takes only cases with consent in force on its day. Written as
// 「指標」 is: in place, one setValues, warning-only protection, a fixed number of calls.
import * as z from 'zod/mini';
import type { IsoDate } from '../../core/dates/calendar';
import { toWareki } from '../../core/dates/era';
import { ENUMS } from '../../core/registry/definition';
import type { ReadActivity, ReadCase } from '../../core/registry/records';
import { failure, isFailure, payloadInvalid, type Failure } from '../errors';
import { validateMeetingForm } from '../forms/meeting-form';
import { withDocumentLock } from '../lock';
import { madeAt, outputSheet, writeOutput, type OutputLine } from '../figures/output-sheet';
import { openWorkbook, type Workbook } from '../workbook';
import { caseChoices, caseOf, readCoordinator, type CoordinatorRead } from './cases';
import type { PrepWritten } from './types';

export const PREP_SHEET = '準備シート';
export const PREP_CAUTION =
  '取扱注意：支援の内容を含みます。会議の参加者のほかに渡さず、会議が終わったら回収・破棄してください。';
const WIDTHS = [150, 110, 150, 150, 150];
const CONTACTS = 5;
/** Empty lines under each heading the meeting fills in. */
const BLANK_LINES = 2;
const BLOCK_BACKGROUND = '#e8f0fe';

const text = z.string().check(z.maxLength(100));
export const prepRequestSchema = z.strictObject({
  type: text,
  heldOn: text,
  caseIds: z.array(text).check(z.maxLength(100)),
});

interface PrepRequest {
  type: string;
  heldOn: IsoDate;
  caseIds: string[];
}

/**
 * The request read as the meeting form reads a meeting (validateMeetingForm): 種別 and 開催予定日 as
 * 会議種別 and 開催日, the cases found in 「ケース」 once each and, for a 重層的支援会議, with consent in
 * force on the day. Each refusal stands next to its field (`cases.<i>.caseId` for a case).
 */
function checkRequest(input: unknown, wb: Workbook): { request: PrepRequest; read: CoordinatorRead } | Failure {
  const p = prepRequestSchema.safeParse(input);
  if (!p.success) return payloadInvalid();
  const read = readCoordinator(wb);
  const choices = new Map(caseChoices(read.cases).map((c) => [c.caseId, c]));
  // A preparation holds no purpose yet and owes no confidentiality: those two are filled for the check.
  const checked = validateMeetingForm(
    {
      type: p.data.type,
      heldOn: p.data.heldOn,
      confidentialityConfirmed: true,
      cases: p.data.caseIds.map((caseId) => ({ caseId, purpose: ENUMS.purpose[0] })),
    },
    read.read.registry.settings,
    choices,
  );
  const errors = checked.ok ? {} : checked.errors;
  if (!p.data.caseIds.length) errors.cases = '検討するケースを1件以上選んでください。';
  if (!checked.ok || Object.keys(errors).length)
    return failure('form.invalid', '準備シートを作成していません。赤字の項目を直してください。', errors);
  return {
    request: {
      type: p.data.type.trim(),
      heldOn: checked.meeting.heldOn as IsoDate,
      caseIds: p.data.caseIds.map((s) => s.trim()),
    },
    read,
  };
}

const list = (v: readonly string[] | undefined): string => (v ?? []).join('、');

/** One case's block; `headings` collects the 1-based rows of its heading and sub-headers. */
function block(r: CoordinatorRead, c: ReadCase, heldOn: IsoDate): { lines: OutputLine[]; subRows: number[] } {
  const { registry } = r.read;
  const id = c.caseId!;
  const lines: OutputLine[] = [];
  const subRows: number[] = [];
  const sub = (line: OutputLine) => {
    subRows.push(lines.length);
    lines.push(line);
  };
  lines.push([`■ ${id}`, c.stage ?? '', c.staff ? `担当 ${c.staff}` : '', c.receivedOn ? `受付 ${c.receivedOn}` : '']);
  lines.push(['世帯像', '年代', c.ageGroup ?? '']);
  lines.push(['', '性別', c.gender ?? '']);
  lines.push(['', '世帯人数', c.householdSize === undefined ? '' : `${c.householdSize}人`]);
  lines.push(['', '分野', list(c.domains)]);
  lines.push(['', '課題', list(c.issues)]);
  lines.push(['支援状況', '支援状況', c.stage ?? '']);
  lines.push(['', '主担当機関', c.leadAgency ?? '']);

  const contacts = registry.activities
    .map((a, i) => ({ a, i }))
    .filter(
      (x): x is { a: ReadActivity & { on: IsoDate }; i: number } => x.a.caseId === id && !!x.a.on && x.a.on <= heldOn,
    )
    .sort((x, y) => (x.a.on !== y.a.on ? (x.a.on < y.a.on ? -1 : 1) : x.i - y.i))
    .slice(-CONTACTS);
  sub([`最近の支援記録（${CONTACTS}件まで）`, '実施日', '種別', '受け入れ先']);
  if (!contacts.length) lines.push(['', 'なし']);
  for (const { a } of contacts) lines.push(['', a.on, a.kind ?? '', a.placement ?? '']);

  const heldOnOf = new Map<string, { on: IsoDate; type: string }>();
  for (const m of registry.meetings)
    if (m.meetingId && m.heldOn && !heldOnOf.has(m.meetingId))
      heldOnOf.set(m.meetingId, { on: m.heldOn, type: m.type ?? '' });
  const earlier = registry.meetingCases
    .map((mc, i) => ({ mc, m: mc.meetingId ? heldOnOf.get(mc.meetingId) : undefined, i }))
    .filter((x): x is typeof x & { m: { on: IsoDate; type: string } } => x.mc.caseId === id && !!x.m && x.m.on < heldOn)
    .sort((x, y) => (x.m.on !== y.m.on ? (x.m.on < y.m.on ? -1 : 1) : x.i - y.i));
  sub(['これまでの会議', '開催日', '会議種別', '検討内容', '次回確認日']);
  if (!earlier.length) lines.push(['', 'なし']);
  for (const { mc, m } of earlier) lines.push(['', m.on, m.type, mc.purpose ?? '', mc.nextReviewOn ?? '']);

  for (const heading of ['今回の検討事項', '関わってほしい機関', 'お願い']) {
    sub([heading]);
    for (let k = 0; k < BLANK_LINES; k++) lines.push(['', '']);
  }
  lines.push([]);
  return { lines, subRows };
}

export function makePrepSheet(input: unknown, wb: Workbook = openWorkbook()): PrepWritten | Failure {
  const checked = checkRequest(input, wb);
  if (isFailure(checked)) return checked;
  const { request, read } = checked;
  const lines: OutputLine[] = [
    ['取扱注意', PREP_CAUTION],
    ['会議の準備シート', `${request.type}\u3000開催予定日 ${request.heldOn}（${toWareki(request.heldOn)}）`],
    ['作成日時', madeAt(wb)],
    ['検討ケース', `${request.caseIds.length}件（${request.caseIds.join('、')}）`],
    [],
  ];
  const headings: number[] = [];
  const subs: number[] = [];
  for (const id of request.caseIds) {
    const b = block(read, caseOf(read, id)!, request.heldOn);
    headings.push(lines.length + 1);
    for (const s of b.subRows) subs.push(lines.length + 1 + s);
    lines.push(...b.lines);
  }
  const last = String.fromCharCode(64 + WIDTHS.length);
  return withDocumentLock((): PrepWritten | Failure => {
    const target = outputSheet(wb, PREP_SHEET);
    if (isFailure(target)) return target;
    // Row 1 (取扱注意) is the frozen, shaded header: it stays in view and on every printed page's top.
    writeOutput(target, { name: PREP_SHEET, lines, headerRow: 1, widths: WIDTHS });
    const { sheet } = target;
    sheet.getRangeList([`A1:A${lines.length}`, ...subs.map((r) => `A${r}:${last}${r}`)]).setFontWeight('bold');
    sheet
      .getRangeList(headings.map((r) => `A${r}:${last}${r}`))
      .setFontWeight('bold')
      .setBackground(BLOCK_BACKGROUND);
    wb.ss.setActiveSheet(sheet);
    return { ok: true, sheet: PREP_SHEET, cases: request.caseIds.length };
  });
}
