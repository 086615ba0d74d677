import { describe, expect, it } from 'vitest';
import { parseJson } from './parse-json.js';

describe('parseJson', () => {
  it('drops __proto__ keys at any depth', () => {
    const v = parseJson('{"a":{"__proto__":{"x":1},"b":2},"__proto__":{"y":1}}') as Record<
      string,
      Record<string, unknown>
    >;
    expect(v).toEqual({ a: { b: 2 } });
    expect(Object.keys(v.a!)).toEqual(['b']);
  });

  it('drops a __proto__ key spelt with escapes', () => {
    const v = parseJson('{"\\u005f_proto__":{"x":1},"a":1}') as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(['a']);
  });

  it('keeps everything else, constructor included', () => {
    expect(parseJson('{"constructor":{"prototype":1},"n":[1,2]}')).toEqual({
      constructor: { prototype: 1 },
      n: [1, 2],
    });
  });
});
