/**
 * src/cache/store.ts in the browser: the compilation cache is files under the user's cache folder,
 * and a page has no folder. `pac-do resolve`'s `compileForResolve` runs here without a cache (it is
 * given none), so nothing below is reached; each export says so if it ever is.
 */
export const DEFAULT_LIMITS = { maxEntries: 0, maxBytes: 0 };

export function cacheDirectory(): string | undefined {
  return undefined;
}

export function checksum(_text: string): string {
  throw new Error("the playground keeps no compilation cache");
}

export class CacheStore {
  constructor() {
    throw new Error("the playground keeps no compilation cache");
  }
}
