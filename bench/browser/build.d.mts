// Types for build.mjs, so the end-to-end tests (TypeScript) can import it.
export declare const DIST: string;

export interface BuiltSdk {
  dir: string;
  files?: { path: string; bytes: number }[];
  error?: string;
}

export declare function buildSdk(sdk: { id: string }, options?: { entry?: string; dir?: string }): Promise<BuiltSdk>;
