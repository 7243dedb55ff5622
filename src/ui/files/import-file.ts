import type { MapIssue } from "../../model/map-issue";
import { type ParseResult, parseMapBytes } from "../../model/parse-map";
import { LIMITS } from "../../model/types";

/** What the import panel shows when a file (or a share link) could not be opened. */
export interface ImportProblem {
  /** The file name, or "share link". */
  source: string;
  errors: MapIssue[];
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A file whose first character (after a byte-order mark and spaces) is `<`: XML, read as BPMN. */
function looksLikeXml(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
  )
    i++;
  return bytes[i] === 0x3c;
}

/**
 * Reads a dropped or chosen file through the one pipeline: the size limit before any byte is
 * read, then parseMapBytes (UTF-8 only, JSON, format, version, shape, references), the same
 * function the CLI reads files with; or, for XML, the BPMN import `handoff import` uses
 * (loaded on first use: it brings bpmn-moddle). Never throws.
 */
export async function readImportFile(file: Blob): Promise<ParseResult> {
  if (file.size > LIMITS.fileBytes)
    return {
      ok: false,
      errors: [
        {
          path: "",
          message: `the file is ${megabytes(file.size)}, larger than the ${LIMITS.fileBytes / 1024 / 1024} MB limit for a map`,
        },
      ],
    };
  let bytes: Uint8Array;
  try {
    // Bytes, not file.text(): text() turns bytes that are not UTF-8 into U+FFFD without a word.
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    return { ok: false, errors: [{ path: "", message: `the file could not be read: ${String(error)}` }] };
  }
  if (looksLikeXml(bytes)) {
    try {
      const { importBpmnBytes } = await import("../../bpmn/import-bpmn");
      return await importBpmnBytes(bytes);
    } catch (error) {
      return {
        ok: false,
        errors: [{ path: "", message: `the BPMN reader could not be loaded: ${String(error)}` }],
      };
    }
  }
  return parseMapBytes(bytes);
}
