import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../components/Notice.tsx';
import { useAction } from '../tickets/useAction.ts';
import { useResource } from '../useResource.ts';
import { describeActions, formatConfidence } from './format.ts';
import { RawAnswer, field, text } from './ResultView.tsx';
import { triageApi } from './triageApi.ts';
import type { TriageActionView } from './types.ts';

const sample = `From: Alice <alice@example.org>
To: you@example.org
Subject: Invoice 1234 for October
Message-ID: <sandbox-1@example.org>

Hello, please find the invoice attached.
`;

/**
 * `/triage/sandbox`: run the classification (rules, then the account's prompt and LLM) on a pasted email or one of an
 * account's emails by UID, and see what it would decide. Nothing is done to any mailbox and nothing is recorded.
 */
export function SandboxPanel() {
  const accounts = useResource(() => triageApi.accounts());
  const [source, setSource] = useState<'pasted' | 'mailbox'>('pasted');
  const [raw, setRaw] = useState(sample);
  const [account, setAccount] = useState('');
  const [uid, setUid] = useState('');
  const [skipRules, setSkipRules] = useState(false);
  const [answer, setAnswer] = useState<unknown>(undefined);
  const action = useAction();
  const chosenAccount = account || accounts.data?.[0]?.name || '';

  const run = async (event: FormEvent) => {
    event.preventDefault();
    setAnswer(undefined);
    const body: Record<string, unknown> =
      source === 'pasted' ? { raw, account: chosenAccount || undefined, skip_rules: skipRules } : { account: chosenAccount, uid: Number(uid), skip_rules: skipRules };
    await action.run(async () => setAnswer(await triageApi.sandbox(body)));
  };

  const actions = field(answer, 'actions');
  // Which images went to a vision model with the prompt (prompt.images; empty without vision or without images).
  const images = sandboxImages(answer);
  const failure = field(answer, 'failure') ?? field(answer, 'failure_code') ?? field(answer, 'error');
  return (
    <div className="stack" data-testid="triage-sandbox">
      <section className="card" aria-labelledby="triage-sandbox-heading">
        <h2 id="triage-sandbox-heading">Prompt sandbox</h2>
        <p className="muted small">Runs the rules and the prompt without acting: no mailbox is touched, nothing is recorded.</p>
        <form className="stack" onSubmit={run} data-testid="triage-sandbox-form">
          <div className="row" role="radiogroup" aria-label="Email">
            <label className="checkbox">
              <input type="radio" name="sandbox-source" checked={source === 'pasted'} onChange={() => setSource('pasted')} />
              A pasted email
            </label>
            <label className="checkbox">
              <input type="radio" name="sandbox-source" checked={source === 'mailbox'} onChange={() => setSource('mailbox')} data-testid="triage-sandbox-from-mailbox" />
              An email of an account (by UID)
            </label>
          </div>
          <label className="inline">
            Account (its prompt, provider and rules)
            <select value={chosenAccount} onChange={(e) => setAccount(e.target.value)} data-testid="triage-sandbox-account">
              {accounts.data?.map((a) => (
                <option key={a.name} value={a.name}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          {source === 'pasted' ? (
            <label>
              The email (headers, a blank line, the body)
              <textarea className="mono" rows={12} spellCheck={false} value={raw} onChange={(e) => setRaw(e.target.value)} data-testid="triage-sandbox-raw" />
            </label>
          ) : (
            <label className="inline">
              UID in the first watched folder
              <input type="number" min={1} value={uid} onChange={(e) => setUid(e.target.value)} data-testid="triage-sandbox-uid" />
            </label>
          )}
          <label className="checkbox">
            <input type="checkbox" checked={skipRules} onChange={(e) => setSkipRules(e.target.checked)} data-testid="triage-sandbox-skip-rules" />
            Skip the rules (ask the LLM)
          </label>
          <div className="row">
            <button type="submit" disabled={action.busy} data-testid="triage-sandbox-run">
              {action.busy ? 'Running…' : 'Run'}
            </button>
          </div>
          <ErrorNotice message={action.error} testId="triage-sandbox-error" />
        </form>
      </section>
      {answer !== undefined && (
        <section className="card stack" data-testid="triage-sandbox-result">
          <h2>Outcome</h2>
          {failure !== undefined && failure !== null && (
            <p className="notice notice-error" data-testid="triage-sandbox-failure">
              {text(failure)} {text(field(answer, 'message') ?? '')}
            </p>
          )}
          <dl className="grid-form">
            <dt>Actions</dt>
            <dd data-testid="triage-sandbox-actions">{Array.isArray(actions) ? describeActions(actions as TriageActionView[]) : '—'}</dd>
            <dt>Confidence</dt>
            <dd data-testid="triage-sandbox-confidence">{formatConfidence(field(answer, 'confidence') as number | null | undefined)}</dd>
            <dt>Reasoning</dt>
            <dd data-testid="triage-sandbox-reasoning">{text(field(answer, 'reasoning'))}</dd>
            <dt>Decided by</dt>
            <dd data-testid="triage-sandbox-decider">{text(field(answer, 'rule') ?? field(answer, 'provider') ?? field(answer, 'source'))}</dd>
            {images.length > 0 && (
              <>
                <dt>Images</dt>
                <dd>
                  <ul className="mail-plain-list" data-testid="triage-sandbox-images">
                    {images.map((image, i) => (
                      <li key={i} data-testid="triage-sandbox-image" data-sent={image.sent ? 'true' : 'false'}>
                        {image.name} ({image.media_type}, {image.size} bytes{image.inline ? ', inline' : ''}):{' '}
                        {image.sent ? 'sent to the model' : `not sent — ${image.omitted ?? 'omitted'}`}
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
          </dl>
          <RawAnswer value={answer} />
        </section>
      )}
    </div>
  );
}

interface SandboxImageView {
  name: string;
  media_type: string;
  size: number;
  inline: boolean;
  sent: boolean;
  omitted: string | null;
}

function sandboxImages(answer: unknown): SandboxImageView[] {
  const prompt = field(answer, 'prompt');
  const images = field(prompt, 'images');
  return Array.isArray(images) ? (images as SandboxImageView[]) : [];
}
