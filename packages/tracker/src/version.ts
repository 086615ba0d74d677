/**
 * The `context.library` of every event and drop report.
 *
 * @example
 * LIBRARY.version; // → '0.1.0'
 */
export const LIBRARY = { name: '@pulse/tracker', version: '0.1.0' } as const;
