import { describe, expect, it } from "vitest";
import { updateMapInfo } from "../../../src/model/operations";
import { createTemplate } from "../../../src/model/templates";
import type { HandoffMap } from "../../../src/model/types";
import { storeImported } from "../../../src/ui/files/use-import";

/** Several files imported at once, with storage failing part-way through. */

const map = (title: string) => updateMapInfo(createTemplate("revops"), { title });

describe("several files imported, storage failing part-way", () => {
  it("given the third of four fails to store, then the message names the two already in the library", async () => {
    const stored: string[] = [];
    const session = {
      async addToLibrary(m: HandoffMap) {
        if (m.title === "Third")
          throw new Error("could not store “Third”: the browser's storage for this site is full");
        stored.push(m.title);
        return { id: m.title } as never;
      },
      async openNew() {
        return true;
      },
    };
    const result = await storeImported(session, [map("First"), map("Second"), map("Third"), map("Fourth")]);
    expect(stored).toEqual(["First", "Second"]);
    expect(result).toEqual({
      ok: false,
      imported: ["First", "Second"],
      message:
        "Could not import: could not store “Third”: the browser's storage for this site is full. Imported into the library before that: “First”, “Second”; the files after it were not imported.",
    });
  });

  it("given the first fails, then nothing is named as imported", async () => {
    const session = {
      async addToLibrary(): Promise<never> {
        throw new Error("could not store “First”: disk");
      },
      async openNew() {
        return true;
      },
    };
    const result = await storeImported(session, [map("First"), map("Second")]);
    expect(result).toEqual({
      ok: false,
      imported: [],
      message: "Could not import: could not store “First”: disk.",
    });
  });
});
