import { PulseError } from '../errors.js';

const VERSION_TAG = /^(?:W\/)?"?(\d{1,9})"?$/;

/**
 * The ETag of the admin config at `version`: the version number, quoted.
 *
 * @example
 * versionEtag(12); // → '"12"'
 */
export function versionEtag(version: number): string {
  return `"${version}"`;
}

/**
 * The config version an `If-Match` header names (`"12"`, or `12`), or
 * undefined when it is absent or `*` (a write then applies to whatever version
 * is current). Anything else is a 400 naming the header.
 *
 * @example
 * ifMatchVersion('"12"'); // → 12
 */
export function ifMatchVersion(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = (Array.isArray(header) ? header.join(',') : header).trim();
  if (value === '*' || value === '') return undefined;
  const match = VERSION_TAG.exec(value);
  if (match === null) {
    throw new PulseError('invalid', 'If-Match: must be the ETag of GET /v1/admin/config (a version, e.g. "12")');
  }
  return Number(match[1]);
}
