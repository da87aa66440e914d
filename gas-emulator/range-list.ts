// Sheet.getRangeList: several ranges of one sheet formatted in one call each (the subset of
// RangeList the add-on uses). One call is counted per RangeList method, as one is per Range method.
import type { FakeRange } from './range';
import type { CallLog } from './calls';

export class FakeRangeList {
  constructor(
    private readonly log: CallLog,
    private readonly ranges: FakeRange[],
  ) {}
  private each(method: string, f: (r: FakeRange) => void): this {
    this.log.record(`RangeList.${method}`);
    // The ranges' own methods run as internals here: the call is the RangeList's.
    for (const r of this.ranges) f(r);
    return this;
  }
  getRanges(): FakeRange[] {
    this.log.record('RangeList.getRanges');
    return [...this.ranges];
  }
  setFontWeight(weight: 'normal' | 'bold' | null): this {
    return this.each('setFontWeight', (r) => r.applyForHost((c) => (c.fontWeight = weight ?? 'normal')));
  }
  setBackground(color: string | null): this {
    return this.each('setBackground', (r) => r.applyForHost((c) => (c.background = color)));
  }
  setNumberFormat(format: string): this {
    return this.each('setNumberFormat', (r) => r.applyForHost((c) => (c.numberFormat = format)));
  }
  clearContent(): this {
    return this.each('clearContent', (r) => r.clearForHost());
  }
}
