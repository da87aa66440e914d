// 月次集計 as JSON: the summary as it is, with every display string made formula-safe (a file
// opened in a spreadsheet tool shows text, never a formula); keys, dates and numbers are left as they
// are. The JSON keeps every key: it is the machine-readable form, public or not.
import type { MonthlySummary } from '../core/summary/types';
import { neutralText } from './safe-cell';

export function summaryJson(s: MonthlySummary): Buffer {
  const safe: MonthlySummary = {
    ...s,
    title: neutralText(s.title),
    municipality: neutralText(s.municipality),
    columns: s.columns.map((c) => ({ ...c, label: neutralText(c.label) })),
    groups: s.groups.map((g) => ({
      heading: neutralText(g.heading),
      rows: g.rows.map((r) =>
        r.breakdown
          ? {
              ...r,
              label: neutralText(r.label),
              breakdown: {
                ...r.breakdown,
                label: neutralText(r.breakdown.label),
                value: neutralText(r.breakdown.value),
              },
            }
          : { ...r, label: neutralText(r.label) },
      ),
    })),
    notes: s.notes.map(neutralText),
    warnings: s.warnings.map(neutralText),
  };
  return Buffer.from(JSON.stringify(safe, null, 1) + '\n', 'utf8');
}
