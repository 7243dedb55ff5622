/**
 * Handoff's own BPMN extension elements, declared as a moddle package so that bpmn-moddle (and
 * bpmn-js, Camunda Modeler and other moddle readers given this package) read them as typed
 * elements, and tools that do not know them keep them untouched inside `extensionElements`.
 *
 * They hold everything BPMN has no place for, exactly, so that map -> BPMN -> map is the same
 * map: the original ids, kinds, owners, systems, phases, positions, colours and every edge-case
 * field. Text in these attributes is written with xml-text.ts's encodeExtensionText, so text
 * that XML cannot hold (control characters) survives too.
 *
 * The namespace is versioned: a future incompatible change gets a new URI.
 */
export const HANDOFF_BPMN_NAMESPACE = "https://handoff.dev/schema/bpmn/1";
export const HANDOFF_BPMN_PREFIX = "handoff";

const attr = (name: string, type = "String") => ({ name, type, isAttr: true });

export const HANDOFF_MODDLE_PACKAGE = {
  name: "Handoff",
  uri: HANDOFF_BPMN_NAMESPACE,
  prefix: HANDOFF_BPMN_PREFIX,
  xml: { tagAlias: "lowerCase" },
  associations: [],
  types: [
    {
      name: "Map",
      superClass: ["Element"],
      properties: [
        attr("formatVersion", "Integer"),
        attr("title"),
        attr("description"),
        attr("lastEdgeCaseNumber", "Integer"),
        // The map's health-rule settings as JSON.
        attr("lint"),
      ],
    },
    { name: "Lane", superClass: ["Element"], properties: [attr("id"), attr("name"), attr("color")] },
    { name: "Phase", superClass: ["Element"], properties: [attr("id"), attr("name"), attr("color")] },
    {
      name: "Step",
      superClass: ["Element"],
      properties: [
        attr("id"),
        attr("lane"),
        attr("phase"),
        attr("label"),
        attr("kind"),
        attr("description"),
        attr("owner"),
        attr("x", "Real"),
        attr("y", "Real"),
        { name: "systems", type: "System", isMany: true },
      ],
    },
    { name: "System", superClass: ["Element"], properties: [attr("name")] },
    {
      name: "Handoff",
      superClass: ["Element"],
      // contract: the handoff's contract fields as JSON (BPMN has no place for them).
      properties: [attr("id"), attr("from"), attr("to"), attr("label"), attr("contract")],
    },
    {
      name: "EdgeCase",
      superClass: ["Element"],
      properties: [
        attr("id"),
        attr("handoff"),
        attr("number", "Integer"),
        attr("title"),
        attr("severity"),
        attr("status"),
        attr("owner"),
        attr("mitigation"),
        attr("description"),
        attr("votes", "Integer"),
        attr("due"),
      ],
    },
    /** On an element Handoff adds only to make the BPMN valid (a split gateway): not a step. */
    { name: "Generated", superClass: ["Element"], properties: [attr("for")] },
  ],
} as const;
