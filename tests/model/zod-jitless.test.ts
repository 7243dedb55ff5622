import { afterEach, describe, expect, it } from "vitest";

const RealFunction = globalThis.Function;

afterEach(() => {
  globalThis.Function = RealFunction;
});

describe("zod without generated code", () => {
  it("builds every schema and parses a map without constructing a single Function", async () => {
    let made = 0;
    globalThis.Function = new Proxy(RealFunction, {
      construct(target, args) {
        made++;
        return Reflect.construct(target, args);
      },
      apply(target, self, args) {
        made++;
        return Reflect.apply(target, self, args);
      },
    });
    // Imported only now, so that building the schemas is counted too (zod probes new Function("")
    // and compiles per object schema unless jitless is set before the first schema is made).
    const { parseMap } = await import("../../src/model/parse-map");
    const { copyFragment, parseFragment, serializeFragment } = await import("../../src/model/clipboard");
    const { createRevOpsTemplate } = await import("../../src/model/templates");
    const template = createRevOpsTemplate();
    const result = parseMap(JSON.parse(JSON.stringify(template)));
    expect(result.ok).toBe(true);
    // A paste is parsed by the clipboard's own schema.
    const fragment = copyFragment(template, [template.steps[0]?.id ?? ""]);
    expect(fragment).not.toBeNull();
    expect(parseFragment(serializeFragment(fragment as NonNullable<typeof fragment>))).not.toBeNull();
    expect(made).toBe(0);
  });
});
