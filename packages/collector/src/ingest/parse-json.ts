/**
 * Parses JSON text without letting a `__proto__` key through: bodies that could
 * hold one (the literal, or any `\u` escape that might spell it) go through a
 * reviver that drops it; everything else takes the fast path.
 *
 * @example
 * parseJson('{"__proto__":{"x":1},"a":1}'); // → { a: 1 }
 */
export function parseJson(text: string): unknown {
  if (text.includes('__proto__') || text.includes('\\u')) {
    return JSON.parse(text, (key, value: unknown) => (key === '__proto__' ? undefined : value));
  }
  return JSON.parse(text);
}
