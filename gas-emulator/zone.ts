// Time-zone arithmetic with Intl (Node ships full ICU): what a spreadsheet in a given zone shows
// for an instant, and the instant of a local midnight there.
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function zonedParts(ms: number, tz: string): ZonedParts {
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return {
    year: p.year ?? 0,
    month: p.month ?? 0,
    day: p.day ?? 0,
    hour: p.hour ?? 0,
    minute: p.minute ?? 0,
    second: p.second ?? 0,
  };
}

function offsetAt(ms: number, tz: string): number {
  const p = zonedParts(ms, tz);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/** The instant at which the local wall clock in `tz` reads the given time. */
export function zonedInstant(y: number, m: number, d: number, tz: string, hour = 0, minute = 0, second = 0): number {
  const guess = Date.UTC(y, m - 1, d, hour, minute, second);
  const first = guess - offsetAt(guess, tz);
  return guess - offsetAt(first, tz);
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Formats with the SimpleDateFormat letters Apps Script's Utilities.formatDate accepts (the subset used). */
export function formatZoned(ms: number, tz: string, pattern: string): string {
  const p = zonedParts(ms, tz);
  return pattern.replace(/yyyy|yy|MM|M|dd|d|HH|H|mm|ss/g, (t) => {
    switch (t) {
      case 'yyyy':
        return pad(p.year, 4);
      case 'yy':
        return pad(p.year % 100);
      case 'MM':
        return pad(p.month);
      case 'M':
        return String(p.month);
      case 'dd':
        return pad(p.day);
      case 'd':
        return String(p.day);
      case 'HH':
        return pad(p.hour);
      case 'H':
        return String(p.hour);
      case 'mm':
        return pad(p.minute);
      default:
        return pad(p.second);
    }
  });
}

export function isValidZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}
