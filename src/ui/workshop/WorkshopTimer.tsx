import { useEffect, useId, useState } from "react";
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

/**
 * The workshop timer in its corner: minutes, start, pause, reset. At zero it glows softly and
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
