/** What every part of the SVG export draws from: the map, its layout and the resolved options. */

import type { MapLayout, StepBox } from "../../layout/types";
import type { HandoffMap, Step } from "../../model/types";
import type { SvgTheme } from "../svg-theme";

export interface DrawContext {
  map: HandoffMap;
  layout: MapLayout;
  theme: SvgTheme;
  /** The validated id prefix of the arrowhead markers. */
  prefix: string;
  stepFont: number;
  stepLineHeight: number;
  stepsById: Map<string, Step>;
  boxesById: Map<string, StepBox>;
  /** Edge-case id -> its register number. */
  numbers: Map<string, number>;
}

/** A block drawn below the diagram, and how tall it came out. */
export interface Drawn {
  svg: string;
  height: number;
}
