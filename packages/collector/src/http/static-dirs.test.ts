import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultStaticDirs, packageDir } from './static-dirs.js';

describe('defaultStaticDirs', () => {
  it('points at the dist folders of the packages the collector depends on (the sibling packages here)', () => {
    const packages = fileURLToPath(new URL('../../../', import.meta.url));
    expect(defaultStaticDirs()).toEqual({
      sdk: [join(packages, 'widget', 'dist'), join(packages, 'tracker', 'dist')],
      dashboard: join(packages, 'dashboard', 'dist'),
    });
  });

  it('finds packages as Node does, and names one that is not installed', () => {
    expect(packageDir('fastify')).toMatch(/node_modules[/\\]fastify$/);
    expect(() => packageDir('@pulse/no-such-package')).toThrow(
      '@pulse/no-such-package is not installed: it is a dependency of @pulse/collector (run npm install)',
    );
  });
});
