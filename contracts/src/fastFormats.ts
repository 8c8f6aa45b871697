import type { FormatDefinition } from "ajv";
import { fullFormats } from "ajv-formats/dist/formats.js";

const full = fullFormats["date-time"] as FormatDefinition<string> & { validate: (value: string) => boolean };
const UUID = fullFormats.uuid as RegExp;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const digit = (code: number) => code >= 48 && code <= 57;
const hex = (code: number) => digit(code) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70);
const num2 = (s: string, at: number) => (s.charCodeAt(at) - 48) * 10 + (s.charCodeAt(at + 1) - 48);

/**
 * The shape every WebSocket frame's `ts` has (`Date#toISOString`): `YYYY-MM-DDTHH:MM:SS.sssZ`.
 * Checks the characters only; the ranges are judged after.
 *
 * @example
 * isCanonicalTimestamp("2026-01-15T10:00:00.000Z"); // true
 */
export function isCanonicalTimestamp(s: string): boolean {
  if (s.length !== 24) return false;
  for (let i = 0; i < 24; i += 1) {
    const c = s.charCodeAt(i);
    const ok =
      i === 4 || i === 7
        ? c === 45 // -
        : i === 10
          ? c === 84 || c === 116 // T t
          : i === 13 || i === 16
            ? c === 58 // :
            : i === 19
              ? c === 46 // .
              : i === 23
                ? c === 90 || c === 122 // Z z
                : digit(c);
    if (!ok) return false;
  }
  return true;
}

/**
 * ajv-formats' full `date-time` (RFC 3339, time zone required), with the same answer for every
 * string and a fast path for the canonical `Date#toISOString` shape, which a load run checks on
 * every frame: no split, no regex, no allocation. Any other shape goes to ajv-formats itself.
 *
 */
const dateTime: FormatDefinition<string> = {
  ...full,
  validate(s: string): boolean {
    if (!isCanonicalTimestamp(s)) return full.validate(s);
    const year = num2(s, 0) * 100 + num2(s, 2);
    const month = num2(s, 5);
    const day = num2(s, 8);
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    if (month < 1 || month > 12 || day < 1 || day > (month === 2 && leap ? 29 : (DAYS[month] as number)))
      return false;
    const hour = num2(s, 11);
    const minute = num2(s, 14);
    const second = num2(s, 17);
    // In UTC ("Z"): any second below 60, or a leap second (60.xxx) at 23:59.
    if (hour <= 23 && minute <= 59 && second <= 59) return true;
    return hour === 23 && minute === 59 && second <= 60;
  },
};

/** `8-4-4-4-12` hex digits, either case, nothing around them. */
function isPlainUuid(s: string): boolean {
  if (s.length !== 36) return false;
  for (let i = 0; i < 36; i += 1) {
    const c = s.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23 ? c !== 45 : !hex(c)) return false;
  }
  return true;
}

/** ajv-formats' `uuid` (its regex, case-insensitive, `urn:uuid:` allowed), the plain form first. */
const uuid: FormatDefinition<string> = {
  type: "string",
  validate: (s: string) => isPlainUuid(s) || UUID.test(s),
};

/**
 * Formats a load run checks on every frame (`ts`: date-time; ids: uuid), with ajv-formats' answer
 * for every string and a fast path, no regex and no allocation, for the shape the service sends.
 * Added over ajv-formats' own.
 *
 * @example
 * for (const [name, format] of Object.entries(fastFormats)) ajv.addFormat(name, format);
 */
export const fastFormats: Readonly<Record<string, FormatDefinition<string>>> = {
  "date-time": dateTime,
  uuid,
};
