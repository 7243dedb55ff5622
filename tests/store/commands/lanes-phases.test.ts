import { describe, expect, it } from "vitest";
import { lane, map, step } from "../../fixtures/model-maps";
import { doUndoRedo, refused, sampleMap, stepOf } from "./command-harness";

describe("the map's own fields", () => {
  it("setMapField: the title and description are typed in", () => {
    doUndoRedo(sampleMap(), { type: "setMapField", field: "title", value: "Lead to cash" }, (after) => {
      expect(after.title).toBe("Lead to cash");
    });
    doUndoRedo(sampleMap(), { type: "setMapField", field: "description", value: "Q3 workshop" }, (after) => {
      expect(after.description).toBe("Q3 workshop");
    });
    refused(sampleMap(), { type: "setMapField", field: "title", value: "  " }, "Title must not be blank");
  });
});

describe("lanes", () => {
  it("addLane: at an index, with the id it carries", () => {
    doUndoRedo(sampleMap(), { type: "addLane", id: "l-finance00001", name: "Finance", index: 1 }, (after) => {
      expect(after.lanes.map((l) => l.id)).toEqual(["sales", "l-finance00001", "ops"]);
      expect(after.lanes[1]).toEqual({ id: "l-finance00001", name: "Finance" });
    });
  });

  it("addLane: without an id, dispatch gives a random one and returns it", () => {
    const { result, after } = doUndoRedo(sampleMap(), { type: "addLane", name: "Finance" }, () => {});
    expect(result.command.id).toMatch(/^l-[0-9a-z]{12}$/);
    expect(after.lanes.at(-1)?.id).toBe(result.command.id);
  });

  it("renameLane: a new name from the header", () => {
    doUndoRedo(sampleMap(), { type: "renameLane", lane: "sales", name: "Field sales" }, (after) => {
      expect(after.lanes[0]).toEqual({ id: "sales", name: "Field sales" });
    });
    refused(sampleMap(), { type: "renameLane", lane: "sales", name: "" }, "Lane name must not be blank");
    refused(sampleMap(), { type: "renameLane", lane: "nope", name: "X" }, 'no lane with id "nope"');
  });

  it("setLaneColor: a color from the menu, and back to the theme's", () => {
    doUndoRedo(sampleMap(), { type: "setLaneColor", lane: "sales", color: "#fef3c7" }, (after) => {
      expect(after.lanes[0]?.color).toBe("#fef3c7");
    });
    doUndoRedo(sampleMap(), { type: "setLaneColor", lane: "ops", color: null }, (after) => {
      expect(after.lanes[1]).toEqual({ id: "ops", name: "Ops" });
    });
    refused(
      sampleMap(),
      { type: "setLaneColor", lane: "ops", color: "red" },
      /color must be a hex color.*"red"/,
    );
  });

  it("setLaneField: the inspector's name and color fields", () => {
    doUndoRedo(
      sampleMap(),
      { type: "setLaneField", lane: "ops", field: "name", value: "Operations" },
      (after) => {
        expect(after.lanes[1]?.name).toBe("Operations");
      },
    );
    doUndoRedo(sampleMap(), { type: "setLaneField", lane: "ops", field: "color", value: "#abc" }, (after) => {
      expect(after.lanes[1]?.color).toBe("#abc");
    });
  });

  it("moveLane: one place down, clamped at the end", () => {
    doUndoRedo(sampleMap(), { type: "moveLane", lane: "sales", delta: 1 }, (after) => {
      expect(after.lanes.map((l) => l.id)).toEqual(["ops", "sales"]);
    });
  });

  it("removeLane: an empty lane goes; a lane with steps needs a lane to take them", () => {
    const withEmpty = { ...sampleMap(), lanes: [...sampleMap().lanes, lane("legal")] };
    doUndoRedo(withEmpty, { type: "removeLane", lane: "legal" }, (after) => {
      expect(after.lanes.map((l) => l.id)).toEqual(["sales", "ops"]);
    });
    doUndoRedo(sampleMap(), { type: "removeLane", lane: "ops", moveStepsTo: "sales" }, (after) => {
      expect(after.lanes.map((l) => l.id)).toEqual(["sales"]);
      expect(stepOf(after, "provision")?.lane).toBe("sales");
    });
    refused(sampleMap(), { type: "removeLane", lane: "ops" }, /still holds 1 step/);
  });
});

describe("phases", () => {
  it("addPhase: the steps drawn under its new column join it", () => {
    const unphased = map({ steps: [step("s1", "a", { position: { x: 0, y: 0 } }), step("s2", "b")] });
    doUndoRedo(unphased, { type: "addPhase", id: "p-discovery001", name: "Discovery" }, (after) => {
      expect(after.phases).toEqual([{ id: "p-discovery001", name: "Discovery" }]);
      // On a map without phases the one column spans every step.
      expect(after.steps.map((s) => s.phase)).toEqual(["p-discovery001", "p-discovery001"]);
    });
  });

  it("addPhase: at an index, with a random id when it carries none", () => {
    const { result, after } = doUndoRedo(
      sampleMap(),
      { type: "addPhase", name: "Kickoff", index: 0 },
      () => {},
    );
    expect(result.command.id).toMatch(/^p-[0-9a-z]{12}$/);
    expect(after.phases[0]?.id).toBe(result.command.id);
  });

  it("renamePhase, setPhaseColor, setPhaseField", () => {
    doUndoRedo(sampleMap(), { type: "renamePhase", phase: "plan", name: "Qualify" }, (after) => {
      expect(after.phases[0]?.name).toBe("Qualify");
    });
    doUndoRedo(sampleMap(), { type: "setPhaseColor", phase: "plan", color: "#dcfce7" }, (after) => {
      expect(after.phases[0]?.color).toBe("#dcfce7");
    });
    doUndoRedo(
      sampleMap(),
      { type: "setPhaseField", phase: "close", field: "name", value: "Won" },
      (after) => {
        expect(after.phases[1]?.name).toBe("Won");
      },
    );
    doUndoRedo(
      sampleMap(),
      { type: "setPhaseField", phase: "close", field: "color", value: "#000" },
      (after) => {
        expect(after.phases[1]?.color).toBe("#000");
      },
    );
    refused(sampleMap(), { type: "renamePhase", phase: "plan", name: " " }, "Phase name must not be blank");
  });

  it("movePhase: one place left", () => {
    doUndoRedo(sampleMap(), { type: "movePhase", phase: "close", delta: -1 }, (after) => {
      expect(after.phases.map((p) => p.id)).toEqual(["close", "plan"]);
    });
  });

  it("removePhase: its steps keep their lanes and have no phase", () => {
    doUndoRedo(sampleMap(), { type: "removePhase", phase: "close" }, (after) => {
      expect(after.phases.map((p) => p.id)).toEqual(["plan"]);
      expect(stepOf(after, "quote")?.phase).toBeUndefined();
      expect(stepOf(after, "quote")?.lane).toBe("sales");
    });
  });
});
