// Telling the user about messages while they look elsewhere: the unread total in the tab's title, a
// system notification for a new message while the tab is hidden, and Web Push (through the service
// worker, /sw.js) for messages that arrive while no tab is open. The browser asks for permission only
// when the user presses the button (browsers ignore, and some penalise, a request made on page load).

const APP_TITLE = 'CleanChat';
const PREVIEW_LENGTH = 120;

export class Notifier {
  /** @param {HTMLButtonElement} button  @param {import('./api.js').Api} api  @param {(chatId: number) => void} openChat */
  constructor(button, api, openChat) {
    this.button = button;
    this.api = api;
    this.openChat = openChat;
    this.supported = 'Notification' in window;
    this.subscription = null;
    this.onClick = () => this.askPermission();
    this.onWorkerMessage = event => { if (event.data?.type === 'open_chat' && event.data.chat_id) openChat(event.data.chat_id); };
    button.addEventListener('click', this.onClick);
    navigator.serviceWorker?.addEventListener('message', this.onWorkerMessage);
    this.showButton();
    if (this.supported && Notification.permission === 'granted') this.subscribePush();
  }

  showButton() {
    this.button.hidden = !this.supported || Notification.permission !== 'default';
  }

  async askPermission() {
    if (!this.supported) return;
    await Notification.requestPermission();
    this.showButton();
    if (Notification.permission === 'granted') this.subscribePush();
  }

  /** Registers this browser for Web Push with the server, when the server has it configured and the browser can. */
  async subscribePush() {
    if (!('serviceWorker' in navigator) || !('PushManager' in window)) return;
    try {
      const { public_key: key } = await this.api.get('/api/v1/push/vapid-public-key');
      const registration = await navigator.serviceWorker.register('/sw.js');
      const subscription = await registration.pushManager.getSubscription()
        ?? await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: fromBase64Url(key) });
      await this.api.post('/api/v1/push/subscriptions', subscription.toJSON());
      this.subscription = subscription;
    } catch {
      // Push off on the server (404), or the browser has no push service: the in-tab notifications remain.
    }
  }

  /** At sign-out: this browser stops getting this user's pushes (on the server, then in the browser). */
  unsubscribePush(token) {
    const subscription = this.subscription;
    this.subscription = null;
    if (!subscription) return;
    fetch(`/api/v1/push/subscriptions?endpoint=${encodeURIComponent(subscription.endpoint)}`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } })
      .catch(() => {})
      .finally(() => subscription.unsubscribe().catch(() => {}));
  }

  setUnread(total) {
    document.title = total > 0 ? `(${total > 99 ? '99+' : total}) ${APP_TITLE}` : APP_TITLE;
  }

  /** A new message from someone else: shown as a system notification if the tab is hidden and the user allowed it. */
  notify(message, chatTitle) {
    if (!this.supported || Notification.permission !== 'granted' || !document.hidden) return;
    const text = message.content || `[${message.message_type}]`;
    const notification = new Notification(message.sender_name ? `${message.sender_name} · ${chatTitle}` : chatTitle, {
      body: text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH)}…` : text,
      tag: `chat-${message.chat_id}`,
      data: { chatId: message.chat_id },
    });
    notification.addEventListener('click', () => {
      window.focus();
      this.openChat(message.chat_id);
      notification.close();
    });
  }

  dispose() {
    this.button.removeEventListener('click', this.onClick);
    navigator.serviceWorker?.removeEventListener('message', this.onWorkerMessage);
    this.button.hidden = true;
    this.setUnread(0);
  }
}

function fromBase64Url(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), c => c.charCodeAt(0));
}
