// The emulator behaves as Google's reference describes the services (the subset the add-on uses).
import {
  CallLog,
  FakeSpreadsheet,
  GasEnvironment,
  LOCK_TIMEOUT_MESSAGE,
  columnLetter,
  parseA1,
} from '../../gas-emulator';

const sheetOf = () => {
  const ss = new FakeSpreadsheet(new CallLog());
  return { ss, sheet: ss.insertSheet('テスト') };
};

describe('ranges', () => {
  test('merging keeps the top-left value only; merged ranges are those inside or holding a cell; a block cut in part is refused', () => {
    const { sheet } = sheetOf();
    sheet.getRange('A1:B3').setValues([
      ['会議', 'x'],
      ['下', 'y'],
      ['下', 'z'],
    ]);
    sheet.getRange('A1:A3').merge();
    sheet.getRange('B2:C3').mergeVertically();
    expect(sheet.getRange('A1:B3').getValues()).toEqual([
      ['会議', 'x'],
      ['', 'y'],
      ['', ''],
    ]);
    const a1 = (r: { getA1Notation(): string }) => r.getA1Notation();
    expect(sheet.getRange('A1:C3').getMergedRanges().map(a1).sort()).toEqual(['A1:A3', 'B2:B3', 'C2:C3']);
    // The data range ends at column B: C2:C3 holds no cell of it.
    expect(sheet.getDataRange().getMergedRanges().map(a1).sort()).toEqual(['A1:A3', 'B2:B3']);
    expect(sheet.getRange('A3').getMergedRanges().map(a1)).toEqual(['A1:A3']);
    expect(sheet.getRange('D1:D5').getMergedRanges()).toEqual([]);
    expect(() => sheet.getRange('A2:B2').merge()).toThrow('You must select all cells in a merged range');
    sheet.getRange('A1:C3').breakApart();
    expect(sheet.getRange('A1:C3').getMergedRanges()).toEqual([]);
  });

  test('rows and columns are 1-based; A1 notation names the same cells', () => {
    const { sheet } = sheetOf();
    sheet.getRange(2, 3, 2, 2).setValues([
      [1, 2],
      [3, 4],
    ]);
    expect(sheet.getRange('C2:D3').getValues()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(sheet.getRange(2, 3, 2, 2).getA1Notation()).toBe('C2:D3');
    expect(sheet.getRange('B1').getValues()).toEqual([['']]);
    expect(columnLetter(27)).toBe('AA');
    expect(parseA1('AA10', 1000, 26)).toEqual({ row: 10, col: 27, numRows: 1, numCols: 1 });
  });

  test("setValues refuses data of another shape with Apps Script's wording", () => {
    const { sheet } = sheetOf();
    const r = sheet.getRange(1, 1, 2, 3);
    expect(() => r.setValues([[1, 2, 3]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() =>
      r.setValues([
        [1, 2],
        [3, 4],
      ]),
    ).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.',
    );
  });

  test('out-of-sheet coordinates are refused; inserted rows make room', () => {
    const { sheet } = sheetOf();
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange(1001, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    sheet.insertRowsAfter(1000, 5);
    expect(sheet.getMaxRows()).toBe(1005);
    sheet.getRange(1005, 1).setValue('x');
    expect(sheet.getLastRow()).toBe(1005);
  });

  test('an empty sheet: getLastRow() is 0 and getDataRange() is A1', () => {
    const { sheet } = sheetOf();
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getLastColumn()).toBe(0);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    expect(sheet.getDataRange().getValues()).toEqual([['']]);
  });

  test('getSheetValues: -1 reads to the last row and column with data, in one call; none on an empty sheet', () => {
    const log = new CallLog();
    const sheet = new FakeSpreadsheet(log).insertSheet('テスト');
    expect(() => sheet.getSheetValues(1, 1, -1, -1)).toThrow('The number of rows in the range must be at least 1.');
    sheet.getRange(2, 3).setValue('x');
    sheet.getRange(3, 1).setValue(7);
    log.reset();
    expect(sheet.getSheetValues(1, 1, -1, -1)).toEqual([
      ['', '', ''],
      ['', '', 'x'],
      [7, '', ''],
    ]);
    expect(sheet.getSheetValues(2, 2, -1, 1)).toEqual([[''], ['']]);
    expect(sheet.getSheetValues(3, 1, 1, 2)).toEqual([[7, '']]);
    expect(log.snapshot()).toEqual({ 'Sheet.getSheetValues': 3 });
  });

  test('written strings are read as Sheets reads typed input, unless the cell is plain text', () => {
    const { sheet } = sheetOf();
    sheet.getRange('B1:B5').setNumberFormat('@');
    sheet.getRange(1, 1, 5, 2).setValues([
      ['0120', '0120'],
      ['TRUE', 'TRUE'],
      ['2025-04-01', '2025-04-01'],
      ["'0120", 'x'],
      ['=HYPERLINK("#gid=1&range=A1","見る")', 'y'],
    ]);
    const v = sheet.getRange(1, 1, 5, 2).getValues();
    expect(v[0]).toEqual([120, '0120']);
    expect(v[1]).toEqual([true, 'TRUE']);
    expect(v[2]).toEqual([new Date('2025-03-31T15:00:00Z'), '2025-04-01']);
    expect(v[3]![0]).toBe('0120');
    expect(v[4]![0]).toBe('見る');
    expect(sheet.getRange('A5').getFormulas()).toEqual([['=HYPERLINK("#gid=1&range=A1","見る")']]);
  });

  test('Date values come back as Dates at the same instant; display follows the spreadsheet zone', () => {
    const { sheet } = sheetOf();
    const d = new Date('2025-03-31T15:00:00Z');
    sheet.getRange('A1').setValue(d);
    expect(sheet.getRange('A1').getValue()).toEqual(d);
    expect(sheet.getRange('A1').getDisplayValues()).toEqual([['2025-04-01']]);
  });

  test('data validation and protection objects', () => {
    const { ss, sheet } = sheetOf();
    void ss;
    const env = new GasEnvironment({
      code: 'function f(){ return SpreadsheetApp.newDataValidation().requireValueInList(["a","b"], true).setAllowInvalid(false).setHelpText("h").build().getCriteriaValues(); }',
    });
    expect(env.run('f')).toEqual([['a', 'b'], true]);
    const p = sheet.getRange('A1:C1').protect().setDescription('見出し').setWarningOnly(true);
    expect(sheet.getProtections('RANGE')).toEqual([p]);
    p.remove();
    expect(sheet.getProtections('RANGE')).toEqual([]);
  });

  test('a second sheet of the same name is refused', () => {
    const { ss } = sheetOf();
    expect(() => ss.insertSheet('テスト')).toThrow(
      'A sheet with the name "テスト" already exists. Please enter another name.',
    );
  });

  test('every call is counted by service and method', () => {
    const { ss, sheet } = sheetOf();
    ss.log.reset();
    sheet.getRange(1, 1, 3, 3).getValues();
    expect(ss.log.snapshot()).toEqual({ 'Range.getValues': 1, 'Sheet.getRange': 1 });
  });
});

describe('services in a script', () => {
  const script = `
    function lockTwice() { var a = LockService.getDocumentLock(); return [a.tryLock(100), a.hasLock()]; }
    function nested() { var l = LockService.getDocumentLock(); l.waitLock(1000); return l.hasLock(); }
    function wait() { var l = LockService.getDocumentLock(); l.waitLock(1000); return 'got it'; }
    function props() { var p = PropertiesService.getDocumentProperties(); p.setProperty('n', 5); return [p.getProperty('n'), p.getProperty('none')]; }
    function html() { return HtmlService.createHtmlOutputFromFile('missing').getContent(); }
    function fmt() { return Utilities.formatDate(new Date(Date.UTC(2025, 2, 31, 15)), 'Asia/Tokyo', 'yyyy-MM-dd HH:mm'); }
    function parse() { return Utilities.parseDate('2025-04-01', 'Asia/Tokyo', 'yyyy-MM-dd').toISOString(); }
    function docInNone() { return SpreadsheetApp.getActiveSpreadsheet().getName(); }
  `;
  test("a lock is the execution's; another execution cannot take it while it is held", () => {
    const env = new GasEnvironment({ code: script });
    expect(env.run('lockTwice')).toEqual([true, true]);
    // Released when the execution ended:
    expect(env.run('wait')).toBe('got it');
    let inner: unknown = null;
    const stop = env.log.listen((name) => {
      if (name === 'Lock.hasLock' && inner === null) {
        inner = 'pending';
        try {
          inner = env.run('wait');
        } catch (e) {
          inner = (e as Error).message;
        }
      }
    });
    expect(env.run('nested')).toBe(true);
    stop();
    // The inner execution started while the outer one held the lock: its wait times out.
    expect(inner).toBe(LOCK_TIMEOUT_MESSAGE);
  });

  test('properties are strings; missing HTML files and AuthMode.NONE are refused', () => {
    const env = new GasEnvironment({ code: script });
    expect(env.run('props')).toEqual(['5', null]);
    expect(() => env.run('html')).toThrow('No HTML file named missing was found.');
    expect(() => env.run('docInNone', [], { authMode: 'NONE' })).toThrow(
      /You do not have permission to call SpreadsheetApp.getActiveSpreadsheet/,
    );
  });

  test('Utilities formats and parses dates in a time zone', () => {
    const env = new GasEnvironment({ code: script });
    expect(env.run('fmt')).toBe('2025-04-01 00:00');
    expect(env.run('parse')).toBe('2025-03-31T15:00:00.000Z');
  });
});

describe('what the figures sheets use', () => {
  test('embedded charts: a builder, a chart inserted with an id, listed, updated and removed', () => {
    const { ss, sheet } = sheetOf();
    sheet.getRange('A1:C3').setValues([
      ['月', '高齢', 'こども'],
      ['4月', 1, 2],
      ['5月', 3, ''],
    ]);
    ss.log.reset();
    const range = sheet.getRange('A1:C3');
    const built = sheet
      .newChart()
      .addRange(range)
      .setNumHeaders(1)
      .setPosition(2, 5, 0, 0)
      .asColumnChart()
      .setTitle('新規相談件数')
      .setLegendPosition('BOTTOM')
      .build();
    // Not on the sheet until inserted, and without an id.
    expect(built.getChartId()).toBeNull();
    expect(sheet.getCharts()).toEqual([]);
    sheet.insertChart(built);
    const [chart] = sheet.getCharts();
    expect(chart!.getChartId()).toBe(1);
    expect(chart!.getOptions().get('title')).toBe('新規相談件数');
    expect(chart!.getOptions().get('legend.position')).toBe('bottom');
    expect(chart!.modify().getChartType()).toBe('COLUMN');
    expect(chart!.getRanges()[0]!.getValues()[2]).toEqual(['5月', 3, '']);
    expect(chart!.getContainerInfo().getAnchorColumn()).toBe(5);
    sheet.updateChart(chart!.modify().asLineChart().setOption('title', '折れ線').build());
    expect(sheet.chartsForHost().map((c) => [c.stateForHost().type, c.getOptions().get('title')])).toEqual([
      ['LINE', '折れ線'],
    ]);
    sheet.removeChart(sheet.getCharts()[0]!);
    expect(sheet.getCharts()).toEqual([]);
    expect(ss.log.count('Sheet.insertChart')).toBe(1);
    expect(ss.log.count('Sheet.newChart')).toBe(1);
    expect(() => sheet.newChart().setChartType('DONUT')).toThrow('Invalid argument: type');
  });

  test('clear() empties cells and formats but keeps charts, protections and frozen rows', () => {
    const { sheet } = sheetOf();
    sheet.getRange('A1:B1').setValues([['a', 'b']]);
    sheet.getRange('A1').setFontWeight('bold');
    sheet.setFrozenRows(1);
    sheet.protect().setDescription('x').setWarningOnly(true);
    sheet.insertChart(sheet.newChart().addRange(sheet.getRange('A1:B1')).build());
    sheet.clear({ contentsOnly: true });
    expect(sheet.getRange('A1').getFontWeights()).toEqual([['bold']]);
    sheet.clear();
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getRange('A1').getFontWeights()).toEqual([['normal']]);
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getProtections('SHEET')).toHaveLength(1);
    expect(sheet.getCharts()).toHaveLength(1);
  });

  test('range lists format several ranges in one call; column widths are kept', () => {
    const { ss, sheet } = sheetOf();
    ss.log.reset();
    sheet.getRangeList(['A1:A3', 'C5']).setFontWeight('bold');
    expect(sheet.getRange('A3').getFontWeights()).toEqual([['bold']]);
    expect(sheet.getRange('C5').getFontWeights()).toEqual([['bold']]);
    expect(sheet.getRange('B1').getFontWeights()).toEqual([['normal']]);
    sheet.setColumnWidths(2, 3, 140);
    sheet.setColumnWidth(1, 300);
    expect([1, 2, 4, 5].map((c) => sheet.getColumnWidth(c))).toEqual([300, 140, 140, 100]);
    expect(ss.log.count('RangeList.setFontWeight')).toBe(1);
    expect(ss.log.count('Range.setFontWeight')).toBe(0);
    expect(() => sheet.getRangeList(['A1', 'no such'])).toThrow('Range not found');
  });

  test('a modal dialog records its file, title and size; host reads count no call', () => {
    const env = new GasEnvironment({
      code: 'function show(){ var h = HtmlService.createHtmlOutputFromFile("d").setWidth(400).setHeight(300); SpreadsheetApp.getUi().showModalDialog(h, "題"); return Charts.ChartType.COLUMN; }',
      files: { d: '<p>d</p>' },
    });
    expect(env.run('show')).toBe('COLUMN');
    expect(env.ui.shown).toEqual([
      { kind: 'modal', title: '題', content: '<p>d</p>', file: 'd', width: 400, height: 300 },
    ]);
    const sheet = env.spreadsheet.insertSheet('x');
    sheet.getRange('A1').setValue(1.5);
    env.log.reset();
    expect(sheet.valuesForHost()).toEqual([[1.5]]);
    expect(sheet.displayValuesForHost()).toEqual([['1.5']]);
    expect(env.log.snapshot()).toEqual({});
  });
});
