import { useAuth } from '../auth/AuthContext.ts';
import { chatApi } from '../chat/chatApi.ts';
import { useResource } from '../useResource.ts';

/** Who took the ticket ("Taken by you" / "Taken by ana"), by name once known; nothing while nobody has it. */
export function TicketAssignee({ userId }: { userId: string | null }) {
  const { user } = useAuth();
  const mine = userId !== null && userId === user?.id;
  const name = useResource(
    async () => (userId === null || mine ? null : ((await chatApi.users([userId]).catch(() => []))[0]?.username ?? null)),
    [userId, mine],
  );
  if (userId === null) return null;
  return (
    <span className="badge" data-testid="ticket-assignee" data-user-id={userId}>
      Taken by {mine ? `you (${user?.username ?? ''})` : (name.data ?? 'another staff member')}
    </span>
  );
}
