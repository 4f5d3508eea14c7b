import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, describeError } from '../api/ApiError.ts';
import { chatApi } from './chatApi.ts';
import { useChat } from './ChatContext.ts';
import type { Message, MessageDeleted, ReactionEvent, Uuid } from './types.ts';

export type ChannelState = 'loading' | 'ready' | 'must_join' | 'error';

export interface MessagesModel {
  state: ChannelState;
  error: string | null;
  messages: Message[];
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder(): Promise<void>;
  reload(): void;
  /** Puts a message the caller just sent or changed into the list (the hub echo is merged, not doubled). */
  upsert(message: Message): void;
  /** Fetches a message again (after a reaction or pin) and replaces it. */
  refresh(id: Uuid): void;
}

const pageSize = 50;

/**
 * One channel's history (or one thread's, with `threadId`): the newest page first, older pages on
 * demand, and live changes from the hub applied in place. Messages stay ordered oldest → newest.
 */
export function useMessages(channelId: Uuid, threadId?: Uuid): MessagesModel {
  const { hub } = useChat();
  const [state, setState] = useState<ChannelState>('loading');
  const [error, setError] = useState<string | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [hasOlder, setHasOlder] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [version, setVersion] = useState(0);
  const olderInFlight = useRef(false);

  const upsert = useCallback(
    (message: Message) => {
      if (message.channel_id !== channelId || (message.thread_id ?? undefined) !== threadId) return;
      setMessages((list) => {
        const at = list.findIndex((m) => m.id === message.id);
        if (at >= 0) return list.map((m, i) => (i === at ? { ...m, ...message } : m));
        return [...list, message].sort(byTime);
      });
    },
    [channelId, threadId],
  );

  useEffect(() => {
    let current = true;
    setState('loading');
    setMessages([]);
    chatApi.history(channelId, { threadId, limit: pageSize }).then(
      (page) => {
        if (!current) return;
        // A thread's history starts with its root, which the thread panel shows above the replies.
        setMessages(threadId ? page.messages.filter((m) => m.id !== threadId) : page.messages);
        setHasOlder(page.has_more);
        setState('ready');
        setError(null);
      },
      (failure: unknown) => {
        if (!current) return;
        if (failure instanceof ApiError && failure.code === 'not_a_channel_member') setState('must_join');
        else {
          setState('error');
          setError(describeError(failure));
        }
      },
    );
    return () => {
      current = false;
    };
  }, [channelId, threadId, version]);

  // Live changes, only once the history is there (a subscription needs membership).
  useEffect(() => {
    if (state !== 'ready') return;
    void hub.subscribeChannel(channelId).catch(() => undefined);
    const offs = [
      hub.on<Message>('message.created', (m) => {
        upsert(m);
        // A reply in a thread counts on its root in the main list.
        if (!threadId && m.thread_id && m.channel_id === channelId) {
          setMessages((list) => list.map((x) => (x.id === m.thread_id ? { ...x, reply_count: (x.reply_count ?? 0) + 1 } : x)));
        }
      }),
      hub.on<Message>('message.updated', (m) => {
        setMessages((list) => list.map((x) => (x.id === m.id ? { ...x, ...m } : x)));
      }),
      hub.on<MessageDeleted>('message.deleted', (d) => {
        setMessages((list) =>
          list.map((x) => (x.id === d.id ? { ...x, deleted_at: d.deleted_at, plaintext: null, ciphertext: null } : x)),
        );
      }),
      hub.on<{ channel_id: Uuid }>('channel.removed', (e) => {
        // Left in another tab, kicked or banned: the history is no longer ours to show.
        if (e.channel_id !== channelId) return;
        setMessages([]);
        setState('error');
        setError('You no longer have access to this conversation.');
      }),
      hub.on<ReactionEvent>('reaction.added', (r) => refreshReaction(r, 1)),
      hub.on<ReactionEvent>('reaction.removed', (r) => refreshReaction(r, -1)),
    ];
    return () => {
      for (const off of offs) off();
      void hub.unsubscribeChannel(channelId);
    };
    // refreshReaction only uses setters and channelId.
  }, [hub, channelId, threadId, state, upsert]);

  const refresh = useCallback((id: Uuid) => {
    chatApi.message(id).then(
      (fresh) => setMessages((list) => list.map((x) => (x.id === id ? { ...x, ...fresh } : x))),
      () => undefined,
    );
  }, []);

  // The server's message (with everyone's counts and the viewer's own `me`) is the truth; a count
  // applied locally would double when the event and the caller's own request both land.
  function refreshReaction(event: ReactionEvent, delta: 1 | -1) {
    if (event.channel_id !== channelId) return;
    chatApi.message(event.message_id).then(
      (fresh) => {
        setMessages((list) =>
          list.map((x) => {
            if (x.id !== event.message_id) return x;
            if (fresh.reactions) return { ...x, ...fresh };
            return { ...x, reactions: bump(x.reactions ?? [], event.emoji, delta) };
          }),
        );
      },
      () => undefined,
    );
  }

  const loadOlder = useCallback(async () => {
    const oldest = messages[0];
    if (!oldest || !hasOlder || olderInFlight.current) return;
    olderInFlight.current = true;
    setLoadingOlder(true);
    try {
      const page = await chatApi.history(channelId, { before: oldest.id, threadId, limit: pageSize });
      setMessages((list) => {
        const known = new Set(list.map((m) => m.id));
        return [...page.messages.filter((m) => !known.has(m.id) && m.id !== threadId), ...list];
      });
      setHasOlder(page.has_more);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      olderInFlight.current = false;
      setLoadingOlder(false);
    }
  }, [channelId, threadId, messages, hasOlder]);

  const reload = useCallback(() => setVersion((n) => n + 1), []);
  return { state, error, messages, hasOlder, loadingOlder, loadOlder, reload, upsert, refresh };
}

function byTime(a: Message, b: Message): number {
  return a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1;
}

function bump(reactions: NonNullable<Message['reactions']>, emoji: string, delta: number) {
  const found = reactions.find((r) => r.emoji === emoji);
  if (!found) return delta > 0 ? [...reactions, { emoji, count: 1, me: false }] : reactions;
  return reactions.map((r) => (r.emoji === emoji ? { ...r, count: r.count + delta } : r)).filter((r) => r.count > 0);
}
