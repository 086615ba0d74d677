/**
 * True for hrefs a nudge may navigate to: `http:`/`https:` URLs and relative
 * URLs. Everything else (`javascript:`, `data:`, `vbscript:`, …) is refused, also
 * when disguised with case, whitespace or control characters.
 *
 * @example
 * isSafeHref('/invite'); // → true
 * isSafeHref(' JavaScript:alert(1)'); // → false
 */
export function isSafeHref(href: string): boolean {
  // eslint-disable-next-line no-control-regex -- browsers strip these before parsing a scheme
  const cleaned = href.replace(/[\u0000-\u0020\u007f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned);
  if (scheme === null) return true;
  const name = (scheme[1] as string).toLowerCase();
  return name === 'http' || name === 'https';
}
