// zod schemas shared by the boundaries. zod/mini keeps the Apps Script bundle small.
import * as z from 'zod/mini';

/** A normalised date, `YYYY-MM-DD`: the one form dates take once read. */
export const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
