import { describe, expect, it } from "vitest";
import { createIdSource, ID_PREFIX, randomId, seededRandomBytes } from "../../../src/model/ids";
import { coalesceKeyOf, historyOf } from "../../../src/store/commands/command-history";
import { cryptoIdSource } from "../../../src/store/commands/id-source";
import { doUndoRedo, givenStore, sampleMap, stepOf } from "./command-harness";

describe("layout commands", () => {
  it("applyAutoLayout: positions for every step and phases for the unphased, one undo entry", () => {
    const given = {
      ...sampleMap(),
      steps: sampleMap().steps.map((s) => (s.id === "quote" ? { ...s, phase: undefined } : s)),
    };
    delete given.steps[1]?.phase;
    doUndoRedo(
      given,
      {
        type: "applyAutoLayout",
        positions: [
          { step: "qualify", position: { x: 0, y: 10 } },
          { step: "quote", position: { x: 300, y: 10 } },
        ],
        phases: [{ step: "quote", phase: "close" }],
      },
      (after) => {
        expect(stepOf(after, "qualify")?.position).toEqual({ x: 0, y: 10 });
        expect(stepOf(after, "quote")).toMatchObject({ phase: "close", position: { x: 300, y: 10 } });
      },
    );
  });

  it("placeSteps: the layout writes down where it put new steps, outside history", () => {
    const store = givenStore(sampleMap());
    store
      .getState()
      .dispatch({ type: "placeSteps", positions: [{ step: "quote", position: { x: 1, y: 2 } }] });
    expect(stepOf(store.getState().map, "quote")?.position).toEqual({ x: 1, y: 2 });
    expect(store.getState().history.past).toEqual([]);
    expect(historyOf({ type: "placeSteps", positions: [] })).toEqual({ kind: "ignore" });
  });
});

describe("how commands enter history", () => {
  it("field typing coalesces per field into one entry, and sealing starts a new one", () => {
    const store = givenStore(sampleMap());
    const first = store.getState().map;
    for (const value of ["Q", "Qu", "Qua"])
      store.getState().dispatch({ type: "setStepField", step: "qualify", field: "label", value });
    expect(store.getState().history.past).toEqual([first]);
    expect(store.getState().history.coalesceKey).toBe("step:qualify:label");
    store.getState().sealHistory();
    store.getState().dispatch({ type: "setStepField", step: "qualify", field: "label", value: "Qual" });
    expect(store.getState().history.past).toHaveLength(2);
    // Another field of the same step is another entry.
    store.getState().dispatch({ type: "setStepField", step: "qualify", field: "owner", value: "SDR" });
    expect(store.getState().history.past).toHaveLength(3);
    store.getState().undo();
    store.getState().undo();
    expect(stepOf(store.getState().map, "qualify")?.label).toBe("Qua");
  });

  it("the keys fields coalesce on are the ones the fields name", () => {
    expect(coalesceKeyOf({ type: "setMapField", field: "title", value: "x" })).toBe("map:title");
    expect(coalesceKeyOf({ type: "setLaneField", lane: "a", field: "color", value: null })).toBe(
      "lane:a:color",
    );
    expect(coalesceKeyOf({ type: "setPhaseField", phase: "p", field: "name", value: "x" })).toBe(
      "phase:p:name",
    );
    expect(coalesceKeyOf({ type: "setHandoffField", handoff: "h", field: "label", value: "x" })).toBe(
      "handoff:h:label",
    );
    expect(coalesceKeyOf({ type: "setEdgeCaseField", edgeCase: "e", field: "due", value: "" })).toBe(
      "edgeCase:e:due",
    );
    expect(coalesceKeyOf({ type: "renameStep", step: "s", label: "x" })).toBeNull();
  });

  it("nudges of the same steps in a row are one entry; a drag's moves are one gesture", () => {
    const store = givenStore(sampleMap());
    const first = store.getState().map;
    for (const x of [48, 56, 64])
      store
        .getState()
        .dispatch({ type: "nudgeSteps", moves: [{ step: "quote", lane: "sales", position: { x, y: 20 } }] });
    expect(store.getState().history.past).toEqual([first]);

    const dragged = store.getState().map;
    store.getState().beginGesture();
    for (const x of [100, 200, 300])
      store
        .getState()
        .dispatch({ type: "moveSteps", moves: [{ step: "qualify", lane: "ops", position: { x, y: 8 } }] });
    store.getState().endGesture();
    expect(store.getState().history.past).toEqual([first, dragged]);
    store.getState().undo();
    expect(store.getState().map).toBe(dragged);
  });

  it("a refused command leaves map and history alone; quiet ones say nothing", () => {
    const store = givenStore(sampleMap());
    const result = store
      .getState()
      .dispatch({ type: "renameStep", step: "quote", label: "" }, { quiet: true });
    expect(result).toEqual({ ok: false, error: "Label must not be blank", readOnly: false });
    expect(store.getState().notice).toBeNull();
  });

  it("read only: every command is refused with the reason", () => {
    const store = givenStore(sampleMap());
    store.getState().setReadOnly("Another tab saved newer work.");
    const result = store
      .getState()
      .dispatch({ type: "renameStep", step: "quote", label: "Quote" }, { quiet: true });
    expect(result).toEqual({ ok: false, error: "Another tab saved newer work.", readOnly: true });
    expect(store.getState().notice?.text).toBe("Another tab saved newer work.");
  });

  it("lastCommand holds the completed command and the revision it made", () => {
    const store = givenStore(sampleMap());
    store.getState().dispatch({ type: "addLane", name: "Finance" });
    const last = store.getState().lastCommand;
    expect(last?.revision).toBe(store.getState().revision);
    expect(last?.command).toMatchObject({
      type: "addLane",
      name: "Finance",
      id: expect.stringMatching(/^l-/),
    });
    // Plain data: it survives JSON unchanged.
    expect(JSON.parse(JSON.stringify(last?.command))).toEqual(last?.command);
  });
});

describe("random ids", () => {
  it("are a kind prefix and 12 base-36 characters, from crypto.getRandomValues", () => {
    const source = cryptoIdSource();
    const ids = new Set<string>();
    for (const kind of Object.keys(ID_PREFIX) as (keyof typeof ID_PREFIX)[])
      for (let i = 0; i < 200; i++) {
        const id = source.next(kind);
        expect(id).toMatch(new RegExp(`^${ID_PREFIX[kind]}-[0-9a-z]{12}$`));
        ids.add(id);
      }
    expect(ids.size).toBe(Object.keys(ID_PREFIX).length * 200);
  });

  it("a seeded source gives the same ids on every run; another seed, others", () => {
    const run = (seed: number) => {
      const source = createIdSource(seededRandomBytes(seed));
      return [source.next("step"), source.next("handoff")];
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it("draws again when an id is taken", () => {
    const fill = seededRandomBytes(3);
    const taken = randomId("step", seededRandomBytes(3));
    const id = createIdSource(fill).next("step", (candidate) => candidate === taken);
    expect(id).not.toBe(taken);
  });

  it("characters are evenly spread (no modulo bias): each of 36 within 20% of its share", () => {
    const counts = new Map<string, number>();
    const fill = seededRandomBytes(11);
    for (let i = 0; i < 3000; i++)
      for (const char of randomId("step", fill).slice(2)) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(36);
    const share = (3000 * 12) / 36;
    for (const count of counts.values()) expect(Math.abs(count - share) / share).toBeLessThan(0.2);
  });

  it("the store's newId never hands out an id in use", () => {
    const store = givenStore(sampleMap());
    const id = store.getState().newId("step");
    expect(id).toMatch(/^s-[0-9a-z]{12}$/);
    expect(store.getState().map.steps.some((s) => s.id === id)).toBe(false);
  });
});
