// ISO-8601 date, optionally with a time and a zone, as Segment clients send it.
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):?(\d{2}))?)?$/i;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number);
}

/**
 * Epoch milliseconds of an ISO-8601 date or date-time, or `NaN`. Stricter and
 * faster than `Date.parse`: calendar dates must exist (no 30 February, no hour
 * 24), and a time without a zone is UTC, never the server's local time.
 *
 * @example
 * parseIsoTimestamp('2026-11-22T10:00:00.000+01:00'); // → Date.parse('2026-11-22T09:00:00Z')
 * parseIsoTimestamp('2026-02-30'); // → NaN
 */
export function parseIsoTimestamp(value: string): number {
  return value.length === 24 ? (parseCanonical(value) ?? parseGeneral(value)) : parseGeneral(value);
}

const digit = (s: string, i: number): number => {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
};
const num = (s: string, from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + digit(s, i);
  return n;
};

// The `Date.prototype.toISOString` form every tracker sends, `YYYY-MM-DDTHH:MM:SS.sssZ`,
// without a regex; null hands anything else to the general parser.
function parseCanonical(v: string): number | null {
  if (
    v[4] !== '-' ||
    v[7] !== '-' ||
    v[10] !== 'T' ||
    v[13] !== ':' ||
    v[16] !== ':' ||
    v[19] !== '.' ||
    v[23] !== 'Z'
  ) {
    return null;
  }
  const [year, month, day] = [num(v, 0, 4), num(v, 5, 7), num(v, 8, 10)];
  const [hour, minute, second, ms] = [num(v, 11, 13), num(v, 14, 16), num(v, 17, 19), num(v, 20, 23)];
  if (!(year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month))) return NaN;
  if (!(hour <= 23 && minute <= 59 && second <= 59 && ms >= 0)) return NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

function parseGeneral(value: string): number {
  const m = ISO_8601.exec(value);
  if (m === null) return NaN;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return NaN;
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  const at = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (m[8] === undefined) return at;
  const [oh, om] = [Number(m[9]), Number(m[10])];
  if (oh > 23 || om > 59) return NaN;
  return at - (m[8] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
}
