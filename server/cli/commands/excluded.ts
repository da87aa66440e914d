// A note on stderr when rows were left out, so figures are never silently partial.
export function reportExcluded(excludedRows: number): void {
  if (excludedRows > 0)
    process.stderr.write(
      `kasane: 入力エラーのある ${excludedRows} 行を集計から除外しました（kasane validate で確認できます）。\n`,
    );
}
