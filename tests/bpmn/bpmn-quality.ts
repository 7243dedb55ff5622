/**
 * What other BPMN tools make of an exported file: bpmn-moddle's reading (with Handoff's package,
 * as any tool that knows it) and bpmnlint's recommended rules, as bpmn.io and Camunda run them.
 */
import { createRequire } from "node:module";
import { BpmnModdle, type ModdleElement } from "bpmn-moddle";
import { HANDOFF_MODDLE_PACKAGE } from "../../src/bpmn/handoff-moddle-package";

const require = createRequire(import.meta.url);
// bpmnlint is CommonJS without types; only Linter.lint and the node resolver are used.
const { Linter } = require("bpmnlint") as {
  Linter: new (
    options: unknown,
  ) => { lint(definitions: ModdleElement): Promise<Record<string, LintReport[]>> };
};
const NodeResolver = require("bpmnlint/lib/resolver/node-resolver") as new () => unknown;

export interface LintReport {
  id?: string;
  message: string;
  category: "error" | "warn" | "info" | "rule-error";
}

export async function readBpmn(xml: string, withPackage = true) {
  return new BpmnModdle(withPackage ? { handoff: HANDOFF_MODDLE_PACKAGE } : {}).fromXML(
    xml,
    "bpmn:Definitions",
  );
}

/** bpmnlint's recommended rules: "rule: id message" for every error (warnings are left out). */
export async function lintErrors(xml: string): Promise<string[]> {
  const { rootElement } = await readBpmn(xml);
  const linter = new Linter({ config: { extends: "bpmnlint:recommended" }, resolver: new NodeResolver() });
  const reports = await linter.lint(rootElement);
  return Object.entries(reports).flatMap(([rule, list]) =>
    list.filter((r) => r.category !== "warn").map((r) => `${rule}: ${r.id ?? ""} ${r.message}`),
  );
}
