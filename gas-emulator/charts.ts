// Embedded charts (Sheet.newChart / insertChart / getCharts / removeChart / updateChart) and the
// Charts service's enums, as Google's reference describes them: a builder collects ranges, a type,
// options and a position; build() returns an immutable EmbeddedChart that exists on the sheet only
// once insertChart is called. The emulator draws nothing; it keeps what a chart would show.
import type { FakeRange } from './range';

const names = <T extends string>(...keys: T[]) => Object.fromEntries(keys.map((k) => [k, k])) as { [K in T]: K };

export const Charts = {
  ChartType: names(
    'TIMELINE',
    'AREA',
    'BAR',
    'BUBBLE',
    'CANDLESTICK',
    'COLUMN',
    'COMBO',
    'GAUGE',
    'GEO',
    'HISTOGRAM',
    'RADAR',
    'LINE',
    'ORG',
    'PIE',
    'SCATTER',
    'SPARKLINE',
    'STEPPED_AREA',
    'TABLE',
    'TREEMAP',
    'WATERFALL',
  ),
  Position: names('TOP', 'RIGHT', 'BOTTOM', 'NONE'),
  ChartMergeStrategy: names('MERGE_COLUMNS', 'MERGE_ROWS'),
  ChartHiddenDimensionStrategy: names('IGNORE_BOTH', 'IGNORE_ROWS', 'IGNORE_COLUMNS', 'SHOW_BOTH'),
} as const;

export type ChartTypeName = keyof typeof Charts.ChartType;

export interface ChartState {
  type: ChartTypeName;
  ranges: FakeRange[];
  options: Map<string, unknown>;
  position: { row: number; column: number; offsetX: number; offsetY: number };
  numHeaders: number;
  transpose: boolean;
  mergeStrategy: string;
  hiddenDimensionStrategy: string;
}

const isChartType = (t: unknown): t is ChartTypeName => typeof t === 'string' && t in Charts.ChartType;

/** What one chart holds; the sheet that inserted it gives it its id. */
export class FakeEmbeddedChart {
  constructor(
    private readonly state: Readonly<ChartState>,
    private readonly id: number | null,
  ) {}
  /** null until the chart is inserted into a sheet, as in Apps Script. */
  getChartId(): number | null {
    return this.id;
  }
  getRanges(): FakeRange[] {
    return [...this.state.ranges];
  }
  getOptions(): { get(option: string): unknown } {
    const options = this.state.options;
    return { get: (option: string) => options.get(option) ?? null };
  }
  getNumHeaders(): number {
    return this.state.numHeaders;
  }
  getTransposeRowsAndColumns(): boolean {
    return this.state.transpose;
  }
  getMergeStrategy(): string {
    return this.state.mergeStrategy;
  }
  getHiddenDimensionStrategy(): string {
    return this.state.hiddenDimensionStrategy;
  }
  getContainerInfo() {
    const p = this.state.position;
    return {
      getAnchorRow: () => p.row,
      getAnchorColumn: () => p.column,
      getOffsetX: () => p.offsetX,
      getOffsetY: () => p.offsetY,
    };
  }
  modify(): FakeEmbeddedChartBuilder {
    return new FakeEmbeddedChartBuilder(this.state, this.id);
  }
  /** For hosts (tests, preview): the chart as data. */
  stateForHost(): Readonly<ChartState> {
    return this.state;
  }
  withId(id: number): FakeEmbeddedChart {
    return new FakeEmbeddedChart(this.state, id);
  }
}

/**
 * EmbeddedChartBuilder and its typed variants (asColumnChart() …) in one object: the typed builders
 * of Apps Script keep everything set before the switch, and add setters that are options underneath
 * (setTitle is the `title` option, setStacked `isStacked`, setLegendPosition `legend.position`).
 */
export class FakeEmbeddedChartBuilder {
  private readonly state: ChartState;
  constructor(
    from?: Readonly<ChartState>,
    private readonly id: number | null = null,
  ) {
    this.state = from
      ? { ...from, ranges: [...from.ranges], options: new Map(from.options), position: { ...from.position } }
      : {
          type: 'LINE',
          ranges: [],
          options: new Map(),
          position: { row: 1, column: 1, offsetX: 0, offsetY: 0 },
          numHeaders: -1,
          transpose: false,
          mergeStrategy: Charts.ChartMergeStrategy.MERGE_COLUMNS,
          hiddenDimensionStrategy: Charts.ChartHiddenDimensionStrategy.IGNORE_BOTH,
        };
  }
  private as(type: ChartTypeName): this {
    this.state.type = type;
    return this;
  }
  asAreaChart(): this {
    return this.as('AREA');
  }
  asBarChart(): this {
    return this.as('BAR');
  }
  asColumnChart(): this {
    return this.as('COLUMN');
  }
  asComboChart(): this {
    return this.as('COMBO');
  }
  asHistogramChart(): this {
    return this.as('HISTOGRAM');
  }
  asLineChart(): this {
    return this.as('LINE');
  }
  asPieChart(): this {
    return this.as('PIE');
  }
  asScatterChart(): this {
    return this.as('SCATTER');
  }
  asTableChart(): this {
    return this.as('TABLE');
  }
  setChartType(type: unknown): this {
    if (!isChartType(type)) throw new Error('Invalid argument: type');
    return this.as(type);
  }
  getChartType(): ChartTypeName {
    return this.state.type;
  }
  addRange(range: FakeRange): this {
    this.state.ranges.push(range);
    return this;
  }
  removeRange(range: FakeRange): this {
    this.state.ranges = this.state.ranges.filter((r) => r !== range);
    return this;
  }
  clearRanges(): this {
    this.state.ranges = [];
    return this;
  }
  getRanges(): FakeRange[] {
    return [...this.state.ranges];
  }
  setOption(option: string, value: unknown): this {
    this.state.options.set(option, value);
    return this;
  }
  setTitle(title: string): this {
    return this.setOption('title', title);
  }
  setStacked(): this {
    return this.setOption('isStacked', true);
  }
  setLegendPosition(position: string): this {
    return this.setOption('legend.position', String(position).toLowerCase());
  }
  setXAxisTitle(title: string): this {
    return this.setOption('hAxis.title', title);
  }
  setYAxisTitle(title: string): this {
    return this.setOption('vAxis.title', title);
  }
  setColors(colors: string[]): this {
    return this.setOption('colors', [...colors]);
  }
  setNumHeaders(headers: number): this {
    this.state.numHeaders = headers;
    return this;
  }
  setTransposeRowsAndColumns(transpose: boolean): this {
    this.state.transpose = transpose;
    return this;
  }
  setMergeStrategy(strategy: string): this {
    this.state.mergeStrategy = strategy;
    return this;
  }
  setHiddenDimensionStrategy(strategy: string): this {
    this.state.hiddenDimensionStrategy = strategy;
    return this;
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    if (![anchorRowPos, anchorColPos, offsetX, offsetY].every((n) => Number.isInteger(n)))
      throw new Error(
        "The parameters (number,number,number,number) don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.setPosition.",
      );
    this.state.position = { row: anchorRowPos, column: anchorColPos, offsetX, offsetY };
    return this;
  }
  build(): FakeEmbeddedChart {
    return new FakeEmbeddedChart(
      { ...this.state, ranges: [...this.state.ranges], options: new Map(this.state.options) },
      this.id,
    );
  }
}
