import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultStaticDirs } from './static-dirs.js';

describe('defaultStaticDirs', () => {
  it("points at the sibling packages' dist folders", () => {
    const packages = fileURLToPath(new URL('../../../', import.meta.url));
    expect(defaultStaticDirs()).toEqual({
      sdk: [join(packages, 'widget', 'dist'), join(packages, 'tracker', 'dist')],
      dashboard: join(packages, 'dashboard', 'dist'),
    });
  });
});
