/**
 * Where pac-do keeps its caches. A module of its own, without the store, so that the executable can
 * find the folder for V8's code cache (compile-cache.ts) before it loads anything else.
 */
import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";

/**
 * The folder of pac-do's caches: `$PAC_DO_CACHE_DIR`, else `$XDG_CACHE_HOME/pac-do`, else
 * `~/.cache/pac-do`. A relative `XDG_CACHE_HOME` is ignored, as the XDG Base Directory specification
 * asks; undefined when there is no home folder either.
 */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const own = env["PAC_DO_CACHE_DIR"];
  if (own) return own;
  const xdg = env["XDG_CACHE_HOME"];
  if (xdg && isAbsolute(xdg)) return join(xdg, "pac-do");
  let home: string;
  try {
    home = homedir();
  } catch {
    return undefined;
  }
  return home ? join(home, ".cache", "pac-do") : undefined;
}

