import { parseCell, splitMulti, matchKnown } from '../../core/registry/cells';
import { sheetDef, type ColumnDef } from '../../core/registry/definition';

const col = (sheet: Parameters<typeof sheetDef>[0], key: string): ColumnDef =>
  sheetDef(sheet).columns.find((c) => c.key === key)!;
const lists = {
  areas: ['東', '西'],
  windows: ['地域包括支援センター'],
  placeTypes: ['サロン'],
  issueTags: ['ひきこもり', '8050'],
};

describe('cell parsing', () => {
  test('dates in every written form, and a real Date', () => {
    const received = col('cases', 'receivedOn');
    for (const v of ['2024-04-01', '2024/4/1', '令和6年4月1日', 'R6.4.1', '令6.4.1', 45383]) {
      expect(parseCell(received, v, lists)).toEqual({ ok: true, value: '2024-04-01' });
    }
    expect(parseCell(received, '2024-02-30', lists)).toEqual({ ok: false, fault: 'date', bad: ['2024-02-30'] });
    expect(parseCell(received, true, lists)).toEqual({ ok: false, fault: 'date', bad: ['TRUE'] });
    expect(parseCell(received, {}, lists)).toEqual({ ok: false, fault: 'date' });
  });

  test('empty cells are undefined, whatever the source wrote', () => {
    for (const v of [undefined, null, '', '   ', []])
      expect(parseCell(col('cases', 'channel'), v, lists)).toEqual({ ok: true, value: undefined });
  });

  test('multi-values split on 、 and , and lose duplicates', () => {
    expect(splitMulti('高齢、障がい,こども，高齢')).toEqual(['高齢', '障がい', 'こども']);
    expect(parseCell(col('cases', 'domains'), '高齢、障がい', lists)).toEqual({ ok: true, value: ['高齢', '障がい'] });
    expect(parseCell(col('cases', 'domains'), ['生活困窮'], lists)).toEqual({ ok: true, value: ['生活困窮'] });
    expect(parseCell(col('cases', 'domains'), '高齢、宇宙', lists)).toEqual({
      ok: false,
      fault: 'enum',
      bad: ['宇宙'],
    });
    expect(parseCell(col('cases', 'issues'), 'ひきこもり, 8050', lists)).toEqual({
      ok: true,
      value: ['ひきこもり', '8050'],
    });
    expect(parseCell(col('cases', 'issues'), 'ひきこもり、不明な課題', lists)).toEqual({
      ok: false,
      fault: 'list',
      bad: ['不明な課題'],
    });
  });

  test('booleans: checkbox, TRUE/FALSE and はい/いいえ', () => {
    const c = col('meetings', 'confidentialityConfirmed');
    for (const v of [true, 'TRUE', 'true', 'はい', '○'])
      expect(parseCell(c, v, lists)).toEqual({ ok: true, value: true });
    for (const v of [false, 'FALSE', 'false', 'いいえ'])
      expect(parseCell(c, v, lists)).toEqual({ ok: true, value: false });
    expect(parseCell(c, 'たぶん', lists)).toEqual({ ok: false, fault: 'boolean', bad: ['たぶん'] });
  });

  test('whole numbers and their minimum', () => {
    const household = col('cases', 'householdSize');
    expect(parseCell(household, 3, lists)).toEqual({ ok: true, value: 3 });
    expect(parseCell(household, '３', lists)).toEqual({ ok: true, value: 3 });
    expect(parseCell(household, 2.5, lists)).toEqual({ ok: false, fault: 'integer', bad: ['2.5'] });
    expect(parseCell(household, '二人', lists)).toEqual({ ok: false, fault: 'integer', bad: ['二人'] });
    expect(parseCell(household, 0, lists)).toEqual({ ok: false, fault: 'min', bad: ['0'] });
    expect(parseCell(col('meetings', 'attendees'), 0, lists)).toEqual({ ok: true, value: 0 });
    expect(parseCell(col('donations', 'weightKg'), '12.5', lists)).toEqual({ ok: true, value: 12.5 });
    expect(parseCell(col('donations', 'weightKg'), -1, lists)).toEqual({ ok: false, fault: 'min', bad: ['-1'] });
  });

  test('enums forgive half-width brackets but nothing else', () => {
    expect(matchKnown('参加支援(就労体験)', ['参加支援（就労体験）'])).toBe('参加支援（就労体験）');
    expect(parseCell(col('activities', 'kind'), '参加支援(就労体験)', lists)).toEqual({
      ok: true,
      value: '参加支援（就労体験）',
    });
    expect(parseCell(col('cases', 'referralSource'), '友人', lists)).toEqual({
      ok: false,
      fault: 'enum',
      bad: ['友人'],
    });
    expect(parseCell(col('cases', 'area'), '北', lists)).toEqual({ ok: false, fault: 'list', bad: ['北'] });
  });

  test('ids and text are trimmed; numeric ids become text', () => {
    expect(parseCell(col('places', 'placeId'), 17, lists)).toEqual({ ok: true, value: '17' });
    expect(parseCell(col('cases', 'caseId'), ' K-2024-0001 ', lists)).toEqual({ ok: true, value: 'K-2024-0001' });
  });
});
