import { ErrorNotice } from '../components/Notice.tsx';
import { useAction } from '../tickets/useAction.ts';
import { isTrue, useTriageSettings } from './SettingsContext.ts';
import { triageApi } from './triageApi.ts';

/**
 * Global `dry_run`: decisions are recorded, no mailbox is touched (`PUT /api/triage/settings/dry-run`, in force at
 * once). An account's own `dry_run` still wins for that account.
 */
export function DryRunToggle() {
  const settings = useTriageSettings();
  const action = useAction();
  if (!settings.data) return null;
  const on = isTrue(settings.data.settings.dry_run);
  const toggle = async () => {
    if (await action.run(() => triageApi.setDryRun(!on))) settings.reload();
  };
  return (
    <div className="row triage-dry-run" data-testid="triage-dry-run" data-enabled={on}>
      <label className="checkbox">
        <input type="checkbox" checked={on} disabled={action.busy || settings.loading} onChange={() => void toggle()} data-testid="triage-dry-run-toggle" />
        Dry run
      </label>
      {on && <span className="badge badge-off">Mailboxes untouched</span>}
      <ErrorNotice message={action.error} testId="triage-dry-run-error" />
    </div>
  );
}
