import { useState } from 'react';
import { describeError } from '../api/ApiError.ts';
import { useResource } from '../useResource.ts';
import { chatApi } from './chatApi.ts';
import { useHubEvent } from './ChatContext.ts';
import { PanelFrame, Unavailable } from './PanelFrame.tsx';
import type { Poll, Uuid } from './types.ts';

/** The channel's polls: vote, see totals live (`poll.*` events), create one, close one. */
export function PollsPanel({ channelId, onClose }: { channelId: Uuid; onClose: () => void }) {
  const polls = useResource(() => chatApi.polls(channelId), [channelId]);
  const [error, setError] = useState<string | null>(null);
  const refresh = (poll: Poll) => poll.channel_id === channelId && polls.reload();
  useHubEvent<Poll>('poll.created', refresh, [channelId]);
  useHubEvent<Poll>('poll.updated', refresh, [channelId]);
  useHubEvent<Poll>('poll.closed', refresh, [channelId]);

  const act = (work: () => Promise<unknown>) =>
    work().then(
      () => {
        setError(null);
        polls.reload();
      },
      (e: unknown) => setError(describeError(e)),
    );

  return (
    <PanelFrame title="Polls" testId="polls-panel" onClose={onClose}>
      {polls.error ? (
        <Unavailable error={polls.error} />
      ) : (
        <>
          <NewPollForm onCreate={(q, options, multi) => act(() => chatApi.createPoll(channelId, q, options, multi))} />
          {error && <p className="notice notice-error" role="alert">{error}</p>}
          <ul className="chat-panel-list">
            {polls.data?.map((poll) => (
              <li key={poll.id} data-testid="poll">
                <strong>{poll.question}</strong> {poll.closed && <span className="muted">(closed)</span>}
                <ul>
                  {poll.options.map((option, i) => (
                    <li key={i} data-testid="poll-option" data-option={option}>
                      <button type="button" className="link-button" disabled={poll.closed} onClick={() => act(() => chatApi.vote(poll.id, [i]))}>
                        {poll.my_votes?.includes(i) ? '☑' : '☐'} {option}
                      </button>{' '}
                      <span className="muted" data-testid="poll-total">{poll.totals[i] ?? 0}</span>
                    </li>
                  ))}
                </ul>
                {!poll.closed && (
                  <button type="button" className="button-ghost" onClick={() => act(() => chatApi.closePoll(poll.id))}>
                    Close poll
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </PanelFrame>
  );
}

function NewPollForm({ onCreate }: { onCreate: (question: string, options: string[], multi: boolean) => void }) {
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState('');
  const [multi, setMulti] = useState(false);
  return (
    <form
      className="stack"
      onSubmit={(event) => {
        event.preventDefault();
        onCreate(question, options.split('\n').map((o) => o.trim()).filter(Boolean), multi);
        setQuestion('');
        setOptions('');
      }}
    >
      <label>
        Question
        <input value={question} onChange={(e) => setQuestion(e.target.value)} required />
      </label>
      <label>
        Options (one a line)
        <textarea value={options} onChange={(e) => setOptions(e.target.value)} rows={3} required />
      </label>
      <label className="inline">
        <input type="checkbox" checked={multi} onChange={(e) => setMulti(e.target.checked)} /> Several answers allowed
      </label>
      <button type="submit">Create poll</button>
    </form>
  );
}
