/**
 * The UTF-8 byte length of a string, without allocating an encoded copy: the
 * size limits are defined on the wire encoding, and the tracker measures every
 * event. Exact for well-formed text, which is all it is given (the output of
 * `JSON.stringify`, which escapes a lone surrogate as `\udXXX`); a lone
 * surrogate counts 2 bytes where `TextEncoder` writes 3 (U+FFFD).
 *
 * @example
 * utf8Length('né'); // → 3
 */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A surrogate pair is two UTF-16 units and four UTF-8 bytes: +1 per unit.
    if (code > 0x7f) bytes += code > 0x7ff && (code < 0xd800 || code > 0xdfff) ? 2 : 1;
  }
  return bytes;
}
