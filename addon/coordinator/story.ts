// 「ケースの経過」: one case's rows from every sheet (its PII columns left out but 氏名), for the dialog
// that puts them in date order (core/registry/timeline.ts) and, as it shows names, says
// 取扱注意（個人情報） on screen and on paper.
import { caseRecords } from '../../core/registry/timeline';
import { failure, payloadInvalid, type Failure } from '../errors';
import { madeAt } from '../figures/output-sheet';
import { openWorkbook, type Workbook } from '../workbook';
import { caseOf, readCoordinator } from './cases';
import { caseIdSchema } from './due';
import type { CaseStory } from './types';

export function caseStory(input: unknown, wb: Workbook = openWorkbook()): CaseStory | Failure {
  const p = caseIdSchema.safeParse(input);
  if (!p.success) return payloadInvalid();
  const caseId = p.data;
  const r = readCoordinator(wb);
  const c = caseOf(r, caseId);
  if (!c) return failure('case.unknown', `「${caseId}」は「ケース」シートにありません。`);
  const about: Array<[string, string | undefined]> = [
    ['氏名', c.name],
    ['支援状況', c.stage],
    ['本人同意', c.consent],
    ['担当者', c.staff],
    ['主担当機関', c.leadAgency],
    ['エリア', c.area],
  ];
  return {
    ok: true,
    caseId,
    about: about.flatMap(([k, v]) => (v ? [[k, v] as [string, string]] : [])),
    ...caseRecords(r.read.registry, r.read.rows, caseId),
    madeAt: madeAt(wb),
  };
}
