import path from "node:path";
import { parseArgs } from "node:util";
import { createTemplate, TEMPLATE_IDS, type TemplateId } from "../model/templates";
import { type CliIo, complain, UsageError, usageParse } from "./io";
import { OutputError, writeOutput } from "./write-output";

export const NEW_USAGE = `Usage: handoff new [--template revops|blank] [-o FILE] [--force]

Writes a new map from a template: to FILE, or to stdout without -o.

Options:
  -t, --template NAME   revops (default): the RevOps customer lifecycle; blank: two empty lanes
  -o, --output FILE     where to write the map (replaced atomically, keeping its mode; see
                        handoff export --help for links, devices and read-only files)
      --force           replace FILE even if it is read-only
  -h, --help            show this help`;

export async function runNew(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = usageParse(() => parse(args), "new: ");
  if (values.help) {
    io.stdout(`${NEW_USAGE}\n`);
    return 0;
  }
  if (positionals.length > 0)
    throw new UsageError(`new: unexpected argument ${JSON.stringify(positionals[0])}`);
  const template = values.template ?? "revops";
  if (!(TEMPLATE_IDS as readonly string[]).includes(template))
    throw new UsageError(
      `new: unknown template ${JSON.stringify(template)}; choose ${TEMPLATE_IDS.join(" or ")}`,
    );
  const text = `${JSON.stringify(createTemplate(template as TemplateId), null, 2)}\n`;
  if (values.output === undefined) {
    io.stdout(text);
    return 0;
  }
  try {
    await writeOutput(path.resolve(io.cwd, values.output), values.output, Buffer.from(text, "utf8"), {
      force: values.force === true,
    });
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    complain(io, `handoff new: ${error.message}`);
    return 1;
  }
  complain(io, `wrote ${values.output} (template ${template})`);
  return 0;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    options: {
      template: { type: "string", short: "t" },
      output: { type: "string", short: "o" },
      force: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
    strict: true,
  });
}
