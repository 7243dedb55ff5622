import { useLiveSession, useLiveState } from "./live-context";

const NOBODY: never[] = [];

/** "People in this session": each person's colour and name, you first, the facilitator marked. */
export function PeopleList({ className }: { className?: string }) {
  const session = useLiveSession();
  const people = useLiveState(session, (s) => s.people, NOBODY);
  if (session === null) return null;
  return (
    <ul
      className={["hf-live-people", className].filter(Boolean).join(" ")}
      aria-label="People in this session"
    >
      {people.map((person) => (
        <li key={person.id} className="hf-live-people__person">
          <span className="hf-live-dot" style={{ background: person.colour }} aria-hidden="true" />
          <span className="hf-live-people__name">{person.name}</span>
          {person.self ? <span className="hf-live-people__note"> (you)</span> : null}
          {person.role === "facilitator" ? (
            <span className="hf-live-people__note"> · facilitator</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
