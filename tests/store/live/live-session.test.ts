import { describe, expect, it } from "vitest";
import * as ops from "../../../src/model/operations";
import { createRevOpsTemplate } from "../../../src/model/templates";
import type { HandoffMap } from "../../../src/model/types";
import {
  createEditorStore,
  type EditorStore,
  type LayoutRunner,
  undoAvailability,
} from "../../../src/store/editor-store";
import { LiveSession } from "../../../src/store/live/live-session";
import type { LiveRole } from "../../../src/store/live/person";
import { MemoryRelay } from "./memory-relay";

const noLayout: LayoutRunner = async () => ({ ok: false, error: "no layout in this test" });

interface Peer {
  editor: EditorStore;
  live: LiveSession;
  transport: ReturnType<MemoryRelay["connect"]>;
}

function join(relay: MemoryRelay, name: string, role: LiveRole, map: HandoffMap): Peer {
  const editor = createEditorStore({ map, runLayout: noLayout });
  let transport: ReturnType<MemoryRelay["connect"]> | null = null;
  const live = new LiveSession({
    editor,
    roomId: "room-for-tests-0000000000",
    role,
    person: { id: `p-${name}`, name, colour: "#1971c2" },
    connect: (doc) => {
      transport = relay.connect(doc);
      return transport;
    },
  });
  if (transport === null) throw new Error("not connected");
  return { editor, live, transport };
}

async function room(): Promise<{ relay: MemoryRelay; ana: Peer; ben: Peer }> {
  const relay = new MemoryRelay();
  const template = createRevOpsTemplate();
  const ana = join(relay, "Ana", "facilitator", template);
  ana.live.seed(template);
  ana.live.bind();
  // Ben opened Handoff on a map of his own; the room's map replaces it.
  const ben = join(relay, "Ben", "participant", ops.updateMapInfo(template, { title: "Ben's own" }));
  const map = await ben.live.whenLoaded();
  ben.editor.getState().load(map);
  ben.live.bind();
  await Promise.resolve();
  return { relay, ana, ben };
}

const label = (peer: Peer, id: string) => peer.editor.getState().map.steps.find((s) => s.id === id)?.label;
const firstStep = (peer: Peer) => peer.editor.getState().map.steps[0]?.id ?? "";

describe("a live room", () => {
  it("given a facilitator's map, when a participant joins, then they see the same map", async () => {
    const { ana, ben } = await room();
    expect(ben.editor.getState().map).toEqual(ana.editor.getState().map);
    expect(ben.editor.getState().map.title).not.toBe("Ben's own");
  });

  it("when one edits, the other sees it at once, outside their own history", async () => {
    const { ana, ben } = await room();
    const id = firstStep(ana);
    ana.editor.getState().apply((m) => ops.updateStep(m, id, { label: "Qualify the lead" }));
    expect(label(ben, id)).toBe("Qualify the lead");
    expect(ben.editor.getState().history.past).toHaveLength(0);
  });

  it("undo is per person: Ana's undo takes back her edit and keeps Ben's (do, undo, redo)", async () => {
    const { ana, ben } = await room();
    const [first, second] = ana.editor.getState().map.steps.map((s) => s.id);
    if (first === undefined || second === undefined) throw new Error("template has steps");
    ana.editor.getState().apply((m) => ops.updateStep(m, first, { label: "Ana's label" }));
    ben.editor.getState().apply((m) => ops.updateStep(m, second, { label: "Ben's label" }));
    expect(ana.live.state.getState().canUndo).toBe(true);

    ana.editor.getState().undo();
    for (const peer of [ana, ben]) {
      expect(label(peer, first)).not.toBe("Ana's label");
      expect(label(peer, second)).toBe("Ben's label");
    }

    ana.editor.getState().redo();
    for (const peer of [ana, ben]) expect(label(peer, first)).toBe("Ana's label");
  });

  it("the toolbar's Undo and Redo follow this person's own stack, not the editor's history", async () => {
    const { ana, ben } = await room();
    const first = firstStep(ana);
    // Ben's edit reaches Ana outside her history: she has nothing to undo.
    ben.editor.getState().apply((m) => ops.updateStep(m, first, { label: "Ben's label" }));
    expect(undoAvailability(ana.editor.getState())).toEqual({ canUndo: false, canRedo: false });
    expect(undoAvailability(ben.editor.getState())).toEqual({ canUndo: true, canRedo: false });

    ben.editor.getState().undo();
    // The editor's own history still holds the edit; the room's stack is what counts.
    expect(ben.editor.getState().history.past.length).toBeGreaterThan(0);
    expect(undoAvailability(ben.editor.getState())).toEqual({ canUndo: false, canRedo: true });

    ben.editor.getState().redo();
    expect(undoAvailability(ben.editor.getState())).toEqual({ canUndo: true, canRedo: false });
  });

  it("undo never takes back a colleague's later edit of the same step", async () => {
    const { ana, ben } = await room();
    const id = firstStep(ana);
    ana.editor.getState().apply((m) => ops.updateStep(m, id, { label: "Ana" }));
    ben.editor.getState().apply((m) => ops.updateStep(m, id, { owner: "Ben owns it" }));
    ana.editor.getState().undo();
    const step = ben.editor.getState().map.steps.find((s) => s.id === id);
    expect(step?.owner).toBe("Ben owns it");
  });

  it("one history entry is one undo step: typing into a field is one step, two edits are two", async () => {
    const { ana } = await room();
    const id = firstStep(ana);
    const original = label(ana, id);
    ana.editor.getState().apply((m) => ops.updateStep(m, id, { label: "Q" }), { coalesce: "label" });
    ana.editor.getState().apply((m) => ops.updateStep(m, id, { label: "Qu" }), { coalesce: "label" });
    ana.editor.getState().apply((m) => ops.updateStep(m, id, { owner: "Dana" }));
    ana.editor.getState().undo();
    expect(label(ana, id)).toBe("Qu");
    ana.editor.getState().undo();
    expect(label(ana, id)).toBe(original);
  });

  it("a drag is written once, where it was dropped: its frames are previews", async () => {
    const { ana, ben } = await room();
    const id = firstStep(ana);
    const updates: number[] = [];
    ben.live.doc.on("update", () => updates.push(1));
    ana.editor.getState().beginGesture();
    for (let x = 0; x < 10; x++)
      ana.editor.getState().apply((m) => ops.updateStep(m, id, { position: { x: x * 10, y: 5 } }));
    expect(updates).toHaveLength(0);
    ana.editor.getState().endGesture();
    expect(updates).toHaveLength(1);
    expect(ben.editor.getState().map.steps.find((s) => s.id === id)?.position).toEqual({ x: 90, y: 5 });
  });

  it("edits made offline on both sides are all kept when the network comes back", async () => {
    const { relay, ana, ben } = await room();
    const [first, second] = ana.editor.getState().map.steps.map((s) => s.id);
    if (first === undefined || second === undefined) throw new Error("template has steps");
    relay.setOnline(ben.transport.peer, false);
    expect(ben.live.state.getState().status).toBe("reconnecting");
    ana.editor.getState().apply((m) => ops.updateStep(m, first, { label: "Ana offline-time edit" }));
    ben.editor.getState().apply((m) => ops.updateStep(m, second, { label: "Ben offline edit" }));
    ben.editor.getState().apply((m) => ops.updateStep(m, first, { owner: "Ben" }));
    expect(label(ben, first)).not.toBe("Ana offline-time edit");

    relay.setOnline(ben.transport.peer, true);
    expect(ben.live.state.getState().status).toBe("live");
    for (const peer of [ana, ben]) {
      expect(label(peer, first)).toBe("Ana offline-time edit");
      expect(label(peer, second)).toBe("Ben offline edit");
      expect(peer.editor.getState().map.steps.find((s) => s.id === first)?.owner).toBe("Ben");
    }
    expect(ana.editor.getState().map).toEqual(ben.editor.getState().map);
  });

  it("a step deleted while a colleague connected to it leaves a valid map on both, the same", async () => {
    const { relay, ana, ben } = await room();
    const map = ana.editor.getState().map;
    const [a, b] = map.steps.map((s) => s.id);
    if (a === undefined || b === undefined) throw new Error("template has steps");
    relay.setOnline(ben.transport.peer, false);
    ana.editor.getState().apply((m) => ops.removeStep(m, b));
    ben.editor.getState().apply((m) => ops.connect(m, { from: a, to: b, label: "late" }));
    relay.setOnline(ben.transport.peer, true);
    expect(ana.editor.getState().map).toEqual(ben.editor.getState().map);
    const handoffs = ben.editor.getState().map.handoffs;
    expect(handoffs.every((h) => h.from !== b && h.to !== b)).toBe(true);
  });

  it("lists the people in the room, yourself first, and drops those who leave", async () => {
    const { ana, ben } = await room();
    expect(ana.live.state.getState().people.map((p) => [p.name, p.self])).toEqual([
      ["Ana", true],
      ["Ben", false],
    ]);
    ben.editor.getState().select({ steps: [firstStep(ben)] });
    expect(ana.live.state.getState().people[1]?.selection.steps).toEqual([firstStep(ben)]);
    ben.live.leave();
    expect(ana.live.state.getState().people.map((p) => p.name)).toEqual(["Ana"]);
  });

  it("after leaving, edits stay local and undo is the editor's own again", async () => {
    const { ana, ben } = await room();
    ben.live.leave();
    const id = firstStep(ben);
    ben.editor.getState().apply((m) => ops.updateStep(m, id, { label: "Ben alone" }));
    expect(label(ana, id)).not.toBe("Ben alone");
    ben.editor.getState().undo();
    expect(label(ben, id)).not.toBe("Ben alone");
  });
});

const edgeCaseOf = (peer: Peer) => {
  const handoff = peer.editor.getState().map.handoffs.find((h) => h.edgeCases.length > 0);
  const edgeCase = handoff?.edgeCases[0];
  if (edgeCase === undefined) throw new Error("template has edge cases");
  return edgeCase;
};
const votesOf = (peer: Peer, id: string) =>
  peer.editor
    .getState()
    .map.handoffs.flatMap((h) => h.edgeCases)
    .find((e) => e.id === id)?.votes;

describe("dot votes in a live room", () => {
  it("each person has 3 dots by default: a fourth is refused with a notice", async () => {
    const { ben } = await room();
    const { id, votes } = edgeCaseOf(ben);
    for (let i = 0; i < 3; i++) ben.editor.getState().apply((m) => ops.voteEdgeCase(m, id, 1));
    expect(votesOf(ben, id)).toBe(votes + 3);
    ben.editor.getState().apply((m) => ops.voteEdgeCase(m, id, 1));
    expect(votesOf(ben, id)).toBe(votes + 3);
    expect(ben.editor.getState().notice?.text).toMatch(/used all 3 of your votes/);
  });

  it("votes cast at the same time by two people are both counted (tallied, not overwritten)", async () => {
    const { relay, ana, ben } = await room();
    const { id, votes } = edgeCaseOf(ana);
    relay.setOnline(ben.transport.peer, false);
    ana.editor.getState().apply((m) => ops.voteEdgeCase(m, id, 1));
    ben.editor.getState().apply((m) => ops.voteEdgeCase(m, id, 1));
    ben.editor.getState().apply((m) => ops.voteEdgeCase(m, id, 1));
    relay.setOnline(ben.transport.peer, true);
    expect(votesOf(ana, id)).toBe(votes + 3);
    expect(votesOf(ben, id)).toBe(votes + 3);
    expect(ana.live.state.getState().votes.dots.get("p-Ben")?.get(id)).toBe(2);
  });

  it("you can take back only your own dots, and Ctrl+Z takes back your last one", async () => {
    const { ana, ben } = await room();
    const { id, votes } = edgeCaseOf(ana);
    ana.editor.getState().apply((m) => ops.voteEdgeCase(m, id, 1));
    ben.editor.getState().apply((m) => ops.voteEdgeCase(m, id, -1));
    expect(ben.editor.getState().notice?.text).toMatch(/only your own dots/);
    expect(votesOf(ben, id)).toBe(votes + 1);
    ben.editor.getState().apply((m) => ops.voteEdgeCase(m, id, 1));
    ben.editor.getState().undo();
    expect(votesOf(ana, id)).toBe(votes + 1);
    expect(ana.live.state.getState().votes.dots.get("p-Ana")?.get(id)).toBe(1);
  });

  it("the facilitator's budget and reveal reach everyone", async () => {
    const { ana, ben } = await room();
    ana.live.setVoteSettings({ budget: 5, revealed: true });
    expect(ben.live.state.getState().votes.settings).toEqual({ budget: 5, revealed: true });
  });
});

describe("presence colours", () => {
  it("two people whose ids hash to one colour are shown in two colours, the same on every peer", async () => {
    const { ana, ben } = await room();
    const colours = (peer: Peer) => peer.live.state.getState().people.map((p) => [p.name, p.colour]);
    const [first, second] = ana.live.state.getState().people;
    expect(first?.colour).not.toBe(second?.colour);
    expect(Object.fromEntries(colours(ana))).toEqual(Object.fromEntries(colours(ben)));
  });
});
