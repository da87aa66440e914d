// SpreadsheetApp.newDataValidation(): a builder whose build() returns an immutable rule, as in
// Google's reference (DataValidationBuilder / DataValidation / DataValidationCriteria).
export const DataValidationCriteria = {
  VALUE_IN_LIST: 'VALUE_IN_LIST',
  VALUE_IN_RANGE: 'VALUE_IN_RANGE',
  CHECKBOX: 'CHECKBOX',
  DATE_IS_VALID_DATE: 'DATE_IS_VALID_DATE',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  TEXT_CONTAINS: 'TEXT_CONTAINS',
} as const;

export type CriteriaType = (typeof DataValidationCriteria)[keyof typeof DataValidationCriteria];

export class FakeDataValidation {
  constructor(
    private readonly criteria: CriteriaType,
    private readonly args: readonly unknown[],
    private readonly allowInvalid: boolean,
    private readonly helpText: string,
  ) {}
  getCriteriaType(): CriteriaType {
    return this.criteria;
  }
  getCriteriaValues(): unknown[] {
    return this.args.map((a) => (Array.isArray(a) ? [...a] : a));
  }
  getAllowInvalid(): boolean {
    return this.allowInvalid;
  }
  getHelpText(): string {
    return this.helpText;
  }
  copy(): FakeDataValidationBuilder {
    return new FakeDataValidationBuilder(this.criteria, this.args, this.allowInvalid, this.helpText);
  }
}

export class FakeDataValidationBuilder {
  constructor(
    private criteria: CriteriaType | null = null,
    private args: readonly unknown[] = [],
    private allowInvalid = true,
    private helpText = '',
  ) {}
  private set(c: CriteriaType, args: unknown[]): this {
    this.criteria = c;
    this.args = args;
    return this;
  }
  requireValueInList(values: string[], showDropdown = true): this {
    if (!Array.isArray(values) || values.length === 0)
      throw new Error(
        "The parameters (number[]) don't match the method signature for SpreadsheetApp.DataValidationBuilder.requireValueInList.",
      );
    return this.set(DataValidationCriteria.VALUE_IN_LIST, [[...values], showDropdown]);
  }
  requireCheckbox(): this {
    return this.set(DataValidationCriteria.CHECKBOX, []);
  }
  requireDate(): this {
    return this.set(DataValidationCriteria.DATE_IS_VALID_DATE, []);
  }
  requireNumberGreaterThanOrEqualTo(n: number): this {
    return this.set(DataValidationCriteria.NUMBER_GREATER_THAN_OR_EQUAL_TO, [n]);
  }
  requireNumberBetween(a: number, b: number): this {
    return this.set(DataValidationCriteria.NUMBER_BETWEEN, [a, b]);
  }
  setAllowInvalid(allow: boolean): this {
    this.allowInvalid = allow;
    return this;
  }
  setHelpText(text: string): this {
    this.helpText = text;
    return this;
  }
  build(): FakeDataValidation {
    if (!this.criteria) throw new Error('You must specify a data validation rule.');
    return new FakeDataValidation(this.criteria, this.args, this.allowInvalid, this.helpText);
  }
}
