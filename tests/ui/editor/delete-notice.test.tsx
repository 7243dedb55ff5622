// @vitest-environment jsdom
import "../jsdom-setup";
import { act, fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import * as ops from "../../../src/model/operations";
import { deletedEdgeCasesNotice, deleteSelection } from "../../../src/ui/actions/editor-actions";
import { NoticeArea } from "../../../src/ui/editor/NoticeArea";
import { edgeCase, handoff, map, step } from "../../fixtures/model-maps";
import { makeStore, renderWithStore } from "../inspector/render-editor";

const given = () =>
  map({
    steps: [step("s", "a", { label: "Lead capture" }), step("t", "a"), step("u", "b")],
    handoffs: [
      handoff("h1", "s", "t", { edgeCases: [edgeCase("e1", { number: 1 }), edgeCase("e2", { number: 2 })] }),
      handoff("h2", "t", "u", { edgeCases: [edgeCase("e3", { number: 3 })] }),
      handoff("h3", "u", "s"),
    ],
  });

describe("the notice after deleting", () => {
  it("given a step whose handoffs carry edge cases, then it names the step, the count and the numbers", () => {
    const before = given();
    expect(deletedEdgeCasesNotice(before, ops.removeSteps(before, ["s"]), ["s"])).toBe(
      'Deleted "Lead capture"; 2 edge cases went with it (EC-1, EC-2).',
    );
    expect(deletedEdgeCasesNotice(before, ops.removeSteps(before, ["s", "u"]), ["s", "u"])).toBe(
      "Deleted 2 steps; 3 edge cases went with them (EC-1, EC-2, EC-3).",
    );
    expect(deletedEdgeCasesNotice(before, ops.removeHandoff(before, "h2"), [])).toBe(
      "Deleted the handoff; 1 edge case went with it (EC-3).",
    );
  });

  it("given nothing with edge cases deleted, then there is no notice", () => {
    const before = given();
    expect(deletedEdgeCasesNotice(before, ops.removeHandoff(before, "h3"), [])).toBeNull();
  });

  it("given Undo pressed in the notice, then the step and its edge cases are back, and the notice goes", () => {
    const store = makeStore(given());
    renderWithStore(<NoticeArea />, store);
    const before = store.getState().map;
    act(() => {
      store.getState().select({ steps: ["s"] });
      deleteSelection(store);
    });
    expect(screen.getByTestId("notice").textContent).toContain("2 edge cases went with it (EC-1, EC-2)");
    fireEvent.click(screen.getByRole("button", { name: "Undo delete" }));
    expect(store.getState().map).toBe(before);
    expect(screen.queryByTestId("notice")).toBeNull();
  });

  it("given another edit after the delete, then the notice no longer offers Undo (it would undo that edit)", () => {
    const store = makeStore(given());
    renderWithStore(<NoticeArea />, store);
    act(() => {
      store.getState().select({ steps: ["s"] });
      deleteSelection(store);
    });
    expect(screen.queryByRole("button", { name: "Undo delete" })).not.toBeNull();
    act(() => {
      store.getState().apply((m) => ops.updateStep(m, "t", { label: "Renamed" }));
    });
    expect(screen.queryByRole("button", { name: "Undo delete" })).toBeNull();
  });
});
