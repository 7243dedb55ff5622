import { useEffect, useState } from "react";
import { LiveDialog } from "./LiveDialog";
import { useLiveControl } from "./live-context";
import { currentKey, discoverLiveServer, liveEndpoint, roomInAddress } from "./live-endpoint";
import { NameForm } from "./NameForm";

type Step =
  | { kind: "ask"; error: string | null }
  | { kind: "joining" }
  | { kind: "done" }
  | { kind: "no-server" };

/**
 * A live session link (?room=…) opened: asks the person's name, then joins. A room this browser
 * was in before (a reload) is rejoined at once under the remembered name.
 */
export function JoinPrompt() {
  const control = useLiveControl();
  const [roomId] = useState(roomInAddress);
  const [step, setStep] = useState<Step>(() =>
    roomId !== null && control !== null && control.rememberedName !== "" && control.wasInRoom(roomId)
      ? { kind: "joining" }
      : { kind: "ask", error: null },
  );

  const join = async (name: string) => {
    if (control === null || roomId === null) return;
    setStep({ kind: "joining" });
    if ((await discoverLiveServer()) === null) {
      setStep({ kind: "no-server" });
      return;
    }
    try {
      await control.join(liveEndpoint(currentKey()), roomId, name);
      setStep({ kind: "done" });
    } catch (error) {
      setStep({
        kind: "ask",
        error: `Could not join: ${error instanceof Error ? error.message : String(error)}.`,
      });
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: a rejoin runs once, on the link's first render
  useEffect(() => {
    if (step.kind === "joining" && control !== null) void join(control.rememberedName);
  }, []);

  if (control === null || roomId === null || step.kind === "done") return null;
  const close = () => {
    control.leave();
    history.replaceState(null, "", location.pathname);
    setStep({ kind: "done" });
  };
  return (
    <LiveDialog title="Join the live session" onClose={close}>
      {step.kind === "no-server" ? (
        <>
          <p role="alert">
            This address has no live server: the link must be opened on the server that made it (the address
            `npx handoff serve` printed).
          </p>
          <div className="hf-dialog__actions">
            <button type="button" className="hf-button" onClick={close}>
              Close
            </button>
          </div>
        </>
      ) : step.kind === "joining" ? (
        <>
          <p role="status">Joining the live session…</p>
          <div className="hf-dialog__actions">
            <button type="button" className="hf-button" onClick={close}>
              Cancel
            </button>
          </div>
        </>
      ) : (
        <>
          <p>
            You are joining a live workshop map: the others see your name, your selection and your pointer.
          </p>
          <NameForm
            initial={control.rememberedName}
            submitLabel="Join"
            error={step.error}
            onSubmit={(name) => void join(name)}
            onCancel={close}
          />
        </>
      )}
    </LiveDialog>
  );
}
