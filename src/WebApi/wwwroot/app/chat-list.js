import { el, shortTime } from './dom.js';
import { ApiError } from './api.js';

const PAGE_SIZE = 50;

/** Who a participant is in this app's terms: "user:12" or "customer:7". */
export const keyOf = (type, id) => `${type}:${id}`;

/** The chat's title, or the names of the others in it. */
export function chatTitle(chat, session) {
  if (chat.title) return chat.title;
  const others = chat.participants.filter(p => p.is_active && keyOf(p.participant_type, p.participant_id) !== keyOf(session.kind, session.participantId));
  return others.map(p => p.name || `${p.participant_type} ${p.participant_id}`).join(', ') || 'Just you';
}

/**
 * The list of the user's chats, most recent first, kept current by the socket: new chats, new
 * messages (preview, time, unread), reads made elsewhere, presence and archiving.
 */
export class ChatList {
  constructor(root, context, onOpen) {
    this.root = root;
    this.context = context;
    this.onOpen = onOpen;
    this.chats = new Map();
    this.openChatId = null;
    this.showArchived = false;
    this.loading = false;
    this.reloadAfter = false;
    this.items = el('ul', { class: 'chat-list', 'aria-label': 'Your chats' });
    this.error = el('p', { class: 'form-error', role: 'alert' });
    this.render();
  }

  get me() {
    return keyOf(this.context.session.kind, this.context.session.participantId);
  }

  render() {
    const archived = el('input', { type: 'checkbox', id: 'show-archived', onchange: event => { this.showArchived = event.target.checked; this.load(); } });
    this.root.replaceChildren(
      el('div', { class: 'pane-header' },
        el('h2', {}, 'Chats'),
        el('label', { class: 'inline', for: 'show-archived' }, archived, ' Archived')),
      this.newChatForm(),
      this.error,
      this.items);
  }

  newChatForm() {
    const staff = this.context.session.kind === 'user';
    const input = el('input', { id: 'new-chat-with', name: 'with', inputmode: 'numeric', required: true, placeholder: staff ? 'Customer id' : 'Staff user id' });
    const placeholders = { customer: 'Customer id', phone: '+15551234567', user: 'Colleague id' };
    const kind = staff ? el('select', {
      id: 'new-chat-kind', 'aria-label': 'Start a chat with',
      onchange: () => {
        input.placeholder = placeholders[kind.value];
        input.inputMode = kind.value === 'phone' ? 'tel' : 'numeric';
      },
    }, el('option', { value: 'customer' }, 'a customer (id)'), el('option', { value: 'phone' }, 'a customer (phone)'), el('option', { value: 'user' }, 'a colleague (id)')) : null;
    const form = el('form', { class: 'new-chat' },
      el('label', { for: 'new-chat-with' }, staff ? 'New chat with' : 'New chat with staff member'),
      kind,
      el('div', { class: 'row' }, input, el('button', { type: 'submit' }, 'Start')));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      this.error.textContent = '';
      const byPhone = staff && kind.value === 'phone';
      const id = Number(input.value);
      if (!byPhone && (!Number.isInteger(id) || id <= 0)) {
        this.error.textContent = 'Enter the numeric id of the person to chat with.';
        return;
      }
      const body = byPhone ? { customer_phone: input.value.trim() } : staff && kind.value === 'user' ? { user_id: id } : staff ? { customer_id: id } : { user_id: id };
      try {
        const chat = await this.context.api.post(staff ? '/api/v1/chat/chats' : '/api/v1/chat/chats/customer', body);
        input.value = '';
        this.upsert(chat);
        this.open(chat.id);
      } catch (failure) {
        this.error.textContent = failure instanceof ApiError && failure.status === 404 ? 'No one with that id can be reached from here.'
          : failure instanceof ApiError && failure.errors ? Object.values(failure.errors).flat().join(' ') : failure.message;
      }
    });
    return form;
  }

  /**
   * Fetches the list. Frames that arrive while a fetch is under way may or may not be in its answer, so
   * one more fetch follows it then; answers are applied in order, never an older over a newer.
   */
  async load() {
    if (this.loading) {
      this.reloadAfter = true;
      return;
    }
    this.loading = true;
    try {
      do {
        this.reloadAfter = false;
        await this.fetchList();
      } while (this.reloadAfter);
    } finally {
      this.loading = false;
    }
  }

  async fetchList() {
    const path = this.context.session.kind === 'user' ? '/api/v1/chat/chats' : '/api/v1/chat/chats/customer';
    try {
      const chats = await this.context.api.get(`${path}?is_archived=${this.showArchived}&page_size=${PAGE_SIZE}`);
      this.chats.clear();
      for (const chat of chats) this.chats.set(chat.id, chat);
      this.error.textContent = '';
    } catch (failure) {
      this.error.textContent = `Chats could not be loaded: ${failure.message}`;
      return;
    }
    for (const chat of this.chats.values()) {
      if (!chat.is_archived) this.context.connection.follow(chat.id, chat.last_seq ?? null);
    }
    this.draw();
  }

  upsert(chat) {
    this.chats.set(chat.id, chat);
    if (!chat.is_archived) this.context.connection.follow(chat.id, chat.last_seq ?? null);
    this.draw();
  }

  get(chatId) {
    return this.chats.get(chatId);
  }

  open(chatId) {
    const chat = this.chats.get(chatId);
    if (!chat) return;
    this.openChatId = chatId;
    this.draw();
    this.onOpen(chat);
  }

  /** Called by the open chat once it has marked messages read. */
  markRead(chatId) {
    const chat = this.chats.get(chatId);
    if (chat && chat.unread_count) {
      chat.unread_count = 0;
      this.draw();
    }
  }

  focusSelected() {
    this.openChatId = null;
    this.draw();
    this.items.querySelector('button')?.focus();
  }

  /** Returns true for a message from someone else that the list had not counted yet (worth telling the user about). */
  onFrame(frame) {
    if (this.loading) this.reloadAfter = true;
    const chat = this.chats.get(frame.chat_id);
    switch (frame.type) {
      case 'message': {
        if (!chat) {
          this.load();
          return false;
        }
        const message = frame.message;
        // Already counted in the list as fetched (a replay after joining with the list's last_seq).
        if (message.seq <= (chat.last_seq ?? 0)) return false;
        chat.last_seq = message.seq;
        const fromMe = keyOf(message.sender_type, message.sender_type === 'user' ? message.sender_user_id : message.sender_customer_id) === this.me;
        if (new Date(message.created_at) >= new Date(chat.last_message_at ?? 0)) {
          chat.last_message_at = message.created_at;
          chat.last_message_preview = message.is_deleted ? 'Message deleted' : (message.content || `[${message.message_type}]`);
        }
        if (!fromMe && this.openChatId !== chat.id) chat.unread_count = (chat.unread_count ?? 0) + 1;
        this.draw();
        return !fromMe && !message.is_deleted;
      }
      case 'read_receipt':
        if (chat && keyOf(frame.reader_type, frame.reader_id) === this.me) chat.unread_count = 0;
        break;
      case 'user_joined':
      case 'user_left':
        if (chat) {
          for (const p of chat.participants) {
            if (p.participant_type === frame.participant_type && p.participant_id === frame.participant_id) p.is_online = frame.type === 'user_joined';
          }
        }
        break;
      case 'reload_history':
      case 'chat_created':
      case 'participant_added':
      case 'chat_archived':
      case 'chat_unarchived':
        this.load();
        return false;
      case 'participant_removed':
        if (keyOf(frame.participant_type, frame.participant_id) === this.me) {
          this.chats.delete(frame.chat_id);
        } else {
          this.load();
          return false;
        }
        break;
      default:
        return false;
    }
    this.draw();
    return false;
  }

  /** The chat's name as this user sees it. */
  titleOf(chatId) {
    const chat = this.chats.get(chatId);
    return chat ? chatTitle(chat, this.context.session) : 'CleanChat';
  }

  draw() {
    this.context.onUnread?.([...this.chats.values()].reduce((total, chat) => total + (chat.unread_count ?? 0), 0));
    const sorted = [...this.chats.values()].sort((a, b) => new Date(b.last_message_at ?? b.created_at) - new Date(a.last_message_at ?? a.created_at));
    if (sorted.length === 0) {
      this.items.replaceChildren(el('li', { class: 'empty-state' }, this.showArchived ? 'No archived chats.' : 'No chats yet.'));
      return;
    }
    this.items.replaceChildren(...sorted.map(chat => this.item(chat)));
  }

  item(chat) {
    const others = chat.participants.filter(p => keyOf(p.participant_type, p.participant_id) !== this.me);
    const online = others.some(p => p.is_online);
    const unread = chat.unread_count ?? 0;
    const title = chatTitle(chat, this.context.session);
    return el('li', {},
      el('button', {
        type: 'button', class: 'chat-item', 'data-chat-id': chat.id, 'aria-current': this.openChatId === chat.id ? 'true' : null,
        'aria-label': `${title}${unread ? `, ${unread} unread` : ''}${online ? ', online' : ''}`,
        onclick: () => this.open(chat.id),
      },
      el('span', { class: online ? 'presence online' : 'presence', 'aria-hidden': 'true' }),
      el('span', { class: 'chat-item-main' },
        el('span', { class: 'chat-item-title' }, title),
        el('span', { class: 'chat-item-preview' }, chat.last_message_preview ?? '')),
      el('span', { class: 'chat-item-meta' },
        el('time', { datetime: chat.last_message_at ?? chat.created_at }, shortTime(chat.last_message_at ?? chat.created_at)),
        unread ? el('span', { class: 'badge', 'data-unread': unread }, unread > 99 ? '99+' : unread) : null)));
  }
}
