import { Option, type Command } from "commander";
import type { Register } from "../cli.js";
import type { Endpoint, EndpointRole } from "../do/types.js";
import { tableFormatOption, wantsJson, type CliIo, type TableFormat } from "./io.js";

interface EndpointsOptions {
  readonly json?: boolean;
  readonly format?: TableFormat;
  readonly role?: EndpointRole;
}

export const registerEndpoints: Register = (program: Command, io: CliIo, done: (exitCode: number) => void) => {
  program
    .command("endpoints")
    .description("List the Delivery Optimization and Connected Cache endpoints pac-do checks, with their sources.")
    .addOption(tableFormatOption())
    .option("--json", "print the catalogue as JSON")
    .addOption(new Option("--role <role>", "only endpoints of this role").choices(["service", "content", "related"]))
    .action(async (options: EndpointsOptions) => {
      // Loaded on demand: building the catalogue's tables costs more than this module, and only this command needs them up front.
      const json = wantsJson(options);
      const { CATALOGUE } = await import("../do/catalogue.js");
      const entries = CATALOGUE.filter((entry) => options.role === undefined || entry.role === options.role);
      io.stdout(json ? `${JSON.stringify(entries, null, 2)}\n` : endpointTable(entries));
      done(0);
    });
};

/** The catalogue as an aligned plain-text table, one endpoint a line. */
export function endpointTable(entries: readonly Endpoint[]): string {
  const header = ["ROLE", "PATTERN", "PORT", "SAMPLE HOSTS", "SERVICE"];
  const rows = entries.map((e) => [
    e.role,
    e.pattern,
    `${e.scheme}/${e.port}`,
    e.samples.length > 0 ? e.samples.join(", ") : "-",
    e.legacy ? `${e.service} [legacy]` : e.service,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  const service = entries.filter((e) => e.role === "service").length;
  return [
    line(header),
    ...rows.map(line),
    "",
    `${entries.length} endpoints, ${service} of them DO service hosts that must go DIRECT first. Sources: pac-do endpoints --json, docs/endpoints.md.`,
    "",
  ].join("\n");
}
