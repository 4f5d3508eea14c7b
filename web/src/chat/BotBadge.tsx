import { useChat } from './ChatContext.ts';
import type { Uuid } from './types.ts';

/** "BOT" after a bot account's name (a support bot the server acts as); nothing for people. */
export function BotBadge({ userId, bot }: { userId: Uuid; bot?: boolean }) {
  const { users } = useChat();
  if (!(bot ?? users.isBot(userId))) return null;
  return (
    <span className="bot-badge" data-testid="bot-badge" title="An automated account">
      BOT
    </span>
  );
}
