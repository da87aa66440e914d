// Protection objects (Range.protect / Sheet.protect). Protections here are edit locks: the
// emulator records them; it has no users to refuse.
import type { FakeRange } from './range';
import type { FakeSheet } from './sheet';

export const ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' } as const;
export type ProtectionKind = (typeof ProtectionType)[keyof typeof ProtectionType];

export class FakeProtection {
  private description = '';
  private warningOnly = false;
  private editors: string[] = ['owner@example.com'];
  constructor(
    private readonly sheet: FakeSheet,
    private readonly kind: ProtectionKind,
    private readonly range: FakeRange | null,
  ) {}
  getProtectionType(): ProtectionKind {
    return this.kind;
  }
  getRange(): FakeRange | null {
    return this.range;
  }
  setDescription(d: string): this {
    this.description = d;
    return this;
  }
  getDescription(): string {
    return this.description;
  }
  setWarningOnly(w: boolean): this {
    this.warningOnly = w;
    return this;
  }
  isWarningOnly(): boolean {
    return this.warningOnly;
  }
  getEditors(): string[] {
    return [...this.editors];
  }
  removeEditors(emails: string[]): this {
    this.editors = this.editors.filter((e) => !emails.includes(e));
    return this;
  }
  canEdit(): boolean {
    return true;
  }
  remove(): void {
    this.sheet.dropProtection(this);
  }
}
