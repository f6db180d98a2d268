// One WebSocket to CleanChat for the signed-in user, kept open: reconnects with exponential backoff
// and jitter, pings so idle sockets are not dropped, rejoins the chats it follows with the last seq it
// saw (the server replays what was missed, or says reload_history), and holds messages written while
// offline in an outbox keyed by client_message_id, so a resend can never show or store one twice.

const PING_EVERY_MS = 30_000;
const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 30_000;

export class ChatConnection extends EventTarget {
  /** @param {{ kind: 'user'|'customer', token: () => string|null }} options */
  constructor({ kind, token }) {
    super();
    this.kind = kind;
    this.token = token;
    this.status = 'offline';
    this.socket = null;
    this.attempt = 0;
    this.retryTimer = null;
    this.pingTimer = null;
    this.closedByApp = false;
    /** chat id → last seq seen (null until the first message), for every chat followed */
    this.followed = new Map();
    /** chat ids joined on the current socket */
    this.joined = new Set();
    /** client_message_id → send_message frame not yet acknowledged by its message frame */
    this.outbox = new Map();
    this.onOnline = () => this.reconnectNow();
    window.addEventListener('online', this.onOnline);
  }

  start() {
    this.closedByApp = false;
    this.open();
  }

  stop() {
    this.closedByApp = true;
    window.removeEventListener('online', this.onOnline);
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    this.socket?.close(1000, 'Signed out');
    this.setStatus('offline');
  }

  /** Follows a chat's live frames from now on (and after every reconnect). */
  follow(chatId, lastSeq = null) {
    const known = this.followed.get(chatId);
    if (known === undefined || (lastSeq !== null && (known === null || lastSeq > known))) this.followed.set(chatId, lastSeq);
    if (this.status === 'connected' && !this.joined.has(chatId)) this.join(chatId);
  }

  /** Records the highest seq seen in a chat, so a rejoin asks only for what came after it. */
  sawSeq(chatId, seq) {
    const known = this.followed.get(chatId);
    if (known !== undefined && (known === null || seq > known)) this.followed.set(chatId, seq);
  }

  /** Queues a message; it is sent now if the socket is up, otherwise as soon as its chat is joined again. */
  sendMessage(frame) {
    this.outbox.set(frame.client_message_id, frame);
    if (this.joined.has(frame.chat_id)) this.send(frame);
  }

  /** A frame that is only worth sending now (typing, read): dropped when offline. */
  send(frame) {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /** Hands an open socket the fresh access token, so it stays open past the old one's end. */
  reauthenticate(token) {
    this.send({ type: 'authenticate', token });
  }

  reconnectNow() {
    if (this.closedByApp || this.socket) return;
    clearTimeout(this.retryTimer);
    this.attempt = 0;
    this.open();
  }

  open() {
    const token = this.token();
    if (!token) return;
    this.setStatus(this.attempt === 0 && this.status === 'offline' ? 'connecting' : 'reconnecting');
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/api/v1/chat/ws/chat/${this.kind}?token=${encodeURIComponent(token)}`);
    this.socket = socket;
    socket.addEventListener('message', event => this.receive(event.data));
    socket.addEventListener('close', event => this.closed(socket, event));
  }

  receive(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }

    switch (frame.type) {
      case 'connected':
        this.attempt = 0;
        this.joined.clear();
        this.setStatus('connected');
        clearInterval(this.pingTimer);
        this.pingTimer = setInterval(() => this.send({ type: 'ping' }), PING_EVERY_MS);
        for (const chatId of this.followed.keys()) this.join(chatId);
        break;
      case 'joined':
        this.joined.add(frame.chat_id);
        this.flushOutbox(frame.chat_id);
        break;
      case 'message':
        if (frame.message?.client_message_id) this.outbox.delete(frame.message.client_message_id);
        this.sawSeq(frame.chat_id, frame.message.seq);
        break;
      case 'error':
        this.refused(frame);
        break;
      default:
        break;
    }
    this.dispatchEvent(new CustomEvent('frame', { detail: frame }));
  }

  join(chatId) {
    const lastSeq = this.followed.get(chatId);
    this.send(lastSeq === null || lastSeq === undefined ? { type: 'join_chat', chat_id: chatId } : { type: 'join_chat', chat_id: chatId, last_seq: lastSeq });
  }

  flushOutbox(chatId) {
    for (const frame of this.outbox.values()) {
      if (frame.chat_id === chatId) this.send(frame);
    }
  }

  // A busy server did nothing with the frame: send the same message again when it says. A refusal of
  // the message itself (archived chat, too long) ends its journey: the app shows it as failed.
  refused(frame) {
    if (frame.request_type !== 'send_message') return;
    if (frame.code === 'server_busy') {
      const delay = frame.retry_after_ms ?? 1000;
      setTimeout(() => frame.chat_id !== undefined && this.joined.has(frame.chat_id) && this.flushOutbox(frame.chat_id), delay);
      return;
    }
    if (frame.code === 'not_joined' && frame.chat_id !== undefined) {
      this.join(frame.chat_id);
    }
  }

  /** Gives up on an outbox message the server refused for good. */
  discard(clientMessageId) {
    this.outbox.delete(clientMessageId);
  }

  closed(socket, event) {
    if (this.socket !== socket) return;
    this.socket = null;
    this.joined.clear();
    clearInterval(this.pingTimer);
    if (this.closedByApp) return;

    // 1008 is the server refusing the token (missing, invalid, expired): the app renews it or signs out.
    if (event.code === 1008 && /token/i.test(event.reason)) {
      this.setStatus('offline');
      this.dispatchEvent(new CustomEvent('unauthorized', { detail: event.reason }));
      return;
    }

    this.setStatus(navigator.onLine === false ? 'offline' : 'reconnecting');
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** this.attempt);
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    this.dispatchEvent(new CustomEvent('status', { detail: status }));
  }
}
