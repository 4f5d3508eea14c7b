import { HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import { useEffect, useRef, useState } from 'react';
import { triageClient } from './triageApi.ts';
import type { HubStatus } from '../chat/ChatHub.ts';
import type { FeedDecision } from './types.ts';

/**
 * The live feed (`/hubs/triage`, SignalR): `onDecision` runs for every decision as its audit row is committed.
 * The hub sends to every dashboard; nothing to subscribe to. After a reconnect decisions made meanwhile were missed,
 * so `onReconnected` lets the caller fetch the latest from the audit.
 */
export function useTriageFeed(onDecision: (decision: FeedDecision) => void, onReconnected: () => void): HubStatus {
  const [status, setStatus] = useState<HubStatus>('connecting');
  const handlers = useRef({ onDecision, onReconnected });
  handlers.current = { onDecision, onReconnected };

  useEffect(() => {
    const connection = new HubConnectionBuilder()
      // Browsers cannot set headers on WebSockets, so the token travels as access_token in the query.
      .withUrl('/hubs/triage', { accessTokenFactory: () => triageClient().freshAccessToken() })
      .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 30000])
      .configureLogging(LogLevel.Warning)
      .build();
    let stopped = false;
    connection.on('decision', (payload: FeedDecision) => handlers.current.onDecision(payload));
    connection.onreconnecting(() => setStatus('reconnecting'));
    connection.onreconnected(() => {
      setStatus('connected');
      handlers.current.onReconnected();
    });
    connection.onclose(() => {
      if (!stopped) setStatus('disconnected');
    });
    connection.start().then(
      () => {
        if (!stopped) setStatus('connected');
      },
      () => {
        if (!stopped) setStatus('disconnected');
      },
    );
    return () => {
      stopped = true;
      void connection.stop();
    };
  }, []);

  return status;
}
