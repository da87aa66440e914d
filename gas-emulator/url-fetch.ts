// UrlFetchApp: requests go to a handler the host supplies (there is no network from a test); with
// no handler every address is unavailable, as for a server that cannot be reached.
import type { CallLog } from './calls';

export interface FetchRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  contentType: string;
  payload: string;
}
export interface FetchReply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}
export type FetchHandler = (request: FetchRequest) => FetchReply;

interface Params {
  method?: string;
  headers?: Record<string, string>;
  contentType?: string;
  payload?: string;
  muteHttpExceptions?: boolean;
}

export function urlFetchApp(log: CallLog, handler: FetchHandler | undefined) {
  return {
    fetch(url: string, params: Params = {}) {
      log.record('UrlFetchApp.fetch');
      if (!/^https?:\/\//.test(url)) throw new Error(`Invalid argument: ${url}`);
      if (!handler) throw new Error(`Address unavailable: ${url}`);
      const reply = handler({
        url,
        method: (params.method ?? 'get').toUpperCase(),
        headers: { ...(params.headers ?? {}) },
        contentType: params.contentType ?? '',
        payload: params.payload ?? '',
      });
      if (!params.muteHttpExceptions && reply.status >= 400) {
        throw new Error(
          `Request failed for ${url} returned code ${reply.status}. Truncated server response: ${reply.body.slice(0, 100)} (use muteHttpExceptions option to examine full response)`,
        );
      }
      return {
        getResponseCode: () => reply.status,
        getContentText: () => reply.body,
        getHeaders: () => ({ ...(reply.headers ?? {}) }),
      };
    },
  };
}
