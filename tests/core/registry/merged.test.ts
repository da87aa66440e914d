// Cells merged down over data rows (core/registry/merged.ts): the top cell's value in every row of
// the range, in the range's first column, never over a value a lower cell holds; one notice.
import { sheetDef } from '../../../core/registry/definition';
import { fillMergedRows, type MergedRange } from '../../../core/registry/merged';
import type { RawRow } from '../../../core/registry/records';

const def = sheetDef('activities');
// Header in row 2 (a title above it); columns: No. (the office's), 記録ID, ケースID, 実施日, 種別.
const layout = { headerRow: 2, keys: [undefined, 'activityId', 'caseId', 'on', 'kind'] };
const range = (top: number, left: number, bottom: number, right = left): MergedRange => ({ top, left, bottom, right });

test('reads the top value down into the rows that hold something, leaves a lower value and the empty rows', () => {
  // rows[i] is sheet row i + 2: row 2 is the header (an empty placeholder).
  const rows: RawRow[] = [
    {},
    { activityId: 'A-1', on: '2025-05-01', kind: '家庭訪問' },
    { activityId: 'A-2', on: '2025-05-09' },
    {},
    { activityId: 'A-4' },
  ];
  // 実施日 D3:D8 reaches past the last row; 種別 E3:F4 is merged across too.
  const notice = fillMergedRows(def, layout, rows, [range(3, 4, 8), range(3, 5, 4, 6)]);
  expect(rows).toEqual([
    {},
    { activityId: 'A-1', on: '2025-05-01', kind: '家庭訪問' },
    { activityId: 'A-2', on: '2025-05-09', kind: '家庭訪問' },
    {},
    { activityId: 'A-4', on: '2025-05-01' },
  ]);
  expect(notice).toMatchObject({ sheet: 'activities', row: 3, column: 'on', code: 'cell.merged' });
  expect(notice!.message).toContain('（D3:D8、E3:F4）');
});

test('overlapping ranges (no program writes them) stop being filled once they cover the rows’ cells', () => {
  const rows: RawRow[] = [{}, ...Array.from({ length: 9 }, (_, i) => ({ activityId: `A-${i}` }))];
  rows[1]!.caseId = 'K-1';
  // 10 rows × 6 columns = 60 cells; each range covers the 8 rows below its top: the 8th range passes 60.
  const notice = fillMergedRows(
    def,
    layout,
    rows,
    Array.from({ length: 1000 }, () => range(3, 3, 1_048_576)),
  );
  expect(rows.slice(1).every((r) => r.caseId === 'K-1')).toBe(true);
  expect(notice!.message).toContain('ほか2か所');
});

test('nothing for a range over the header or title, in the office’s column, one row high, or with an empty top', () => {
  const rows: RawRow[] = [{}, { activityId: 'A-1' }, { activityId: 'A-2' }];
  const before = JSON.stringify(rows);
  expect(fillMergedRows(def, layout, rows, [range(1, 2, 2), range(3, 1, 4), range(3, 2, 3, 5), range(3, 4, 4)])).toBe(
    undefined,
  );
  expect(JSON.stringify(rows)).toBe(before);
});

test('the notice names five ranges, in sheet order, and counts the rest', () => {
  const rows: RawRow[] = [{}];
  for (let r = 3; r <= 30; r++) rows.push({ caseId: `K-${r}`, kind: '電話' });
  const merges = [9, 3, 11, 5, 7, 13, 15].map((top) => range(top, 3, top + 1));
  const notice = fillMergedRows(def, layout, rows, merges);
  expect(notice!.message).toContain('（C3:C4、C5:C6、C7:C8、C9:C10、C11:C12ほか2か所）');
  expect(rows[2]!.caseId).toBe('K-4'); // row 4 had its own id: kept
});
