// PropertiesService: string key-value stores; values are stored as strings, as Apps Script does.
import type { CallLog } from './calls';

export class FakeProperties {
  private readonly map = new Map<string, string>();
  constructor(private readonly log: CallLog) {}
  getProperty(key: string): string | null {
    this.log.record('Properties.getProperty');
    return this.map.get(key) ?? null;
  }
  setProperty(key: string, value: unknown): this {
    this.log.record('Properties.setProperty');
    this.map.set(key, String(value));
    return this;
  }
  getProperties(): Record<string, string> {
    this.log.record('Properties.getProperties');
    return Object.fromEntries(this.map);
  }
  setProperties(props: Record<string, unknown>, deleteAllOthers = false): this {
    this.log.record('Properties.setProperties');
    if (deleteAllOthers) this.map.clear();
    for (const [k, v] of Object.entries(props)) this.map.set(k, String(v));
    return this;
  }
  getKeys(): string[] {
    this.log.record('Properties.getKeys');
    return [...this.map.keys()];
  }
  deleteProperty(key: string): this {
    this.log.record('Properties.deleteProperty');
    this.map.delete(key);
    return this;
  }
  deleteAllProperties(): this {
    this.log.record('Properties.deleteAllProperties');
    this.map.clear();
    return this;
  }
}

export class PropertyStores {
  constructor(
    readonly document: FakeProperties,
    readonly script: FakeProperties,
    readonly user: FakeProperties,
  ) {}
}
