import { useState } from 'react';
import { describeError } from '../api/ApiError.ts';
import { chatApi } from './chatApi.ts';
import { useChat } from './ChatContext.ts';
import type { Channel } from './types.ts';

/** A channel's topic, slow mode and read-only switch, for its staff. */
export function ChannelSettingsForm({ channel }: { channel: Channel }) {
  const { structureChanged } = useChat();
  const [topic, setTopic] = useState(channel.topic ?? '');
  const [slowMode, setSlowMode] = useState(channel.slow_mode_seconds);
  const [readOnly, setReadOnly] = useState(channel.read_only);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <form
      className="stack"
      data-testid="channel-settings-form"
      onSubmit={(event) => {
        event.preventDefault();
        chatApi.updateChannel(channel.id, { topic, slow_mode_seconds: slowMode, read_only: readOnly }).then(
          () => {
            setOutcome({ ok: true, text: 'Channel saved.' });
            structureChanged();
          },
          (e: unknown) => setOutcome({ ok: false, text: describeError(e) }),
        );
      }}
    >
      <h3>Channel settings</h3>
      <label>
        Topic
        <input value={topic} onChange={(e) => setTopic(e.target.value)} />
      </label>
      <label>
        Slow mode (seconds between messages)
        <input type="number" min={0} value={slowMode} onChange={(e) => setSlowMode(Number(e.target.value))} />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={readOnly} onChange={(e) => setReadOnly(e.target.checked)} /> Read-only (only staff post)
      </label>
      <button type="submit">Save channel</button>
      {outcome && (
        <p className={outcome.ok ? 'notice notice-success' : 'notice notice-error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </p>
      )}
    </form>
  );
}
