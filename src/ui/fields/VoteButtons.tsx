export interface VoteButtonsProps {
  /** The edge case's title, for the buttons' accessible names. */
  title: string;
  votes: number;
  onVote: (delta: 1 | -1) => void;
}

/** − count +: each press is one vote and one undo entry; never below zero. */
export function VoteButtons({ title, votes, onVote }: VoteButtonsProps) {
  return (
    <div className="hf-votes">
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
