import { useId, useMemo } from "react";
import type { HandoffMap } from "../../model/types";
import { TextField } from "../fields/TextField";
import { useEditor } from "../store-context";
import { selectMap } from "./selectors";

function mapCounts(map: HandoffMap) {
  let edgeCases = 0;
  let open = 0;
  for (const handoff of map.handoffs) {
    edgeCases += handoff.edgeCases.length;
    for (const edgeCase of handoff.edgeCases) if (edgeCase.status === "open") open += 1;
  }
  return [
    ["Lanes", map.lanes.length],
    ["Phases", map.phases.length],
    ["Steps", map.steps.length],
    ["Handoffs", map.handoffs.length],
    ["Edge cases", edgeCases],
    ["Open edge cases", open],
  ] as const;
}

/** Nothing selected: the map's own title and description, and what it holds. */
export function MapInspector() {
  const headingId = useId();
  const map = useEditor(selectMap);
  const counts = useMemo(() => mapCounts(map), [map]);
  return (
    <section className="hf-inspector__section" aria-labelledby={headingId}>
      <header className="hf-inspector__header">
        <p className="hf-inspector__kicker">Map</p>
        <h2 className="hf-inspector__title" id={headingId}>
          {map.title}
        </h2>
      </header>
      <TextField
        label="Title"
        value={map.title}
        required
        edit={(value) => ({ type: "setMapField", field: "title", value })}
      />
      <TextField
        label="Description"
        value={map.description}
        multiline
        edit={(value) => ({ type: "setMapField", field: "description", value })}
      />
      <dl className="hf-inspector__counts" aria-label="Map contents">
        {counts.map(([name, count]) => (
          <div className="hf-inspector__count" key={name}>
            <dt>{name}</dt>
            <dd>{count}</dd>
          </div>
        ))}
      </dl>
      <p className="hf-inspector__hint">Select a step, a handoff or a lane header to edit it.</p>
    </section>
  );
}
