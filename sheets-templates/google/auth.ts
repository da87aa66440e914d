// Who the CLI acts as when it creates the Google template. Only the spreadsheets scope is asked for:
// sharing the new file would need the Drive API's scope too, so the operator shares it by hand.
import { auth } from 'googleapis/build/src/apis/sheets';
import { SHEETS_SCOPES } from './requests';
import type { SheetsAuth } from './create';

export interface AuthChoice {
  /** A service-account key file (JSON); absent: Application Default Credentials. */
  credentials?: string;
  /**
   * An access token already obtained elsewhere (env KASANE_GOOGLE_ACCESS_TOKEN): for tests against
   * the emulator and for operators who mint short-lived tokens themselves. Wins over `credentials`.
   */
  accessToken?: string;
}

export function sheetsAuth(choice: AuthChoice): SheetsAuth {
  if (choice.accessToken) {
    const client = new auth.OAuth2();
    client.setCredentials({ access_token: choice.accessToken });
    return client;
  }
  return new auth.GoogleAuth({
    ...(choice.credentials ? { keyFile: choice.credentials } : {}),
    scopes: [...SHEETS_SCOPES],
  });
}
