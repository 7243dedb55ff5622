import { type RefObject, useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { MAX_TIMER_MINUTES, timerRemaining } from "../../store/workshop-store";
import { selectPresenting, selectTimer } from "./selectors";
import { useWorkshop, useWorkshopStoreApi } from "./workshop-context";

/** "9:05", or "1:02:03" past an hour; rounds up so the display reads 0:00 only at zero. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

/** Space between the timer and the zoom buttons, in pixels. */
const BESIDE_CONTROLS = 12;

/**
 * While editing, the timer sits at the bottom of the canvas just left of the zoom buttons (which
 * sit left of the overview), bottom-aligned with them: it never covers either, wherever the side
 * column, the presenter card or the register leave the canvas. Followed on every canvas resize.
 * Without zoom buttons on the page, the style sheet's place (bottom centre) stays.
 */
function useBesideZoomButtons(timer: RefObject<HTMLElement | null>, enabled: boolean) {
  useLayoutEffect(() => {
    const element = timer.current;
    if (!enabled || element === null) return;
    const place = () => {
      const controls = document.querySelector(".hf-canvas .react-flow__controls");
      const box = controls?.getBoundingClientRect();
      if (box === undefined || box.width === 0) {
        element.style.removeProperty("left");
        element.style.removeProperty("right");
        element.style.removeProperty("bottom");
        element.style.removeProperty("transform");
        return;
      }
      const root = document.documentElement;
      element.style.left = "auto";
      element.style.transform = "none";
      element.style.right = `${root.clientWidth - box.left + BESIDE_CONTROLS}px`;
      element.style.bottom = `${root.clientHeight - box.bottom}px`;
    };
    place();
    const canvas = document.querySelector(".hf-canvas");
    const observer = new ResizeObserver(place);
    if (canvas !== null) observer.observe(canvas);
    window.addEventListener("resize", place);
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", place);
    };
  }, [timer, enabled]);
}

/**
 * The workshop timer: minutes, start, pause, reset; beside the zoom buttons while editing, in
 * the present dock while presenting. At zero it glows softly and
 * says "Time" (no sound; no motion for people who asked for reduced motion). In presentation
 * mode the time is large and the controls stay small beneath it.
 */
export function WorkshopTimer() {
  const workshop = useWorkshopStoreApi();
  const timer = useWorkshop(selectTimer);
  const presenting = useWorkshop(selectPresenting);
  // Only forces a render each tick; the time itself is read from the clock below.
  const [, setTick] = useState(0);
  const minutesId = useId();
  const running = timer.endsAt !== null;
  const ref = useRef<HTMLElement>(null);
  useBesideZoomButtons(ref, !presenting);

  useEffect(() => {
    if (!running) return;
    const interval = setInterval(() => setTick((n) => n + 1), 250);
    return () => clearInterval(interval);
  }, [running]);

  const remaining = timerRemaining(timer, Date.now());
  const done = running && remaining <= 0;
  const ticking = running && !done;
  const [draft, setDraft] = useState(() => String(timer.durationMs / 60_000));

  return (
    <section
      ref={ref}
      className={`hf-timer${done ? " is-done" : ""}${presenting ? " is-large" : ""}`}
      aria-label="Workshop timer"
      data-testid="workshop-timer"
    >
      <output className="hf-timer__time" aria-live="off" data-testid="timer-display">
        {formatRemaining(remaining)}
      </output>
      {done && (
        <p className="hf-timer__done" role="status">
          Time
        </p>
      )}
      <div className="hf-timer__controls">
        <label htmlFor={minutesId} className="hf-timer__minutes-label">
          Minutes
        </label>
        <input
          id={minutesId}
          className="hf-timer__minutes"
          type="number"
          min={0}
          max={MAX_TIMER_MINUTES}
          step={1}
          value={draft}
          disabled={ticking}
          onChange={(event) => {
            setDraft(event.target.value);
            const minutes = Number(event.target.value);
            if (event.target.value !== "" && Number.isFinite(minutes) && minutes >= 0)
              workshop.getState().setTimerMinutes(minutes);
          }}
          onKeyDown={(event) => event.stopPropagation()}
        />
        {ticking ? (
          <button type="button" onClick={() => workshop.getState().pauseTimer()}>
            Pause
          </button>
        ) : (
          <button
            type="button"
            onClick={() => workshop.getState().startTimer()}
            disabled={timer.durationMs <= 0}
          >
            {timer.remainingMs < timer.durationMs && !done ? "Resume" : "Start"}
          </button>
        )}
        <button type="button" onClick={() => workshop.getState().resetTimer()}>
          Reset
        </button>
      </div>
    </section>
  );
}
