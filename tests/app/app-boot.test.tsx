// @vitest-environment jsdom
import { act, cleanup, render, screen } from "@testing-library/react";
import { StrictMode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";

/**
 * The development build runs React's StrictMode, which mounts, unmounts and mounts again: the
 * app must still boot once per page (a second boot was a second session and, on a first run, a
 * second template map in the library). Storage that never answers is said, with a way on.
 */

const boot = vi.fn(() => new Promise<never>(() => undefined));
vi.mock("../../src/app/boot", () => ({ boot: (...args: unknown[]) => boot(...(args as [])) }));

afterEach(() => {
  cleanup();
  boot.mockClear();
  vi.useRealTimers();
});

describe("App start", () => {
  it("given StrictMode's double effects, then storage is opened (boot runs) once", async () => {
    const { App } = await import("../../src/app/App");
    render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
    expect(screen.getByRole("status").textContent).toBe("Opening your maps…");
    expect(boot).toHaveBeenCalledTimes(1);
  });

  it("given storage does not answer, then after the timeout the app says so and offers memory", async () => {
    vi.useFakeTimers();
    const { App, OPEN_TIMEOUT_MS } = await import("../../src/app/App");
    render(<App />);
    expect(screen.queryByRole("alert")).toBeNull();
    await act(async () => {
      vi.advanceTimersByTime(OPEN_TIMEOUT_MS);
    });
    expect(screen.getByRole("alert").textContent).toMatch(/storage is not answering/);
    expect(screen.getByRole("button", { name: "Continue without saving" })).toBeTruthy();
  });
});
