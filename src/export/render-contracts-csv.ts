import type { HandoffMap } from "../model/types";
import { CONTRACT_COLUMNS, contractTableRows } from "./contract-table";
import { CSV_BOM, csvField } from "./render-csv";

/**
 * The "Handoff contracts" table as CSV, with the register CSV's safety (BOM, CRLF, every field
 * quoted, formulas neutralized): one row per cross-lane or contracted handoff.
 */
export function renderContractsCsv(map: HandoffMap): string {
  const lines = [CONTRACT_COLUMNS.map(csvField).join(",")];
  for (const row of contractTableRows(map)) lines.push(row.map(csvField).join(","));
  return `${CSV_BOM}${lines.join("\r\n")}\r\n`;
}
