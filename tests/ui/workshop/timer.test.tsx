// @vitest-environment jsdom
import "../jsdom-setup";
import { act, fireEvent, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { formatRemaining, WorkshopTimer } from "../../../src/ui/workshop/WorkshopTimer";
import { wsMap } from "../../fixtures/workshop-fixtures";
import { renderWorkshop } from "./harness";

describe("WorkshopTimer", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-27T09:00:00Z"));
  });
  afterEach(() => vi.useRealTimers());

  const display = () => screen.getByTestId("timer-display").textContent;

  it("sets minutes, counts down, pauses, resumes and resets", () => {
    renderWorkshop(wsMap([], []), <WorkshopTimer />);
    fireEvent.change(screen.getByLabelText("Minutes"), { target: { value: "2" } });
    expect(display()).toBe("2:00");
    fireEvent.click(screen.getByRole("button", { name: "Start" }));
    act(() => vi.advanceTimersByTime(30_000));
    expect(display()).toBe("1:30");
    fireEvent.click(screen.getByRole("button", { name: "Pause" }));
    act(() => vi.advanceTimersByTime(60_000));
    expect(display()).toBe("1:30");
    fireEvent.click(screen.getByRole("button", { name: "Resume" }));
    act(() => vi.advanceTimersByTime(15_000));
    expect(display()).toBe("1:15");
    fireEvent.click(screen.getByRole("button", { name: "Reset" }));
    expect(display()).toBe("2:00");
    expect(screen.getByRole("button", { name: "Start" })).toBeTruthy();
  });

  it("shows a quiet cue at zero and plays no sound", () => {
    const play = vi.spyOn(HTMLMediaElement.prototype, "play");
    renderWorkshop(wsMap([], []), <WorkshopTimer />);
    fireEvent.change(screen.getByLabelText("Minutes"), { target: { value: "1" } });
    fireEvent.click(screen.getByRole("button", { name: "Start" }));
    act(() => vi.advanceTimersByTime(59_000));
    expect(screen.queryByText("Time")).toBeNull();
    act(() => vi.advanceTimersByTime(2_000));
    expect(display()).toBe("0:00");
    expect(screen.getByText("Time")).toBeTruthy();
    expect(screen.getByTestId("workshop-timer").classList.contains("is-done")).toBe(true);
    expect(play).not.toHaveBeenCalled();
  });

  it("formats minutes and hours", () => {
    expect(formatRemaining(0)).toBe("0:00");
    expect(formatRemaining(9_001)).toBe("0:10");
    expect(formatRemaining(600_000)).toBe("10:00");
    expect(formatRemaining(3_723_000)).toBe("1:02:03");
  });
});
