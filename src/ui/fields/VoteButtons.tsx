export interface VoteButtonsProps {
  /** The edge case's title, for the buttons' accessible names. */
  title: string;
  votes: number;
  onVote: (delta: 1 | -1) => void;
  /** Show the word "Votes" before the buttons (the register's column header says it already). */
  showLabel?: boolean;
}

/** − count +: each press is one vote and one undo entry; never below zero. */
export function VoteButtons({ title, votes, onVote, showLabel = false }: VoteButtonsProps) {
  return (
    <div className="hf-votes">
      {showLabel ? (
        <span className="hf-votes__label" aria-hidden="true">
          Votes
        </span>
      ) : null}
      <button
        type="button"
        className="hf-votes__button"
        aria-label={`Remove a vote from ${title}`}
        disabled={votes === 0}
        onClick={(event) => {
          event.stopPropagation();
          onVote(-1);
        }}
      >
        −
      </button>
      <output className="hf-votes__count" aria-label={`Votes for ${title}`}>
        {votes}
      </output>
      <button
        type="button"
        className="hf-votes__button"
        aria-label={`Add a vote to ${title}`}
        onClick={(event) => {
          event.stopPropagation();
          onVote(1);
        }}
      >
        +
      </button>
    </div>
  );
}
