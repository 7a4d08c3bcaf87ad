import type { ProfileName } from "../evaluate/types.js";
import type { RuleSetting } from "../lint/define-rule.js";

/** What a config file (`pac-do.config.json`, or the `"pac-do"` key of package.json) may set. */
export interface PacDoConfig {
  readonly profile?: ProfileName;
  readonly rules: Readonly<Record<string, RuleSetting>>;
}

export interface LoadedConfig {
  readonly config: PacDoConfig;
  /** Where it came from; undefined when no config file was found. */
  readonly path: string | undefined;
}

/** A config file or a `--rule` value is wrong; the message is one line for the user. */
export class ConfigError extends Error {}

export const CONFIG_FILE = "pac-do.config.json";
export const PROFILES: readonly ProfileName[] = ["winhttp", "chromium", "node"];

const SETTINGS: Readonly<Record<string, RuleSetting>> = { off: "off", info: "info", warn: "warning", warning: "warning", error: "error" };

export interface ConfigReader {
  readFile(path: string): Promise<Uint8Array>;
}

/**
 * Finds and reads the configuration: `explicitPath` when given (it must exist), else
 * `pac-do.config.json` in the working directory, else the `"pac-do"` key of package.json.
 */
export async function loadConfig(reader: ConfigReader, knownRules: ReadonlySet<string>, explicitPath?: string): Promise<LoadedConfig> {
  if (explicitPath !== undefined) {
    const text = await readText(reader, explicitPath);
    if (text === undefined) throw new ConfigError(`${explicitPath}: no such config file`);
    return { config: parseConfig(parseJson(text, explicitPath), explicitPath, knownRules), path: explicitPath };
  }
  const own = await readText(reader, CONFIG_FILE);
  if (own !== undefined) return { config: parseConfig(parseJson(own, CONFIG_FILE), CONFIG_FILE, knownRules), path: CONFIG_FILE };
  const pkg = await readText(reader, "package.json");
  if (pkg !== undefined) {
    let manifest: unknown;
    try {
      manifest = JSON.parse(pkg);
    } catch {
      // A broken package.json belongs to another tool; pac-do only looks for its own key in it.
      return { config: { rules: {} }, path: undefined };
    }
    if (isRecord(manifest) && manifest["pac-do"] !== undefined) {
      return { config: parseConfig(manifest["pac-do"], 'package.json "pac-do"', knownRules), path: "package.json" };
    }
  }
  return { config: { rules: {} }, path: undefined };
}

/** Validates a parsed config object; `where` names it in error messages. */
export function parseConfig(value: unknown, where: string, knownRules: ReadonlySet<string>): PacDoConfig {
  if (!isRecord(value)) throw new ConfigError(`${where}: expected an object like { "profile": "winhttp", "rules": { "rule-id": "off" } }`);
  for (const key of Object.keys(value)) {
    if (key !== "profile" && key !== "rules" && key !== "$schema") throw new ConfigError(`${where}: unknown key "${key}" (expected "profile" or "rules")`);
  }
  const profile = value["profile"];
  if (profile !== undefined && !isProfile(profile)) {
    throw new ConfigError(`${where}: profile must be one of ${PROFILES.join(", ")}, not ${JSON.stringify(profile)}`);
  }
  const rules: Record<string, RuleSetting> = Object.create(null) as Record<string, RuleSetting>;
  const rawRules = value["rules"] ?? {};
  if (!isRecord(rawRules)) throw new ConfigError(`${where}: "rules" must be an object of rule id to off|info|warn|error`);
  for (const [id, setting] of Object.entries(rawRules)) {
    rules[checkRuleId(id, knownRules, where)] = parseSetting(setting, `${where}: rule "${id}"`);
  }
  return profile === undefined ? { rules } : { profile, rules };
}

/** Parses one `--rule id=level` option. */
export function parseRuleOption(option: string, knownRules: ReadonlySet<string>): [string, RuleSetting] {
  const match = /^([^=]+)=(.*)$/.exec(option);
  if (!match) throw new ConfigError(`--rule ${option}: expected id=off|info|warn|error`);
  const id = checkRuleId((match[1] ?? "").trim(), knownRules, "--rule");
  return [id, parseSetting((match[2] ?? "").trim(), `--rule ${option}`)];
}

export function isProfile(value: unknown): value is ProfileName {
  return typeof value === "string" && PROFILES.some((profile) => profile === value);
}

function parseSetting(value: unknown, where: string): RuleSetting {
  // hasOwn: a setting named "constructor" or "toString" must not find Object.prototype's member.
  const setting = typeof value === "string" && Object.hasOwn(SETTINGS, value) ? SETTINGS[value] : undefined;
  if (setting === undefined) throw new ConfigError(`${where}: expected off, info, warn or error, not ${JSON.stringify(value)}`);
  return setting;
}

function checkRuleId(id: string, knownRules: ReadonlySet<string>, where: string): string {
  if (knownRules.has(id)) return id;
  const near = [...knownRules].find((known) => known.includes(id) || id.includes(known));
  throw new ConfigError(`${where}: unknown rule "${id}"${near ? ` (did you mean "${near}"?)` : ""}`);
}

async function readText(reader: ConfigReader, path: string): Promise<string | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await reader.readFile(path);
  } catch (error) {
    if (isRecord(error) && error["code"] === "ENOENT") return undefined;
    throw new ConfigError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return new TextDecoder().decode(bytes);
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${where}: invalid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
