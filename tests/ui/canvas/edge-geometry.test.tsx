// @vitest-environment jsdom
import "../jsdom-setup";
import { act, render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  createEdgeGeometryChannel,
  type EdgeGeometry,
  EdgeGeometryContext,
  useEdgeGeometry,
} from "../../../src/ui/canvas/edge-geometry";

const route = (id: string, y: number): EdgeGeometry => ({
  route: {
    id,
    path: [0, y, 100, y],
    labelAnchor: { x: 50, y },
  },
  labelX: 20,
  labelY: y - 10,
  labeled: true,
});

const renders: Record<string, number> = {};

function Probe({ id }: { id: string }) {
  const geometry = useEdgeGeometry(id);
  renders[id] = (renders[id] ?? 0) + 1;
  if (geometry === null) return <span data-testid={id}>waiting</span>;
  const r = geometry.route;
  return <span data-testid={id}>{r === null ? "none" : String(r.path[1])}</span>;
}

describe("edge geometry channel", () => {
  it("given a published geometry, then each edge reads its own, re-rendering only when that one changed", () => {
    const channel = createEdgeGeometryChannel();
    const a1 = route("a", 10);
    const b1 = route("b", 20);
    channel.set(
      new Map([
        ["a", a1],
        ["b", b1],
      ]),
    );
    const view = render(
      <EdgeGeometryContext.Provider value={channel}>
        <Probe id="a" />
        <Probe id="b" />
        <Probe id="c" />
      </EdgeGeometryContext.Provider>,
    );
    expect(view.getByTestId("a").textContent).toBe("10");
    expect(view.getByTestId("c").textContent).toBe("waiting");
    const before = { ...renders };

    // A relayout moved "a" only; "b" keeps its geometry object.
    act(() =>
      channel.publish(
        new Map([
          ["a", route("a", 30)],
          ["b", b1],
        ]),
      ),
    );
    expect(view.getByTestId("a").textContent).toBe("30");
    expect(view.getByTestId("b").textContent).toBe("20");
    expect(renders.a).toBe((before.a ?? 0) + 1);
    expect(renders.b).toBe(before.b);
  });

  it("tells subscribers once per new geometry, and stops telling them after unsubscribe", () => {
    const channel = createEdgeGeometryChannel();
    let heard = 0;
    const stop = channel.subscribe(() => heard++);
    const all = new Map([["a", route("a", 1)]]);
    channel.publish(all);
    channel.publish(all);
    expect(heard).toBe(1);
    channel.set(new Map());
    expect(heard).toBe(1);
    stop();
    channel.publish(new Map([["a", route("a", 2)]]));
    expect(heard).toBe(1);
  });
});
