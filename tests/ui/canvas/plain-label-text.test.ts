import { describe, expect, it } from "vitest";
import { plainLabelText } from "../../../src/ui/canvas/StepNode";

describe("plainLabelText: what typing or pasting into a label keeps", () => {
  it("turns line breaks, tabs and other control characters into single spaces", () => {
    expect(plainLabelText("Form\n  fill\tcaptured\r\n")).toBe("Form fill captured ");
    expect(plainLabelText("a\u0000b\u007fc\u2028d")).toBe("a b c d");
  });

  it("keeps emoji, right-to-left text and markup-looking text as plain characters", () => {
    expect(plainLabelText("Qualify 🚀 التأهيل <b>x</b>")).toBe("Qualify 🚀 التأهيل <b>x</b>");
  });
});
