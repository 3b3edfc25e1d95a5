import { z } from 'zod';

export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'CSRF_FAILED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'TOO_MANY_ATTEMPTS',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'OVERLOADED',
  'NOT_ENOUGH_DATA',
  'IDEMPOTENCY_KEY_REUSED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorDetail = z.object({
  path: z.string().describe('Field path, e.g. "polygon.coordinates.0"'),
  message: z.string(),
});

export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.array(ErrorDetail).optional(),
    requestId: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Free text typed by people: trimmed, no control characters, bounded. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    // eslint-disable-next-line no-control-regex
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'must not contain control characters');

const noMarkup = (s: string) => !/[<>]/.test(s);
/**
 * A display name (area, unit, person): free text that also may not contain < or >. Names are
 * shown in many places (map labels, tables, exports); refusing markup here means no screen has
 * to be the one that forgot to escape it.
 */
export const plainName = (max: number) => text(max).refine(noMarkup, 'must not contain < or >');

// A character that shows nothing by itself: white space (U+3000 included), controls, format
// characters (U+200B–U+200F, U+2060, U+FEFF, bidi marks, soft hyphen …), combining marks
// without a base, Hangul fillers and the blank Braille cell.
const INVISIBLE = /^[\p{White_Space}\p{Cc}\p{Cf}\p{M}\u115F\u1160\u3164\uFFA0\u2800]$/u;

/** How many characters of `s` can be seen (code points, not UTF-16 units). */
export function visibleLength(s: string): number {
  let n = 0;
  for (const ch of s) if (!INVISIBLE.test(ch)) n++;
  return n;
}

/** Whether `s` holds anything a reader can see: a title of zero-width spaces is no title. */
export const hasVisibleText = (s: string | null | undefined): boolean => !!s && visibleLength(s) > 0;

/**
 * Text a person must write (a title, a description, a reason, an address): `text(max)` with at
 * least `min` characters, `min` of them visible. Runs only when the length checks passed, so a
 * field gets one message.
 */
export const humanText = (max: number, min = 1) =>
  text(max)
    .min(min)
    .refine((s) => visibleLength(s) >= min, {
      message: min === 1 ? 'must contain visible characters, not only spaces or invisible ones' : `must contain at least ${min} visible characters`,
      when: (payload) => payload.issues.length === 0,
    });

/** A display name a person must give: human text that also may not contain < or > (see plainName). */
export const humanName = (max: number, min = 1) => humanText(max, min).refine(noMarkup, 'must not contain < or >');

/** Deeper than this, offset paging stops making sense: narrow the filters instead. */
export const MAX_PAGE = 100_000;

export const PageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const Ok = z.object({ ok: z.literal(true) });
