import { useDesk } from './DeskContext.ts';
import { ApiKeysSettings } from './ApiKeysSettings.tsx';
import { BlocksSettings } from './BlocksSettings.tsx';
import { CategoriesSettings } from './CategoriesSettings.tsx';
import { DeskSettingsForm } from './DeskSettingsForm.tsx';
import { GrantsSettings } from './GrantsSettings.tsx';
import { SnippetsSettings } from './SnippetsSettings.tsx';

/** `/tickets/:deskId/settings`: the desk's live settings and lists, each part shown to those whose permissions allow it. */
export function SettingsPage() {
  const { can } = useDesk();
  const any = can('view_config') || can('edit_config') || can('manage_api_keys');
  if (!any) return <p className="muted">Settings need the panel permission view_config.</p>;
  return (
    <div className="stack" data-testid="tickets-settings">
      {can('view_config') && <DeskSettingsForm />}
      {can('view_tickets') && <CategoriesSettings />}
      {can('view_tickets') && <SnippetsSettings />}
      {can('view_tickets') && <BlocksSettings />}
      {can('manage_api_keys') && <ApiKeysSettings />}
      {can('edit_config') && <GrantsSettings />}
    </div>
  );
}
