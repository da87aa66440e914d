// Notes on stderr when figures are partial: sheets they had to do without, rows they left out. Never silent.
export function reportExcluded(excludedRows: number, warnings: readonly string[] = []): void {
  for (const w of warnings) process.stderr.write(`kasane: 注意: ${w}\n`);
  if (excludedRows > 0)
    process.stderr.write(
      `kasane: 読めないセル（または見つからないID）のある ${excludedRows} 行を、そのセルを使う集計から除外しました（kasane validate で確認できます）。\n`,
    );
}
