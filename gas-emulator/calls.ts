// Every emulated service call is counted by name (e.g. `Range.getValues`), so tests can assert that
// an operation's number of Sheets calls does not grow with the number of rows.
export type CallListener = (name: string) => void;

export class CallLog {
  private readonly counts = new Map<string, number>();
  private readonly listeners: CallListener[] = [];

  record(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    // A listener may start another execution here: that is how tests interleave two executions.
    for (const l of [...this.listeners]) l(name);
  }

  count(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  /** Calls whose name starts with `prefix` (e.g. `Range.` or `Sheet.`), or every call. */
  total(prefix = ''): number {
    let n = 0;
    for (const [k, v] of this.counts) if (k.startsWith(prefix)) n += v;
    return n;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.counts.clear();
  }

  listen(l: CallListener): () => void {
    this.listeners.push(l);
    return () => {
      const i = this.listeners.indexOf(l);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }
}
