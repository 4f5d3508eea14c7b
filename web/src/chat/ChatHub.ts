import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from '@microsoft/signalr';
import { api } from '../api/browserClient.ts';
import type { Uuid } from './types.ts';

export type HubStatus = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

type Handler = (...args: unknown[]) => void;

/**
 * The one real-time connection of the Chat area (`/hubs/chat`, JSON protocol). It remembers which
 * channels and communities the page wants events for and subscribes to them again after every
 * reconnect, since the server forgets a connection's groups when it drops.
 */
export class ChatHub {
  private readonly connection: HubConnection;
  private readonly channels = new Map<Uuid, number>();
  private readonly communities = new Set<Uuid>();
  private readonly statusListeners = new Set<(status: HubStatus) => void>();
  private current: HubStatus = 'connecting';
  private started: Promise<void> | null = null;
  private stopping: Promise<void> = Promise.resolve();
  private wanted = false;
  private restartDelayMs = 1000;

  constructor() {
    this.connection = new HubConnectionBuilder()
      // Browsers cannot set headers on WebSockets, so the token travels as access_token in the query.
      .withUrl('/hubs/chat', { accessTokenFactory: () => api.freshAccessToken() })
      .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 15000, 30000])
      .configureLogging(LogLevel.Warning)
      .build();
    this.connection.onreconnecting(() => this.setStatus('reconnecting'));
    this.connection.onreconnected(() => {
      this.setStatus('connected');
      void this.resubscribe();
    });
    // Automatic reconnect gives up after its last delay, and the server closes for good when the
    // access token expires (CloseOnAuthenticationExpiration): start over with a fresh token.
    this.connection.onclose(() => {
      this.setStatus('disconnected');
      this.started = null;
      if (this.wanted) this.restartLater();
    });
  }

  get status(): HubStatus {
    return this.current;
  }

  start(): Promise<void> {
    this.wanted = true;
    // A stop still under way (a remount) must finish before the connection can start again.
    this.started ??= this.stopping.then(() => this.connection.start()).then(
      () => {
        this.restartDelayMs = 1000;
        this.setStatus('connected');
        return this.resubscribe();
      },
      (error: unknown) => {
        this.setStatus('disconnected');
        this.started = null;
        if (this.wanted) this.restartLater();
        throw error;
      },
    );
    return this.started;
  }

  async stop(): Promise<void> {
    this.wanted = false;
    this.started = null;
    this.stopping = this.connection.stop().catch(() => undefined);
    await this.stopping;
  }

  private restartLater(): void {
    const delay = this.restartDelayMs;
    this.restartDelayMs = Math.min(delay * 2, 30_000);
    setTimeout(() => {
      if (this.wanted && this.connection.state === HubConnectionState.Disconnected) {
        this.setStatus('connecting');
        this.start().catch(() => undefined);
      }
    }, delay);
  }

  onStatus(listener: (status: HubStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Listens to a hub event (`message.created`, `typing`, …); returns the way to stop. */
  on<T>(event: string, handler: (payload: T) => void): () => void {
    const h = handler as unknown as Handler;
    this.connection.on(event, h);
    return () => this.connection.off(event, h);
  }

  /** Asks for a channel's events; counted, so two views of one channel share one subscription. */
  async subscribeChannel(channelId: Uuid): Promise<void> {
    const count = this.channels.get(channelId) ?? 0;
    this.channels.set(channelId, count + 1);
    if (count === 0 && this.isConnected) await this.connection.invoke('Subscribe', channelId);
  }

  async unsubscribeChannel(channelId: Uuid): Promise<void> {
    const count = this.channels.get(channelId) ?? 0;
    if (count <= 1) {
      this.channels.delete(channelId);
      if (this.isConnected) await this.connection.invoke('Unsubscribe', channelId).catch(() => undefined);
    } else {
      this.channels.set(channelId, count - 1);
    }
  }

  async subscribeCommunity(communityId: Uuid): Promise<void> {
    this.communities.add(communityId);
    if (this.isConnected) await this.connection.invoke('SubscribeCommunity', communityId);
  }

  /** Says the user is typing; best effort (a dropped typing signal is harmless). */
  typing(channelId: Uuid): void {
    if (this.isConnected) void this.connection.invoke('Typing', channelId).catch(() => undefined);
  }

  /** Calls a hub method that may not exist on this server yet (presence, voice); rejects like invoke. */
  invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    return this.connection.invoke<T>(method, ...args);
  }

  private get isConnected(): boolean {
    return this.connection.state === HubConnectionState.Connected;
  }

  private async resubscribe(): Promise<void> {
    const calls = [
      ...[...this.channels.keys()].map((id) => this.connection.invoke('Subscribe', id)),
      ...[...this.communities].map((id) => this.connection.invoke('SubscribeCommunity', id)),
    ];
    // A channel left meanwhile refuses; the others still count.
    await Promise.allSettled(calls);
  }

  private setStatus(status: HubStatus): void {
    this.current = status;
    for (const listener of this.statusListeners) listener(status);
  }
}

/** The hub's refusal code (`not_a_channel_member: …` → `not_a_channel_member`). */
export function hubErrorCode(error: unknown): string | null {
  const message = error instanceof Error ? error.message : '';
  const match = /([a-z_]+): /.exec(message.replace(/^.*HubException: /, ''));
  return match?.[1] ?? null;
}
