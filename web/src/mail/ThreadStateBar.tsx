import { useState } from 'react';
import { describeError } from '../api/ApiError.ts';
import { ErrorNotice } from '../components/Notice.tsx';
import { mailApi } from './mailApi.ts';
import { stateLabels } from './threadFilters.ts';
import type { ThreadState, Uuid } from './types.ts';

/** What moving a thread to each state is called on its button. */
const moves: Record<ThreadState, string> = { open: 'Move to open', archived: 'Archive', spam: 'Mark as spam', trash: 'Move to trash' };

/** A thread's state and the buttons that change it (`PUT /api/mail/threads/{id}/state`). */
export function ThreadStateBar({ threadId, state, onChanged }: { threadId: Uuid; state: ThreadState; onChanged(): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const move = async (next: ThreadState) => {
    setBusy(true);
    setError(null);
    try {
      await mailApi.setThreadState(threadId, next);
      onChanged();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="stack">
      <div className="row" data-testid="mail-thread-state-bar">
        <span className={state === 'open' ? 'badge' : state === 'archived' ? 'badge badge-on' : 'badge badge-off'} data-testid="mail-thread-state" data-state={state}>
          {stateLabels[state] ?? state}
        </span>
        {(Object.keys(moves) as ThreadState[])
          .filter((next) => next !== state)
          .map((next) => (
            <button key={next} type="button" className="button-ghost" disabled={busy} onClick={() => void move(next)} data-testid={`mail-thread-move-${next}`}>
              {moves[next]}
            </button>
          ))}
      </div>
      <ErrorNotice message={error} testId="mail-thread-state-error" />
    </div>
  );
}
