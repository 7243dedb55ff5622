import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createBpmnIdAllocator, isSafeBpmnId } from "../../src/bpmn/ids";
import {
  decodeExtensionText,
  encodeExtensionText,
  visibleText,
  xmlAttr,
  xmlText,
} from "../../src/bpmn/xml-text";
import { readBpmn } from "./bpmn-quality";

const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) });

describe("xml-text", () => {
  it("escapes markup and keeps newlines through attribute normalisation", () => {
    expect(xmlAttr(`a&b<c>"d'\n\r\t`)).toBe("a&amp;b&lt;c&gt;&quot;d&apos;&#10;&#13;&#9;");
    expect(xmlText("a&b<c>\nd\r")).toBe("a&amp;b&lt;c&gt;\nd&#13;");
  });

  it("turns what XML cannot hold into U+FFFD where people read it", () => {
    expect(xmlAttr("x\u0001y\uFFFE\uD800")).toBe("x\uFFFDy\uFFFD\uFFFD");
    expect(visibleText("ok \uD83D\uDE80 \u0000")).toBe("ok \uD83D\uDE80 \uFFFD");
  });

  it("extension text survives any UTF-16 string exactly (property)", () => {
    fc.assert(fc.property(anyUnits, (text) => decodeExtensionText(encodeExtensionText(text)) === text));
  });

  it("an attribute of any text is read back by bpmn-moddle as its visible text (property)", async () => {
    await fc.assert(
      fc.asyncProperty(anyUnits, async (text) => {
        const xml = `<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x" name="${xmlAttr(text)}"/>`;
        const { rootElement, warnings } = await readBpmn(xml);
        expect(warnings).toEqual([]);
        expect(rootElement.name ?? "").toBe(visibleText(text));
      }),
      { numRuns: 200 },
    );
  });
});

describe("BPMN ids", () => {
  it("are XML names, unique, and readable", () => {
    const ids = createBpmnIdAllocator();
    expect(ids.next("Activity", "discovery")).toBe("Activity_discovery");
    expect(ids.next("Activity", "a b")).toBe("Activity_a_b");
    expect(ids.next("Activity", "a_b")).toBe("Activity_a_b_2");
    expect(ids.next("Lane", "__proto__")).toBe("Lane___proto__");
  });

  it("any Handoff id gives a safe, fresh BPMN id (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 200 }), { maxLength: 30 }), (handoffIds) => {
        const ids = createBpmnIdAllocator();
        const made = handoffIds.map((id) => ids.next("Flow", id));
        expect(made.every(isSafeBpmnId)).toBe(true);
        expect(new Set(made).size).toBe(made.length);
      }),
    );
  });
});
