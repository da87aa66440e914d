// Record ids `<prefix>-<fiscal year>-<n digits>`: the next number after the highest of that year.
export function nextId(prefix: string, fiscalYear: number, digits: number, existing: Iterable<string>): string {
  const pattern = new RegExp(`^${prefix}-${fiscalYear}-(\\d+)$`);
  let max = 0;
  for (const id of existing) {
    const m = pattern.exec(id.trim());
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${prefix}-${fiscalYear}-${String(max + 1).padStart(digits, '0')}`;
}
