import { render } from 'preact';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createApi } from '../../api.js';
import { BASE, installAdminApi, KEY, until, USERS } from '../../../test/mock-admin-api.js';
import { UsersPage } from './users-page.js';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  location.hash = '';
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.unstubAllGlobals();
});

const text = (selector: string) => root.querySelector(selector)?.textContent ?? '';
const rows = () => [...root.querySelectorAll('[data-testid="users-table"] tbody tr')];

it('shows the total, a page of rows, and pages on with the cursor', async () => {
  const { seen } = installAdminApi();
  render(<UsersPage api={createApi(BASE, KEY)} query="" />, root);
  await until(() => rows().length > 0);
  expect(text('[data-testid="users-total"]')).toBe('120 users');
  expect(rows()).toHaveLength(50);
  expect(rows()[0]!.getAttribute('data-user')).toBe('u0');
  expect(text('.pager')).toContain('Page 1 of 3');
  (root.querySelector('.pager button:last-child') as HTMLButtonElement).click();
  await until(() => rows()[0]?.getAttribute('data-user') === 'u50');
  expect(
    seen
      .filter((s) => s.url.pathname === '/v1/admin/users')
      .at(-1)!
      .url.searchParams.get('cursor'),
  ).toBe('50');
  expect(text('.pager')).toContain('Page 2 of 3');
});

it('puts the filter and sort in the address and the API call', async () => {
  const { seen } = installAdminApi();
  render(<UsersPage api={createApi(BASE, KEY)} query="band=high&sort=scoreChange7d&order=asc" />, root);
  await until(() => rows().length > 0);
  const call = seen.find((s) => s.url.pathname === '/v1/admin/users')!.url.searchParams;
  expect(Object.fromEntries(call)).toEqual({ band: 'high', sort: 'scoreChange7d', order: 'asc', limit: '50' });
  expect(text('[data-testid="users-total"]')).toBe(`${USERS.filter((u) => u.band === 'high').length} users`);
  expect(text('.result-head p')).toBe('Who in the High band.');
  const score = [...root.querySelectorAll('th button')].find((b) => b.textContent?.startsWith('Score'))!;
  (score as HTMLButtonElement).click();
  expect(location.hash).toBe('#/users?band=high&sort=score&order=desc');
});

it('saves the filter as a segment under a name and lists it in the picker', async () => {
  const { seen, segments } = installAdminApi();
  render(<UsersPage api={createApi(BASE, KEY)} query="band=high&trait.plan=trial" />, root);
  await until(() => rows().length > 0);
  const name = root.querySelector('#segment-name') as HTMLInputElement;
  expect(name.value).toBe('plan is trial, in the High band');
  name.value = 'Trial champions';
  name.dispatchEvent(new Event('input', { bubbles: true }));
  await until(() => name.value === 'Trial champions');
  (root.querySelector('.save-segment button') as HTMLButtonElement).click();
  await until(() => text('.save-segment [role="status"]') === 'Saved as “Trial champions”.');
  const put = seen.find((s) => s.method === 'PUT')!;
  expect(put.url.pathname).toBe('/v1/admin/segments/trial-champions');
  expect(put.body).toEqual({ name: 'Trial champions', filter: { band: 'high', 'trait.plan': 'trial' } });
  expect(segments.get('trial-champions')?.name).toBe('Trial champions');
  await until(() =>
    [...root.querySelectorAll('#segment-pick option')].some((o) => o.textContent === 'Trial champions'),
  );
  expect((root.querySelector('#segment-pick') as HTMLSelectElement).value).toBe('trial-champions');
});

it('exports the whole filtered set from the CSV endpoint, not the page on screen', async () => {
  const { seen } = installAdminApi();
  render(<UsersPage api={createApi(BASE, KEY)} query="band=high" />, root);
  await until(() => rows().length > 0);
  const button = [...root.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Export'))!;
  expect(button.textContent).toBe(`Export all ${USERS.filter((u) => u.band === 'high').length} as CSV`);
  button.click();
  await until(() => seen.some((s) => s.url.pathname === '/v1/admin/users.csv'));
  const csv = seen.find((s) => s.url.pathname === '/v1/admin/users.csv')!.url.searchParams;
  expect(csv.get('band')).toBe('high');
  expect(csv.has('limit') || csv.has('cursor')).toBe(false);
});

it('says so when nothing matches, instead of an empty table', async () => {
  installAdminApi();
  render(<UsersPage api={createApi(BASE, KEY)} query="band=low" />, root);
  await until(() => text('[data-testid="users-total"]') !== '');
  expect(text('[data-testid="users-total"]')).toBe('0 users');
  expect(root.querySelector('[data-testid="users-table"]')).toBeNull();
  expect(text('.empty')).toContain('No user matches');
});

it('asks before replacing a segment of the same name that has other conditions', async () => {
  const { seen, segments } = installAdminApi();
  segments.set('at-risk', { id: 'at-risk', name: 'At risk', filter: { band: 'low' } });
  render(<UsersPage api={createApi(BASE, KEY)} query="band=high" />, root);
  await until(() => rows().length > 0 && root.querySelectorAll('#segment-pick option').length === 2);
  const name = root.querySelector('#segment-name') as HTMLInputElement;
  name.value = 'At risk';
  name.dispatchEvent(new Event('input', { bubbles: true }));
  await until(() => name.value === 'At risk');
  (root.querySelector('.save-segment button') as HTMLButtonElement).click();
  await until(() => text('.save-segment [role="status"]').includes('already exists'));
  expect(seen.some((s) => s.method === 'PUT')).toBe(false);
  await until(() => text('.save-segment button') === 'Replace “At risk”');
  (root.querySelector('.save-segment button') as HTMLButtonElement).click();
  await until(() => seen.some((s) => s.method === 'PUT'));
  // The request is seen before the handler stores it: wait for the stored segment.
  await expect.poll(() => segments.get('at-risk')?.filter).toEqual({ band: 'high' });
});
