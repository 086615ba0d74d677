import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeTracker } from '../test/fake-tracker.js';
import { configWith, nudge, social } from '../test/fixtures.js';
import { mount, part, settle, shadow, type Mounted } from '../test/mount.js';

afterEach(() => {
  document.body.replaceChildren();
  document.documentElement.removeAttribute('dir');
});

/** A page with every element showing something: a banner, a toast, a tooltip, a checklist and the open widget. */
async function page(theme: 'light' | 'dark'): Promise<Mounted[]> {
  const tracker = createFakeTracker(
    configWith(
      nudge('banner', 'banner', social),
      nudge('toast', 'toast', {
        title: 'Try reports',
        body: 'See how your week went.',
        cta: { label: 'Open', event: 'Report Opened' },
      }),
      nudge('tip', 'tooltip', { title: 'Invite here' }, { anchor: '#invite' }),
      nudge('inline', 'inline', { title: 'Import your data', cta: { label: 'Import', href: '/import' } }),
    ),
  );
  tracker.track('Project Created');
  document.body.innerHTML = `<header><h1>Projects</h1></header><main><button id="invite">Invite</button></main>`;
  const main = document.querySelector('main') as HTMLElement;
  const header = document.querySelector('header') as HTMLElement;
  const elements = [
    await mount('pulse-nudge', tracker, { placement: 'banner', theme }, header),
    await mount('pulse-checklist', tracker, { theme }, main),
    await mount('pulse-nudge', tracker, { placement: 'tooltip', theme }, main),
    await mount('pulse-nudge', tracker, { placement: 'toast', theme }, main),
    await mount('pulse-widget', tracker, { theme }, main),
  ];
  part(elements[4] as Mounted, 'launcher')?.click();
  await settle(...elements);
  const inPanel = shadow(elements[4] as Mounted).querySelector('pulse-nudge') as Mounted;
  await settle(inPanel);
  expect(part(inPanel, 'nudge')).not.toBeNull();
  return elements;
}

async function violations(): Promise<string[]> {
  // Wait out entry transitions: axe measures colour contrast on what is painted.
  await new Promise((resolve) => setTimeout(resolve, 400));
  const result = await axe.run(document);
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility (axe-core)', () => {
  it('has no violations in the light theme', async () => {
    await page('light');
    expect(await violations()).toEqual([]);
  });

  it('has no violations in the dark theme', async () => {
    await page('dark');
    expect(await violations()).toEqual([]);
  });

  it('has no violations right to left', async () => {
    document.documentElement.dir = 'rtl';
    await page('light');
    expect(await violations()).toEqual([]);
  });
});
