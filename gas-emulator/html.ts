// HtmlService: HTML files of the script project by name (without `.html`), as
// createHtmlOutputFromFile finds them.
import type { CallLog } from './calls';

export const SandboxMode = { IFRAME: 'IFRAME', NATIVE: 'NATIVE', EMULATED: 'EMULATED' } as const;
export const XFrameOptionsMode = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' } as const;

export class FakeHtmlOutput {
  private title = '';
  private width = 0;
  private height = 0;
  /** `file`: the project file it was made from (createHtmlOutputFromFile), for hosts. */
  constructor(
    private content: string,
    readonly file: string | null = null,
  ) {}
  getContent(): string {
    return this.content;
  }
  setContent(c: string): this {
    this.content = c;
    return this;
  }
  append(c: string): this {
    this.content += c;
    return this;
  }
  setTitle(t: string): this {
    this.title = t;
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  setWidth(w: number): this {
    this.width = w;
    return this;
  }
  getWidth(): number {
    return this.width;
  }
  setHeight(h: number): this {
    this.height = h;
    return this;
  }
  getHeight(): number {
    return this.height;
  }
  setSandboxMode(_m: string): this {
    return this;
  }
  setXFrameOptionsMode(_m: string): this {
    return this;
  }
  addMetaTag(_name: string, _content: string): this {
    return this;
  }
}

export function htmlService(files: ReadonlyMap<string, string>, log: CallLog) {
  const file = (name: string): string => {
    const content = files.get(name.replace(/\.html$/, ''));
    if (content === undefined) throw new Error(`No HTML file named ${name} was found.`);
    return content;
  };
  return {
    SandboxMode,
    XFrameOptionsMode,
    createHtmlOutputFromFile(name: string): FakeHtmlOutput {
      log.record('HtmlService.createHtmlOutputFromFile');
      return new FakeHtmlOutput(file(name), name.replace(/\.html$/, ''));
    },
    createHtmlOutput(html = ''): FakeHtmlOutput {
      log.record('HtmlService.createHtmlOutput');
      return new FakeHtmlOutput(String(html));
    },
  };
}
