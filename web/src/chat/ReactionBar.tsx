import { useState } from 'react';
import { describeError } from '../api/ApiError.ts';
import { chatApi } from './chatApi.ts';
import type { Message } from './types.ts';

const quickEmojis = ['👍', '❤️', '😂', '🎉', '👀'];

/** A message's reactions (count, and whether the viewer is among them) and a picker to add one. */
export function ReactionBar({ message, onChanged }: { message: Message; onChanged: () => void }) {
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reactions = message.reactions ?? [];

  const toggle = async (emoji: string, mine: boolean) => {
    setPicking(false);
    try {
      if (mine) await chatApi.unreact(message.id, emoji);
      else await chatApi.react(message.id, emoji);
      setError(null);
      onChanged();
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  return (
    <div className="reaction-bar" data-testid="reaction-bar">
      {reactions.map((r) => (
        <button
          key={r.emoji}
          type="button"
          className={r.me ? 'reaction reaction-mine' : 'reaction'}
          aria-pressed={r.me}
          aria-label={`${r.emoji} ${r.count}`}
          data-testid="reaction"
          data-emoji={r.emoji}
          onClick={() => void toggle(r.emoji, r.me)}
        >
          {r.emoji} <span data-testid="reaction-count">{r.count}</span>
        </button>
      ))}
      <button type="button" className="reaction reaction-add" aria-label="Add reaction" onClick={() => setPicking((p) => !p)}>
        +
      </button>
      {picking && (
        <span className="reaction-picker" role="menu">
          {quickEmojis.map((emoji) => (
            <button key={emoji} type="button" role="menuitem" aria-label={`React ${emoji}`} onClick={() => void toggle(emoji, false)}>
              {emoji}
            </button>
          ))}
        </span>
      )}
      {error && (
        <span className="notice-inline" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
