// Runs a CLI command in-process, capturing what it writes, as `kasane <command>` would.
import { UsageError } from '../../cli/args';

export interface CliResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export async function runCommand(run: (argv: string[]) => Promise<number>, argv: string[]): Promise<CliResult> {
  const out: Buffer[] = [];
  const err: string[] = [];
  const so = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(Buffer.from(chunk));
    return true;
  });
  const se = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err.push(Buffer.from(chunk).toString('utf8'));
    return true;
  });
  try {
    const code = await run(argv);
    return { code, stdout: Buffer.concat(out), stderr: err.join('') };
  } catch (e) {
    // main.ts turns a UsageError into exit 2 with its message on stderr.
    if (e instanceof UsageError) return { code: 2, stdout: Buffer.concat(out), stderr: err.join('') + e.message };
    throw e;
  } finally {
    so.mockRestore();
    se.mockRestore();
  }
}
