import { useState } from 'preact/hooks';

/**
 * Opens one user's page by id, for when the id is already known.
 *
 * @example
 * <FindUser />
 */
export function FindUser() {
  const [query, setQuery] = useState('');
  return (
    <form
      class="find-user"
      onSubmit={(e) => {
        e.preventDefault();
        if (query.trim() !== '') location.hash = `#/users/${encodeURIComponent(query.trim())}`;
      }}
    >
      <label for="user-id">User id</label>
      <input id="user-id" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      <button type="submit" class="secondary">
        Look up
      </button>
    </form>
  );
}
