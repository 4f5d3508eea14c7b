import { Fragment } from 'react';

/** Message text with @mentions set apart; plain text only (never HTML from the server). */
export function MessageText({ text, myUsername }: { text: string; myUsername: string | undefined }) {
  const parts = text.split(/(@[A-Za-z0-9_.-]+)/g);
  return (
    <>
      {parts.map((part, i) =>
        part.startsWith('@') ? (
          <span key={i} className={part.slice(1) === myUsername ? 'mention mention-me' : 'mention'}>
            {part}
          </span>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}
