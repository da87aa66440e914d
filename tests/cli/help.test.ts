// Help cannot drift from what is accepted: both come from commands/specs.ts. Every declared option
// is parsed and listed in `kasane <command> --help`; anything else is a Japanese usage error.
import { commandHelp, HelpShown, overallHelp, parse, UsageError } from '../../cli/args';
import { SPECS, type CommandSpec } from '../../cli/commands/specs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, kasane, root } from './run';

const specs = Object.values(SPECS) as CommandSpec[];

describe.each(specs.map((s) => [s.name, s] as const))('kasane %s', (_name, spec) => {
  test('--help lists every option it accepts, and prints only that', () => {
    const help = commandHelp(spec);
    for (const name of Object.keys(spec.options)) expect(help).toContain(`--${name}`);
    const listed = [...help.matchAll(/--([a-z-]+)/g)].map((m) => m[1]).filter((n) => n !== 'help');
    expect(new Set(listed)).toEqual(new Set(Object.keys(spec.options)));
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(() => parse(['--help'], spec)).toThrow(HelpShown);
      expect(out).toHaveBeenCalledWith(help + '\n');
    } finally {
      out.mockRestore();
    }
  });

  test('every declared option is read under its declared name', () => {
    const argv: string[] = [];
    const want: Record<string, unknown> = {};
    for (const [name, o] of Object.entries(spec.options)) {
      if (o.type === 'boolean') {
        argv.push(`--${name}`);
        want[name] = true;
      } else {
        argv.push(`--${name}`, `v-${name}`);
        want[name] = 'multiple' in o ? [`v-${name}`] : `v-${name}`;
      }
    }
    expect(parse(argv, spec).values).toEqual(want);
  });

  test('an option it does not declare is a Japanese usage error naming the command', () => {
    expect(() => parse(['--no-such-option', 'x'], spec)).toThrow(UsageError);
    expect(() => parse(['--no-such-option', 'x'], spec)).toThrow(
      `kasane ${spec.name} にオプション --no-such-option はありません（kasane ${spec.name} --help）。`,
    );
  });
});

test('a string option without its value is refused', () => {
  expect(() => parse(['--input'], SPECS.validate)).toThrow('オプション --input <FILE> の値がありません。');
});

test('positional words only where declared', () => {
  expect(parse(['create', '--workbook', 'w'], SPECS.token).positionals).toEqual(['create']);
  expect(() => parse(['extra', '--input', 'a.json'], SPECS.validate)).toThrow(UsageError);
});

test('--cors-origin may be given several times', () => {
  expect(
    parse(['--cors-origin', 'https://a.example', '--cors-origin', 'https://b.example'], SPECS.serve).values,
  ).toEqual({
    'cors-origin': ['https://a.example', 'https://b.example'],
  });
});

test('kasane --help names every command and option', () => {
  const help = overallHelp();
  for (const spec of specs) {
    expect(help).toContain(`kasane ${spec.name}`);
    for (const name of Object.keys(spec.options)) expect(help).toContain(`--${name}`);
  }
});

test('kasane --version (and -V, version) prints the version of package.json, exit 0', () => {
  ensureBuilt();
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  for (const flag of ['--version', '-V', 'version']) {
    const r = kasane([flag]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`kasane ${version}\n`);
    expect(r.err).toBe('');
  }
});
