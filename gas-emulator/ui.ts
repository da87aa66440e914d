// The spreadsheet's Ui: add-on menus, sidebars, dialogs and alerts, recorded for inspection.
import type { CallLog } from './calls';
import type { FakeHtmlOutput } from './html';

export const Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' } as const;
export const ButtonSet = {
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
} as const;

export interface MenuItem {
  caption: string;
  functionName: string;
}
export type MenuEntry = MenuItem | { separator: true };
export interface MenuRecord {
  title: string;
  addon: boolean;
  entries: MenuEntry[];
}

export class FakeMenu {
  private readonly entries: MenuEntry[] = [];
  constructor(
    private readonly ui: FakeUiState,
    private readonly title: string,
    private readonly addon: boolean,
  ) {}
  addItem(caption: string, functionName: string): this {
    if (typeof functionName !== 'string' || !functionName) throw new Error('Invalid argument: functionName');
    this.entries.push({ caption, functionName });
    return this;
  }
  addSeparator(): this {
    this.entries.push({ separator: true });
    return this;
  }
  addToUi(): void {
    this.ui.log.record('Menu.addToUi');
    this.ui.menus = this.ui.menus.filter((m) => m.title !== this.title);
    this.ui.menus.push({ title: this.title, addon: this.addon, entries: [...this.entries] });
  }
}

export interface Shown {
  kind: 'sidebar' | 'modal' | 'modeless';
  title: string;
  content: string;
  /** The project file the HTML came from (null for createHtmlOutput). */
  file: string | null;
  width: number;
  height: number;
}

const shownOf = (kind: Shown['kind'], out: FakeHtmlOutput, title: string): Shown => ({
  kind,
  title,
  content: out.getContent(),
  file: out.file,
  width: out.getWidth(),
  height: out.getHeight(),
});

export class FakeUiState {
  menus: MenuRecord[] = [];
  shown: Shown[] = [];
  alerts: Array<{ title: string; prompt: string }> = [];
  /** The button a test's user presses on the next alert. */
  answer: keyof typeof Button = 'OK';
  /** What a test's user types into the next prompts, in order (then: Cancel). */
  promptAnswers: Array<{ text: string; button?: keyof typeof Button }> = [];
  prompts: Array<{ title: string; prompt: string }> = [];
  constructor(
    readonly log: CallLog,
    readonly addonName = 'かさね',
  ) {}

  api() {
    return {
      Button,
      ButtonSet,
      createAddonMenu: () => {
        this.log.record('Ui.createAddonMenu');
        return new FakeMenu(this, this.addonName, true);
      },
      createMenu: (caption: string) => {
        this.log.record('Ui.createMenu');
        return new FakeMenu(this, caption, false);
      },
      showSidebar: (out: FakeHtmlOutput) => {
        this.log.record('Ui.showSidebar');
        this.shown.push(shownOf('sidebar', out, out.getTitle()));
      },
      showModalDialog: (out: FakeHtmlOutput, title: string) => {
        this.log.record('Ui.showModalDialog');
        this.shown.push(shownOf('modal', out, title));
      },
      showModelessDialog: (out: FakeHtmlOutput, title: string) => {
        this.log.record('Ui.showModelessDialog');
        this.shown.push(shownOf('modeless', out, title));
      },
      prompt: (title: string, prompt?: string, _buttons?: string) => {
        this.log.record('Ui.prompt');
        this.prompts.push({ title, prompt: prompt ?? '' });
        const a = this.promptAnswers.shift() ?? { text: '', button: 'CANCEL' as const };
        return { getResponseText: () => a.text, getSelectedButton: () => Button[a.button ?? 'OK'] };
      },
      alert: (titleOrPrompt: string, prompt?: string, _buttons?: string) => {
        this.log.record('Ui.alert');
        this.alerts.push(
          prompt === undefined ? { title: '', prompt: titleOrPrompt } : { title: titleOrPrompt, prompt },
        );
        return Button[this.answer];
      },
    };
  }
}
