// Runs an Apps Script bundle as Apps Script does: the whole script is evaluated afresh for every
// call, in a context that holds only the emulated services, and arguments and results cross the
// boundary as JSON (google.script.run passes no Dates, functions or class instances).
import vm from 'node:vm';
import { CallLog } from './calls';
import { Charts } from './charts';
import { DataValidationCriteria, FakeDataValidationBuilder } from './data-validation';
import { htmlService } from './html';
import { LockHub } from './lock';
import { FakeProperties, PropertyStores } from './properties';
import { ProtectionType } from './protection';
import { FakeSpreadsheet } from './spreadsheet';
import { FakeUiState } from './ui';
import { utilities } from './utilities';
import { urlFetchApp, type FetchHandler } from './url-fetch';

export const AuthMode = { NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' } as const;
export type AuthModeName = keyof typeof AuthMode;

export interface RunOptions {
  /** onOpen of an add-on not yet used in this document runs in NONE: no document, no properties. */
  authMode?: AuthModeName;
}

export interface GasEnvironmentOptions {
  /** The script (e.g. the built Code.js). */
  code: string;
  /** HTML files of the project by name without `.html`. */
  files?: ReadonlyMap<string, string> | Record<string, string>;
  spreadsheet?: FakeSpreadsheet;
  log?: CallLog;
  /** Answers UrlFetchApp.fetch; without it every address is unavailable. */
  fetch?: FetchHandler;
}

export class ScriptFunctionNotFound extends Error {}

export class GasEnvironment {
  readonly log: CallLog;
  readonly spreadsheet: FakeSpreadsheet;
  readonly ui: FakeUiState;
  readonly locks = new LockHub();
  readonly properties: PropertyStores;
  readonly logs: string[] = [];
  private readonly files: ReadonlyMap<string, string>;
  private readonly script: vm.Script;
  private executions = 0;
  fetchHandler: FetchHandler | undefined;

  constructor(options: GasEnvironmentOptions) {
    this.log = options.log ?? options.spreadsheet?.log ?? new CallLog();
    this.spreadsheet = options.spreadsheet ?? new FakeSpreadsheet(this.log);
    this.ui = new FakeUiState(this.log);
    this.properties = new PropertyStores(
      new FakeProperties(this.log),
      new FakeProperties(this.log),
      new FakeProperties(this.log),
    );
    const f = options.files ?? new Map<string, string>();
    this.files = f instanceof Map ? f : new Map(Object.entries(f));
    this.script = new vm.Script(options.code, { filename: 'Code.js' });
    this.fetchHandler = options.fetch;
  }

  private globals(
    execution: number,
    authMode: AuthModeName,
    realmDate: () => DateConstructor,
  ): Record<string, unknown> {
    const log = this.log;
    const none = authMode === 'NONE';
    const denied = (what: string) =>
      new Error(
        `You do not have permission to call ${what}. Required permissions: https://www.googleapis.com/auth/spreadsheets.currentonly`,
      );
    const ss = this.spreadsheet;
    const ui = this.ui.api();
    const props = this.properties;
    const locks = this.locks.serviceFor(execution, log, true);
    const line = (...a: unknown[]) =>
      this.logs.push(a.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(' '));
    return {
      SpreadsheetApp: {
        DataValidationCriteria,
        ProtectionType,
        getActiveSpreadsheet: () => {
          log.record('SpreadsheetApp.getActiveSpreadsheet');
          if (none) throw denied('SpreadsheetApp.getActiveSpreadsheet');
          return ss;
        },
        getActive: () => {
          log.record('SpreadsheetApp.getActive');
          if (none) throw denied('SpreadsheetApp.getActive');
          return ss;
        },
        getUi: () => {
          log.record('SpreadsheetApp.getUi');
          return ui;
        },
        newDataValidation: () => {
          log.record('SpreadsheetApp.newDataValidation');
          return new FakeDataValidationBuilder();
        },
        flush: () => log.record('SpreadsheetApp.flush'),
      },
      LockService: {
        getDocumentLock: () => {
          if (none) throw denied('LockService.getDocumentLock');
          return locks.getDocumentLock();
        },
        getScriptLock: locks.getScriptLock,
        getUserLock: locks.getUserLock,
      },
      PropertiesService: {
        getDocumentProperties: () => {
          log.record('PropertiesService.getDocumentProperties');
          if (none) throw denied('PropertiesService.getDocumentProperties');
          return props.document;
        },
        getScriptProperties: () => {
          log.record('PropertiesService.getScriptProperties');
          if (none) throw denied('PropertiesService.getScriptProperties');
          return props.script;
        },
        getUserProperties: () => {
          log.record('PropertiesService.getUserProperties');
          if (none) throw denied('PropertiesService.getUserProperties');
          return props.user;
        },
      },
      HtmlService: htmlService(this.files, log),
      Charts,
      Utilities: utilities(log, realmDate),
      UrlFetchApp: {
        fetch: (url: string, params?: Parameters<ReturnType<typeof urlFetchApp>['fetch']>[1]) => {
          if (none) throw denied('UrlFetchApp.fetch');
          return urlFetchApp(log, this.fetchHandler).fetch(url, params);
        },
      },
      ScriptApp: { AuthMode },
      Logger: { log: (...a: unknown[]) => line(...a) },
      console: { log: line, info: line, warn: line, error: line },
    };
  }

  /** Runs the global function `name` in a fresh evaluation of the script. */
  run(name: string, args: unknown[] = [], options: RunOptions = {}): unknown {
    const execution = ++this.executions;
    let D: DateConstructor = Date;
    const context = vm.createContext(this.globals(execution, options.authMode ?? 'FULL', () => D));
    D = vm.runInContext('Date', context) as DateConstructor;
    const json = vm.runInContext('JSON', context) as JSON;
    this.spreadsheet.enterRealm(D);
    try {
      this.script.runInContext(context);
      const fn = (context as Record<string, unknown>)[name];
      if (typeof fn !== 'function') throw new ScriptFunctionNotFound(`Script function not found: ${name}`);
      const inside = json.parse(JSON.stringify(args)) as unknown[];
      const result: unknown = (fn as (...a: unknown[]) => unknown)(...inside);
      return result === undefined ? undefined : (JSON.parse(json.stringify(result)) as unknown);
    } finally {
      this.spreadsheet.leaveRealm();
      this.locks.releaseAll(execution);
    }
  }

  /** The script's top-level function declarations: what a menu item or google.script.run may name. */
  globalFunctions(): string[] {
    const context = vm.createContext(this.globals(0, 'NONE', () => Date));
    this.script.runInContext(context);
    const names = vm.runInContext(
      'Object.getOwnPropertyNames(globalThis).filter(function (k) { return typeof globalThis[k] === "function" && Object.getOwnPropertyDescriptor(globalThis, k).enumerable; })',
      context,
    ) as string[];
    return [...names];
  }
}
