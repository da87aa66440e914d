// Jest's global setup: the build happens once, here, before any test — never inside one (tests that
// run the CLI, the built add-on, the preview or the offline page read dist/ and build/ as built).
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async function build() {
  const root = join(__dirname, '..');
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed before the tests:\n${r.stdout}${r.stderr}`);
};
