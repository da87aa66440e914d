// Which contract headers changed places between two syncs: office columns and added or removed
// headers are not a move; a swap or a header carried across others is.
import { headerOrder, movedHeaders } from '../../../core/registry/header-order';

const moved = (before: string[], now: string[]) =>
  movedHeaders({ cases: before }, { cases: now }).map((m) => `${m.sheet}.${m.key}`);

test('the order is the contract keys of each sheet from left to right, office columns left out', () => {
  expect(
    headerOrder({ cases: { keys: [undefined, 'caseId', undefined, 'receivedOn'] }, meetings: { keys: [] } }),
  ).toEqual({ cases: ['caseId', 'receivedOn'], meetings: [] });
});

test('the same order, with office columns inserted or contract columns added or removed, moves nothing', () => {
  expect(moved(['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'd'])).toEqual([]);
  expect(moved(['a', 'b', 'c', 'd'], ['a', 'c', 'd'])).toEqual([]);
  expect(moved(['a', 'b', 'c'], ['x', 'a', 'b', 'y', 'c'])).toEqual([]);
});

test('a swap of neighbours names one of the two; a swap across others names both', () => {
  // [b, a, c]: the earlier positions 1, 0, 2; the longest run in order is 1, 2 (b, c).
  expect(moved(['a', 'b', 'c'], ['b', 'a', 'c'])).toEqual(['cases.a']);
  // [e, b, c, d, a]: 4, 1, 2, 3, 0; b, c, d kept.
  expect(moved(['a', 'b', 'c', 'd', 'e'], ['e', 'b', 'c', 'd', 'a'])).toEqual(['cases.e', 'cases.a']);
});

test('one header carried from the front to the back is that header alone', () => {
  expect(moved(['a', 'b', 'c', 'd'], ['b', 'c', 'd', 'a'])).toEqual(['cases.a']);
});

test('a sheet with no earlier order (the first sync, a sheet added since) moves nothing', () => {
  expect(movedHeaders({}, { cases: ['b', 'a'] })).toEqual([]);
  expect(movedHeaders({ meetings: ['x', 'y'] }, { cases: ['b', 'a'], meetings: ['x', 'y'] })).toEqual([]);
});
