import { useState } from "react";
import type { LiveSession } from "../../store/live/live-session";
import { useEditorStoreApi } from "../store-context";
import { DotVoteSettings } from "./DotVoteSettings";
import { LiveDialog } from "./LiveDialog";
import { useLiveControl, useLiveSession } from "./live-context";
import { currentKey, discoverLiveServer, liveEndpoint, roomLink } from "./live-endpoint";
import { NameForm } from "./NameForm";
import "./live.css";

type Step =
  | null
  | { kind: "checking" }
  | { kind: "no-server" }
  | { kind: "name"; keyRequired: boolean; error: string | null }
  | { kind: "link" };

/**
 * "Start live session": the open map becomes a room on the `handoff serve` that served this
 * editor; the dialog then shows the link to send. While live, the same place shows the link, the
 * people, and "Leave live session".
 */
export function LiveButton() {
  const control = useLiveControl();
  const session = useLiveSession();
  const editor = useEditorStoreApi();
  const [step, setStep] = useState<Step>(null);
  if (control === null) return null;

  const begin = async () => {
    if (session !== null) {
      setStep({ kind: "link" });
      return;
    }
    setStep({ kind: "checking" });
    const server = await discoverLiveServer();
    setStep(
      server === null
        ? { kind: "no-server" }
        : { kind: "name", keyRequired: server.keyRequired, error: null },
    );
  };

  const start = (name: string, keyRequired: boolean) => {
    const key = currentKey();
    if (keyRequired && key === null) {
      setStep({
        kind: "name",
        keyRequired,
        error:
          "This server needs its key: open the editor with the address `handoff serve` printed (it ends in ?key=…), then start again.",
      });
      return;
    }
    try {
      const roomId = control.start(liveEndpoint(key), name);
      // A reload of this tab rejoins the room instead of leaving it.
      history.replaceState(null, "", roomLink(roomId, key));
      setStep({ kind: "link" });
    } catch (error) {
      setStep({ kind: "name", keyRequired, error: error instanceof Error ? error.message : String(error) });
    }
  };

  const leave = () => {
    control.leave();
    history.replaceState(null, "", location.pathname);
    setStep(null);
    editor
      .getState()
      .notify(`You left the live session. “${editor.getState().map.title}” stays in your library.`);
  };

  return (
    <>
      <button
        type="button"
        className={`hf-button${session === null ? "" : " hf-live-button--on"}`}
        aria-haspopup="dialog"
        onClick={() => void begin()}
      >
        {session === null ? "Start live session" : "Live session"}
      </button>
      {step?.kind === "checking" ? (
        <LiveDialog title="Start live session" onClose={() => setStep(null)}>
          <p role="status">Looking for the live server…</p>
        </LiveDialog>
      ) : null}
      {step?.kind === "no-server" ? (
        <LiveDialog title="Start live session" onClose={() => setStep(null)}>
          <p>
            Live sessions need Handoff's own server: this editor was not opened from one. In a terminal, in
            the project folder, run
          </p>
          <pre className="hf-live-command">npx handoff serve</pre>
          <p>
            then open the address it prints (add <code>--host 0.0.0.0 --key</code> a-secret to let colleagues
            on your network join). Your maps in this browser are not moved: open the map there from a file or
            a share link.
          </p>
          <div className="hf-dialog__actions">
            <button type="button" className="hf-button" onClick={() => setStep(null)}>
              Close
            </button>
          </div>
        </LiveDialog>
      ) : null}
      {step?.kind === "name" ? (
        <LiveDialog title="Start live session" onClose={() => setStep(null)}>
          <p>Everyone with the link edits this map with you, live. The others see the name you give here.</p>
          <NameForm
            initial={control.rememberedName}
            submitLabel="Start"
            error={step.error}
            onSubmit={(name) => start(name, step.keyRequired)}
            onCancel={() => setStep(null)}
          />
        </LiveDialog>
      ) : null}
      {step?.kind === "link" && session !== null ? (
        <SessionDialog onClose={() => setStep(null)} onLeave={leave} session={session} />
      ) : null}
    </>
  );
}

function SessionDialog({
  session,
  onClose,
  onLeave,
}: {
  session: LiveSession;
  onClose: () => void;
  onLeave: () => void;
}) {
  const link = roomLink(session.state.getState().roomId, currentKey());
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <LiveDialog title="Live session" onClose={onClose} initialFocus="input">
      <p>Send this link to the people in the workshop: opening it asks their name and joins.</p>
      <label className="hf-live-link">
        Live session link
        <span className="hf-live-link__row">
          <input
            className="hf-field__input"
            readOnly
            value={link}
            onFocus={(event) => event.currentTarget.select()}
          />
          <button type="button" className="hf-button hf-button--primary" onClick={() => void copy()}>
            Copy
          </button>
        </span>
      </label>
      <p role="status" className="hf-live-copied">
        {copied === true
          ? "Link copied."
          : copied === false
            ? "Copy it by hand: the browser refused the clipboard."
            : ""}
      </p>
      <DotVoteSettings session={session} />
      <div className="hf-dialog__actions">
        <button type="button" className="hf-button" onClick={onLeave}>
          Leave live session
        </button>
        <button type="button" className="hf-button hf-button--primary" onClick={onClose}>
          Done
        </button>
      </div>
    </LiveDialog>
  );
}
