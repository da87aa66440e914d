// The JSON interchange's rows: plain objects, JSON null an empty cell, anything else refused with the
// row named (core/registry/interchange.ts).
import { fromInterchange } from '../../../core/registry/interchange';

const doc = (cases: unknown[]) => ({ format: 'kasane-registry/1', cases });

test('rows are taken as they are, without their null cells', () => {
  const plain = { caseId: 'C-1', receivedOn: '2025-04-01' };
  const r = fromInterchange(doc([plain, { caseId: 'C-2', receivedOn: null, note: null }]));
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  expect(r.raw.sheets.cases).toEqual([plain, { caseId: 'C-2' }]);
  expect(Object.keys(r.raw.sheets.cases![1]!)).toEqual(['caseId']);
});

test('a row from JSON.parse with a "__proto__" key keeps it as a cell, not as its prototype', () => {
  const r = fromInterchange(
    JSON.parse('{"format":"kasane-registry/1","cases":[{"__proto__":{"x":1},"caseId":"C-1"}]}'),
  );
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  const row = r.raw.sheets.cases![0]!;
  expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
  expect(Object.keys(row)).toEqual(['__proto__', 'caseId']);
});

test.each([
  ['an array', []],
  ['text', 'C-1'],
  ['a number', 1],
  ['null', null],
  ['an object made by a class', new Date(0)],
])('a row that is %s is refused, naming its row and element', (_what, bad) => {
  const r = fromInterchange(doc([{ caseId: 'C-1' }, bad]));
  expect(r).toEqual({
    ok: false,
    code: 'format.invalid',
    message: '「ケース」（cases）の 3行目（要素 1）はオブジェクトで指定してください。',
    path: 'cases[1]',
  });
});
