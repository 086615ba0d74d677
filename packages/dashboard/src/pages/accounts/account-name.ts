/**
 * An account's display name: its `name` trait (from `group()` calls) or its id.
 *
 * @example
 * accountName({ accountId: 'acme', traits: { name: 'Acme Inc.' } }); // 'Acme Inc.'
 */
export function accountName(a: { accountId: string; traits: Record<string, unknown> }): string {
  return typeof a.traits.name === 'string' && a.traits.name !== '' ? a.traits.name : a.accountId;
}
