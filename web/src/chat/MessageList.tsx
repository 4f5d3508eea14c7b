import { useLayoutEffect, useRef, type ReactNode } from 'react';
import type { MessagesModel } from './useMessages.ts';
import type { Message } from './types.ts';

/**
 * The scrolling history: starts at the newest message, follows new ones while the reader is at the
 * bottom, and loads older pages when they scroll near the top (keeping their place on screen).
 */
export function MessageList({ model, renderMessage, testId = 'message-list' }: {
  model: MessagesModel;
  renderMessage: (message: Message) => ReactNode;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const heightBeforeOlder = useRef<number | null>(null);
  const firstId = model.messages[0]?.id;
  const count = model.messages.length;

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    if (heightBeforeOlder.current !== null) {
      // Older messages went in above: keep what the reader was looking at where it was.
      element.scrollTop += element.scrollHeight - heightBeforeOlder.current;
      heightBeforeOlder.current = null;
    } else if (atBottom.current) {
      element.scrollTop = element.scrollHeight;
    }
  }, [firstId, count]);

  const onScroll = () => {
    const element = box.current;
    if (!element) return;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
    if (element.scrollTop < 80 && model.hasOlder && !model.loadingOlder) {
      heightBeforeOlder.current = element.scrollHeight;
      void model.loadOlder().then(() => undefined, () => (heightBeforeOlder.current = null));
    }
  };

  return (
    <div className="chat-messages" ref={box} onScroll={onScroll} data-testid={testId} role="log" aria-live="polite">
      {model.hasOlder ? (
        <p className="muted chat-older" data-testid="older-marker">
          {model.loadingOlder ? 'Loading older messages…' : 'Scroll up for older messages'}
        </p>
      ) : (
        <p className="muted chat-older" data-testid="history-start">
          This is the start of the conversation.
        </p>
      )}
      {model.messages.map(renderMessage)}
    </div>
  );
}
