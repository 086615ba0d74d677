import { afterEach, describe, expect, it } from 'vitest';
import { createFakeTracker } from '../test/fake-tracker.js';
import { configWith } from '../test/fixtures.js';
import { mount, part, settle, shadow } from '../test/mount.js';

afterEach(() => document.body.replaceChildren());

const items = (el: Element): { title: string; done: boolean }[] =>
  [...shadow(el).querySelectorAll('[part~=item]')].map((li) => ({
    title: li.querySelector('[part~=item-title], [part~=item-link]')?.textContent ?? '',
    done: li.getAttribute('part')?.includes('item-done') ?? false,
  }));

describe('<pulse-checklist>', () => {
  it('lists every milestone, none done, with an empty progress bar', async () => {
    const el = await mount('pulse-checklist', createFakeTracker(configWith()));
    expect(items(el)).toEqual([
      { title: 'Create your first project', done: false },
      { title: 'Invite a teammate', done: false },
      { title: 'View a report', done: false },
    ]);
    expect(part(el, 'progress')?.getAttribute('aria-valuenow')).toBe('0');
    expect(part(el, 'progress-label')?.textContent).toBe('0 of 3 done');
  });

  it('ticks a step as soon as the user does the action', async () => {
    const tracker = createFakeTracker(configWith());
    const el = await mount('pulse-checklist', tracker);
    tracker.track('Project Created');
    await settle(el);
    expect(items(el)[0]).toEqual({ title: 'Create your first project', done: true });
    expect(part(el, 'progress')?.getAttribute('aria-valuenow')).toBe('1');
    expect(part(el, 'progress-value')?.getAttribute('width')).toBe(String(100 / 3));
  });

  it('links a step to where it is done only while not done', async () => {
    const tracker = createFakeTracker(configWith());
    const el = await mount('pulse-checklist', tracker);
    expect(shadow(el).querySelector('a')?.getAttribute('href')).toBe('/projects/new');
    tracker.track('Project Created');
    await settle(el);
    expect([...shadow(el).querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['/invite']);
  });

  it('never links a step to a javascript: href', async () => {
    const el = await mount('pulse-checklist', createFakeTracker(configWith()));
    const report = [...shadow(el).querySelectorAll('li')][2];
    expect(report?.querySelector('a')).toBeNull();
    expect(report?.textContent).toContain('View a report');
  });

  it('tells screen readers whether each step is done', async () => {
    const tracker = createFakeTracker(configWith());
    tracker.track('Teammate Invited');
    const el = await mount('pulse-checklist', tracker);
    const hidden = [...shadow(el).querySelectorAll('li .sr')].map((s) => s.textContent);
    expect(hidden).toEqual(['(not done yet)', '(done)', '(not done yet)']);
  });

  it('collapses behind a toggle once every step is done', async () => {
    const tracker = createFakeTracker(configWith());
    const el = await mount('pulse-checklist', tracker);
    for (const event of ['Project Created', 'Teammate Invited', 'Report Viewed']) tracker.track(event);
    await settle(el);
    expect(part(el, 'complete')?.textContent).toContain('All done, nice work!');
    expect(part(el, 'list')).toBeNull();
    const toggle = part(el, 'toggle') as HTMLButtonElement;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await settle(el);
    expect(items(el).every((i) => i.done)).toBe(true);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
  });

  it('celebrates when the last step is done in front of the user', async () => {
    const tracker = createFakeTracker(configWith());
    tracker.track('Project Created');
    tracker.track('Teammate Invited');
    const el = await mount('pulse-checklist', tracker);
    tracker.track('Report Viewed');
    await settle(el);
    expect(part(el, 'celebration')).not.toBeNull();
  });

  it('does not celebrate a checklist that was complete before it appeared', async () => {
    const tracker = createFakeTracker(configWith());
    for (const event of ['Project Created', 'Teammate Invited', 'Report Viewed']) tracker.track(event);
    const el = await mount('pulse-checklist', tracker);
    expect(part(el, 'complete')).not.toBeNull();
    expect(part(el, 'celebration')).toBeNull();
  });

  it('keeps its box when the provisional state is confirmed as authoritative', async () => {
    const tracker = createFakeTracker(configWith());
    tracker.track('Project Created');
    const el = await mount('pulse-checklist', tracker);
    const before = el.getBoundingClientRect().toJSON();
    tracker.confirm();
    await settle(el);
    expect(el.getBoundingClientRect().toJSON()).toEqual(before);
  });

  it('shows every string from .strings when given', async () => {
    const el = await mount('pulse-checklist', createFakeTracker(configWith()));
    (el as unknown as { strings: object }).strings = {
      checklistTitle: 'Erste Schritte',
      progress: '{done} von {total}',
    };
    await settle(el);
    expect(part(el, 'title')?.textContent).toBe('Erste Schritte');
    expect(part(el, 'progress-label')?.textContent).toBe('0 von 3');
  });

  it('renders an empty, busy checklist without a tracker', async () => {
    const el = await mount('pulse-checklist', null);
    expect(part(el, 'checklist')?.getAttribute('aria-busy')).toBe('true');
    expect(items(el)).toEqual([]);
  });
});
