#!/usr/bin/env node
// The `kasane` command: runs the built CLI (`npm run build` writes dist/cli.cjs).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'dist', 'cli.cjs');
if (!existsSync(cli)) {
  process.stderr.write('kasane: まだビルドされていません。先に `npm run build` を実行してください。\n');
  process.exit(2);
}
require(cli);
