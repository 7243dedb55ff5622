// @vitest-environment jsdom
import "../jsdom-setup";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createStore } from "zustand/vanilla";
import { createEditorStore } from "../../../src/store/editor-store";
import type { LiveSession } from "../../../src/store/live/live-session";
import { DotVoteSettings } from "../../../src/ui/live/DotVoteSettings";
import { EditorStoreProvider } from "../../../src/ui/store-context";
import { map, step } from "../../fixtures/model-maps";

/** The part of a live session DotVoteSettings reads: its state and setVoteSettings. */
function fakeSession() {
  const state = createStore(() => ({
    role: "facilitator",
    people: [],
    votes: { settings: { budget: 3, revealed: false }, dots: new Map() },
  }));
  const session = {
    state,
    setVoteSettings(patch: { budget?: number; revealed?: boolean }) {
      state.setState((s) => ({ votes: { ...s.votes, settings: { ...s.votes.settings, ...patch } } }));
    },
  };
  // A stand-in, not a LiveSession: only the members the component uses (no room, no Y.Doc).
  return session as unknown as LiveSession;
}

describe("DotVoteSettings: Reveal who voted", () => {
  it("given votes hidden, when the facilitator ticks Reveal who voted, then the version 'Votes revealed' is saved once", () => {
    const editor = createEditorStore({
      map: map({ steps: [step("s", "a")] }),
      runLayout: () => new Promise(() => {}),
    });
    render(
      <EditorStoreProvider store={editor}>
        <DotVoteSettings session={fakeSession()} />
      </EditorStoreProvider>,
    );
    const reveal = screen.getByRole("checkbox", { name: "Reveal who voted" });
    fireEvent.click(reveal);
    expect((reveal as HTMLInputElement).checked).toBe(true);
    expect(editor.getState().map.versions).toMatchObject([
      { name: "Votes revealed", trigger: "voting-revealed" },
    ]);
    expect(editor.getState().history.past).toEqual([]);

    // Hiding them again saves nothing.
    fireEvent.click(reveal);
    expect((reveal as HTMLInputElement).checked).toBe(false);
    expect(editor.getState().map.versions).toHaveLength(1);
  });
});
