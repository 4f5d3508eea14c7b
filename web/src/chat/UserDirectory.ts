import { useEffect, useState } from 'react';
import { chatApi } from './chatApi.ts';
import type { UserCard, Uuid } from './types.ts';

/**
 * Names for user ids, fetched in batches and kept for the page's life. Ids asked for in the same
 * tick go out as one request; a failed lookup shows a short id instead of breaking the view.
 */
export class UserDirectory {
  private readonly cards = new Map<Uuid, UserCard>();
  private readonly pending = new Set<Uuid>();
  private readonly listeners = new Set<() => void>();
  private scheduled = false;

  name(id: Uuid): string {
    const card = this.cards.get(id);
    if (card) return card.display_name || card.username;
    this.want(id);
    return `user ${id.slice(0, 8)}`;
  }

  /** Whether the user is a bot (known once their card has arrived; `name` asks for it). */
  isBot(id: Uuid): boolean {
    return this.cards.get(id)?.is_bot === true;
  }

  username(id: Uuid): string | null {
    return this.cards.get(id)?.username ?? null;
  }

  remember(card: UserCard): void {
    this.cards.set(card.id, card);
    this.notify();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private want(id: Uuid): void {
    if (this.pending.has(id)) return;
    this.pending.add(id);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => void this.fetchPending());
  }

  private async fetchPending(): Promise<void> {
    this.scheduled = false;
    const ids = [...this.pending].filter((id) => !this.cards.has(id)).slice(0, 100);
    if (ids.length === 0) return;
    try {
      const cards = await chatApi.users(ids);
      for (const card of cards) this.cards.set(card.id, card);
      this.notify();
    } catch {
      // Keep showing short ids; ids stay pending so they are not asked for in a loop.
    }
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

/** Re-renders the caller when names arrive; returns a number that changes each time. */
export function useUserNames(directory: UserDirectory): number {
  const [version, setVersion] = useState(0);
  useEffect(() => directory.onChange(() => setVersion((n) => n + 1)), [directory]);
  return version;
}
