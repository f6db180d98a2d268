// Telling the user about messages while they look elsewhere: the unread total in the tab's title, and a
// system notification for a new message while the tab is hidden. The browser asks for permission only
// when the user presses the button (browsers ignore, and some penalise, a request made on page load).

const APP_TITLE = 'CleanChat';
const PREVIEW_LENGTH = 120;

export class Notifier {
  /** @param {HTMLButtonElement} button  @param {(chatId: number) => void} openChat */
  constructor(button, openChat) {
    this.button = button;
    this.openChat = openChat;
    this.supported = 'Notification' in window;
    this.onClick = () => this.askPermission();
    button.addEventListener('click', this.onClick);
    this.showButton();
  }

  showButton() {
    this.button.hidden = !this.supported || Notification.permission !== 'default';
  }

  async askPermission() {
    if (!this.supported) return;
    await Notification.requestPermission();
    this.showButton();
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
    this.button.hidden = true;
    this.setUnread(0);
  }
}
