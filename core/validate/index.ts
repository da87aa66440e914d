// Validation: the row rules (registry/read.ts) then the cross-sheet rules of docs/registry.md.
import { readRegistry, type ReadResult } from '../registry/read';
import type { RawRegistry } from '../registry/records';
import { VALIDATION_FORMAT, type Issue, type ValidationReport } from '../issues';
import { crossSheetIssues } from './rules';

export interface ValidationOutcome {
  /** Parsed rows that passed the row rules (the indicators' input) and their sheet row numbers. */
  read: ReadResult;
  /** Every issue, row rules first, in sheet order. */
  issues: Issue[];
}

export function validateRegistry(raw: RawRegistry): ValidationOutcome {
  const read = readRegistry(raw);
  const issues = [...read.issues, ...crossSheetIssues(read)];
  return { read, issues };
}

export function validationReport(issues: Issue[], notices: Issue[] = []): ValidationReport {
  return { format: VALIDATION_FORMAT, ok: issues.length === 0, issues, notices };
}
