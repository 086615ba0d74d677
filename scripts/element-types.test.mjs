// The element typings as customers meet them: `HTMLElementTagNameMap` and the typed
// `pulse-nudge-close` in DOM code, `@pulse/widget/react` in React 19 JSX and
// `@pulse/widget/vue` in Vue templates, over the fixtures in test/types. vue-tsc checks
// the .ts and .tsx fixtures exactly as tsc does, and the .vue one too. The fixtures'
// `@ts-expect-error` / `@vue-expect-error` lines make a typing that goes missing (or turns
// into `any`) fail as surely as one that breaks.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './workspaces.mjs';

test('the element typings type-check in DOM code, React JSX and Vue templates', () => {
  try {
    execFileSync(join(ROOT, 'node_modules/.bin/vue-tsc'), ['-p', 'test/types'], { cwd: ROOT, encoding: 'utf8' });
  } catch (error) {
    throw new Error(`vue-tsc -p test/types failed:\n${error.stdout}${error.stderr}`);
  }
});
