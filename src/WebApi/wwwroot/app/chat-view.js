import { el, shortTime, fullTime, formatBytes } from './dom.js';
import { ApiError } from './api.js';
import { chatTitle, keyOf } from './chat-list.js';
import { Composer } from './composer.js';

const PAGE_SIZE = 30;
const EDIT_WINDOW_MS = 15 * 60 * 1000;
const TYPING_SHOWN_MS = 6000;

const senderKey = m => keyOf(m.sender_type, m.sender_type === 'user' ? m.sender_user_id : m.sender_customer_id);

/**
 * One open chat: history (newest at the bottom, older pages fetched by keyset as the user scrolls up),
 * live frames, gap filling after a reconnect, typing, read receipts and the per-message status of the
 * user's own messages (sending → sent ✓ → read ✓✓).
 */
export class ChatView {
  constructor(root, context, chat, list, onClose) {
    this.root = root;
    this.context = context;
    this.chat = chat;
    this.list = list;
    this.onClose = onClose;
    this.me = keyOf(context.session.kind, context.session.participantId);
    this.messages = new Map();
    this.elements = new Map();
    this.replies = new Map(); // original message id → ids of the messages quoting it
    this.pending = new Map();
    this.typing = new Map();
    this.lastSeq = null;
    this.oldestId = null;
    this.hasOlder = true;
    this.loadingOlder = false;
    this.disposed = false;
    const mine = chat.participants.find(p => keyOf(p.participant_type, p.participant_id) === this.me);
    this.myLastRead = mine?.last_read_message_id ?? 0;
    this.othersRead = Math.max(0, ...chat.participants
      .filter(p => keyOf(p.participant_type, p.participant_id) !== this.me)
      .map(p => p.last_read_message_id ?? 0));

    this.onFocus = () => this.maybeMarkRead();
    window.addEventListener('focus', this.onFocus);
    document.addEventListener('visibilitychange', this.onFocus);
    this.render();
    this.loadLatest();
  }

  dispose() {
    this.disposed = true;
    delete this.root.dataset.joined;
    window.removeEventListener('focus', this.onFocus);
    document.removeEventListener('visibilitychange', this.onFocus);
    this.composer?.dispose();
    for (const timer of this.typing.values()) clearTimeout(timer.timeout);
  }

  render() {
    const session = this.context.session;
    this.title = el('h2', { id: 'chat-title' }, chatTitle(this.chat, session));
    this.presence = el('span', { class: 'muted', id: 'chat-presence' });
    this.messageList = el('ol', { class: 'messages', 'aria-labelledby': 'chat-title', 'aria-live': 'polite', 'aria-relevant': 'additions' });
    this.scroller = el('div', { class: 'message-scroller', tabindex: '0', 'aria-label': 'Messages' }, this.messageList);
    this.scroller.addEventListener('scroll', () => {
      if (this.scroller.scrollTop < 80) this.loadOlder();
      this.maybeMarkRead();
    });
    this.typingLine = el('p', { class: 'typing', 'aria-live': 'polite' });
    this.error = el('p', { class: 'form-error', role: 'alert' });
    this.composer?.dispose();
    this.composer = new Composer(this.context, this.chat, {
      send: frame => this.sendQueued(frame),
      edit: (message, content) => this.edit(message, content),
      error: text => { this.error.textContent = text; },
    });

    const back = el('button', { type: 'button', class: 'back', 'aria-label': 'Back to chats', onclick: () => this.onClose() }, '←');
    const staffTools = session.kind === 'user' ? this.staffTools() : null;
    this.root.replaceChildren(
      el('div', { class: 'pane-header' }, back, el('div', { class: 'chat-heading' }, this.title, this.presence), staffTools),
      this.scroller,
      this.typingLine,
      this.error,
      this.composer.element);
    this.drawPresence();
    this.dialog = el('dialog', { class: 'image-viewer', 'aria-label': 'Image' });
    this.root.append(this.dialog);
    this.composer.focus();
  }

  staffTools() {
    const archive = el('button', { type: 'button', onclick: () => this.toggleArchive() }, this.chat.is_archived ? 'Unarchive' : 'Archive');
    const type = el('select', { 'aria-label': 'Participant kind' }, el('option', { value: 'customer' }, 'Customer'), el('option', { value: 'user' }, 'Staff'));
    const id = el('input', { inputmode: 'numeric', placeholder: 'Id', 'aria-label': 'Participant id', size: 6, required: true });
    const add = el('form', { class: 'row add-participant' }, type, id, el('button', { type: 'submit' }, 'Add'));
    add.addEventListener('submit', async event => {
      event.preventDefault();
      try {
        await this.context.api.post(`/api/v1/chat/chats/${this.chat.id}/participants`, { participant_type: type.value, participant_id: Number(id.value) });
        id.value = '';
        this.error.textContent = '';
      } catch (failure) {
        this.error.textContent = failure.message;
      }
    });
    return el('details', { class: 'chat-tools' }, el('summary', {}, 'Manage'), archive, el('p', { class: 'muted' }, 'Add a participant'), add);
  }

  async toggleArchive() {
    try {
      await this.context.api.post(`/api/v1/chat/chats/${this.chat.id}/${this.chat.is_archived ? 'unarchive' : 'archive'}`);
      this.chat.is_archived = !this.chat.is_archived;
      this.render();
      this.redrawAll();
    } catch (failure) {
      this.error.textContent = failure.message;
    }
  }

  drawPresence() {
    const others = this.chat.participants.filter(p => p.is_active && keyOf(p.participant_type, p.participant_id) !== this.me);
    const online = others.filter(p => p.is_online).map(p => p.name);
    this.presence.textContent = this.chat.is_archived ? 'Archived' : online.length ? `Online: ${online.join(', ')}` : 'Offline';
  }

  get historyPath() {
    return `/api/v1/chat/chats/${this.chat.id}/messages`;
  }

  async loadLatest() {
    try {
      const page = await this.context.api.get(`${this.historyPath}?page_size=${PAGE_SIZE}`);
      if (this.disposed) return;
      this.hasOlder = page.has_more;
      for (const message of page.messages) this.put(message);
      this.scrollToBottom();
      this.context.connection.follow(this.chat.id, this.lastSeq);
      if (this.context.connection.joined.has(this.chat.id)) this.root.dataset.joined = 'true';
      this.maybeMarkRead();
    } catch (failure) {
      this.error.textContent = `History could not be loaded: ${failure.message}`;
    }
  }

  async loadOlder() {
    if (!this.hasOlder || this.loadingOlder || this.oldestId === null) return;
    this.loadingOlder = true;
    const before = this.scroller.scrollHeight;
    try {
      const page = await this.context.api.get(`${this.historyPath}?before_id=${this.oldestId}&page_size=${PAGE_SIZE}`);
      if (this.disposed) return;
      this.hasOlder = page.has_more;
      for (const message of page.messages) this.put(message);
      // Keep the message the user was reading where it was.
      this.scroller.scrollTop += this.scroller.scrollHeight - before;
    } catch (failure) {
      this.error.textContent = `Older messages could not be loaded: ${failure.message}`;
    } finally {
      this.loadingOlder = false;
    }
  }

  // After a reconnect that missed too much, or a jump in seq: fetch what came after the last seq seen.
  async fillFrom(afterSeq) {
    let cursor = afterSeq;
    for (;;) {
      const page = await this.context.api.get(`${this.historyPath}?after_seq=${cursor}&page_size=100`);
      if (this.disposed) return;
      for (const message of page.messages) this.put(message);
      if (!page.has_more || page.messages.length === 0) break;
      cursor = Math.max(...page.messages.map(m => m.seq));
    }
    this.context.connection.sawSeq(this.chat.id, this.lastSeq ?? afterSeq);
  }

  /** The connection dropped: live frames stop until it rejoins. */
  onStatus(status) {
    if (status !== 'connected') delete this.root.dataset.joined;
  }

  onFrame(frame) {
    if (frame.chat_id !== this.chat.id) return;
    switch (frame.type) {
      case 'joined':
        // Live from here on; tests and styles can tell (typing and receipts flow only once joined).
        this.root.dataset.joined = 'true';
        break;
      case 'message': {
        const message = frame.message;
        if (this.lastSeq !== null && message.seq > this.lastSeq + 1) this.fillFrom(this.lastSeq);
        const nearBottom = this.isNearBottom();
        this.put(message);
        if (nearBottom || senderKey(message) === this.me) this.scrollToBottom();
        this.clearTyping(senderKey(message));
        this.maybeMarkRead();
        break;
      }
      case 'message_updated':
        this.put(frame.message);
        break;
      case 'message_deleted': {
        const message = this.messages.get(frame.message_id);
        if (message) this.put({ ...message, is_deleted: true, deleted_at: frame.deleted_at, content: null, attachments: [], media_url: null, thumbnail_url: null });
        break;
      }
      case 'reload_history':
        this.fillFrom(frame.last_seq);
        break;
      case 'typing':
        this.showTyping(frame);
        break;
      case 'read_receipt':
        if (keyOf(frame.reader_type, frame.reader_id) === this.me) {
          this.myLastRead = Math.max(this.myLastRead, frame.message_id);
        } else if (frame.message_id > this.othersRead) {
          this.othersRead = frame.message_id;
          this.redrawMine();
        }
        break;
      case 'user_joined':
      case 'user_left':
        for (const p of this.chat.participants) {
          if (p.participant_type === frame.participant_type && p.participant_id === frame.participant_id) p.is_online = frame.type === 'user_joined';
        }
        this.drawPresence();
        break;
      case 'error':
        if (frame.request_type === 'send_message' && frame.code !== 'server_busy' && frame.code !== 'not_joined') {
          this.error.textContent = frame.error;
          this.failPending();
        }
        break;
      default:
        break;
    }
  }

  // --- messages ---------------------------------------------------------------------------------

  put(message) {
    const known = this.messages.has(message.id);
    this.messages.set(message.id, message);
    if (this.lastSeq === null || message.seq > this.lastSeq) this.lastSeq = message.seq;
    if (this.oldestId === null || message.id < this.oldestId) this.oldestId = message.id;

    if (message.client_message_id && this.pending.has(message.client_message_id)) {
      this.pending.get(message.client_message_id).element.remove();
      this.pending.delete(message.client_message_id);
    }

    if (message.reply_to_message_id) {
      if (!this.replies.has(message.reply_to_message_id)) this.replies.set(message.reply_to_message_id, new Set());
      this.replies.get(message.reply_to_message_id).add(message.id);
    }

    const element = this.messageElement(message);
    element.dataset.seq = message.seq;
    if (known) {
      this.elements.get(message.id).replaceWith(element);
    } else {
      this.insertBySeq(element, message.seq);
    }
    this.elements.set(message.id, element);

    // Quotes of this message show its current text: edited, deleted, or loaded after the reply was.
    for (const replyId of this.replies.get(message.id) ?? []) this.redraw(replyId);
  }

  redraw(id) {
    const message = this.messages.get(id);
    const current = this.elements.get(id);
    if (!message || !current) return;
    const element = this.messageElement(message);
    element.dataset.seq = message.seq;
    current.replaceWith(element);
    this.elements.set(id, element);
  }

  insertBySeq(element, seq) {
    // Newest messages arrive last; search from the end. Pending bubbles stay below every stored message.
    let after = this.messageList.lastElementChild;
    while (after && (after.dataset.pending === 'true' || Number(after.dataset.seq) > seq)) after = after.previousElementSibling;
    if (after) after.after(element);
    else this.messageList.prepend(element);
  }

  redrawMine() {
    for (const [id, message] of this.messages) {
      if (senderKey(message) === this.me) this.redraw(id);
    }
  }

  redrawAll() {
    const all = [...this.messages.values()];
    this.messageList.replaceChildren();
    this.elements.clear();
    for (const message of all) this.put(message);
    for (const item of this.pending.values()) this.messageList.append(item.element);
  }

  messageElement(message) {
    // What the service itself says (a hotel stay's welcome, a room change) reads as a notice, not a bubble.
    if (message.sender_type === 'system') {
      return el('li', { class: 'message notice', 'data-message-id': message.id },
        message.is_deleted ? el('p', { class: 'deleted' }, 'Message deleted') : el('p', { class: 'text' }, message.content ?? ''),
        el('span', { class: 'meta' }, el('time', { datetime: message.created_at, title: fullTime(message.created_at) }, shortTime(message.created_at))));
    }
    const mine = senderKey(message) === this.me;
    const body = message.is_deleted
      ? [el('p', { class: 'deleted' }, 'Message deleted')]
      : [this.replyQuote(message), ...this.content(message), this.entityChip(message)];
    return el('li', { class: mine ? 'message mine' : 'message', 'data-message-id': message.id },
      mine ? null : el('span', { class: 'sender' }, message.sender_name ?? ''),
      ...body,
      el('span', { class: 'meta' },
        el('time', { datetime: message.created_at, title: fullTime(message.created_at) }, shortTime(message.created_at)),
        message.is_edited && !message.is_deleted ? el('span', {}, ' · edited') : null,
        mine ? this.statusMark(message) : null),
      message.is_deleted ? null : this.actions(message, mine));
  }

  statusMark(message) {
    const read = message.id <= this.othersRead;
    return el('span', { class: read ? 'status-mark read' : 'status-mark', 'data-status': read ? 'read' : 'sent', title: read ? 'Read' : 'Sent', 'aria-label': read ? 'Read' : 'Sent' }, read ? ' ✓✓' : ' ✓');
  }

  replyQuote(message) {
    if (!message.reply_to_message_id) return null;
    const original = this.messages.get(message.reply_to_message_id);
    const text = !original ? 'An earlier message' : original.is_deleted ? 'Message deleted' : `${original.sender_name ?? ''}: ${original.content ?? `[${original.message_type}]`}`;
    return el('blockquote', { class: 'quote' }, text.length > 140 ? `${text.slice(0, 140)}…` : text);
  }

  content(message) {
    const parts = (message.attachments ?? []).map(file => this.attachment(message, file));
    if (message.content) parts.push(el('p', { class: 'text' }, message.content));
    return parts;
  }

  attachment(message, file) {
    if (message.message_type === 'image') {
      const image = el('img', { src: file.thumbnail_url ?? file.file_url, alt: file.file_name ?? 'Image', loading: 'lazy', class: 'thumbnail' });
      return el('button', { type: 'button', class: 'image-button', 'aria-label': `Open image ${file.file_name ?? ''}`, onclick: () => this.showImage(file) }, image);
    }
    if (message.message_type === 'voice') return el('audio', { controls: true, preload: 'none', src: file.file_url, 'aria-label': 'Voice note' });
    return el('a', { href: file.file_url, download: file.file_name ?? '', class: 'file-link' },
      `${file.file_name ?? 'File'}${file.file_size ? ` (${formatBytes(file.file_size)})` : ''}`);
  }

  entityChip(message) {
    if (!message.entity_type) return null;
    return el('span', { class: 'chip', title: `${message.entity_type} ${message.entity_id}` }, `${message.entity_type} · ${message.entity_title ?? `#${message.entity_id}`}`);
  }

  actions(message, mine) {
    const canEdit = mine && message.message_type === 'text' && Date.now() - new Date(message.created_at).getTime() < EDIT_WINDOW_MS;
    const canDelete = mine || this.context.session.role === 'admin';
    return el('span', { class: 'actions' },
      el('button', { type: 'button', class: 'link', onclick: () => this.composer.replyTo(message) }, 'Reply'),
      canEdit ? el('button', { type: 'button', class: 'link', onclick: () => this.composer.startEdit(message) }, 'Edit') : null,
      canDelete ? el('button', { type: 'button', class: 'link', onclick: () => this.remove(message) }, 'Delete') : null);
  }

  showImage(file) {
    this.dialog.replaceChildren(
      el('img', { src: file.file_url, alt: file.file_name ?? 'Image', class: 'full-image' }),
      el('button', { type: 'button', onclick: () => this.dialog.close() }, 'Close'));
    this.dialog.showModal();
  }

  async edit(message, content) {
    try {
      this.put(await this.context.api.put(`/api/v1/chat/messages/${message.id}`, { content }));
      return true;
    } catch (failure) {
      this.error.textContent = failure instanceof ApiError && failure.code === 'edit_window_expired' ? 'Messages can be edited for 15 minutes only.' : failure.message;
      return false;
    }
  }

  async remove(message) {
    if (!window.confirm('Delete this message for everyone?')) return;
    try {
      await this.context.api.delete(`/api/v1/chat/messages/${message.id}`);
    } catch (failure) {
      this.error.textContent = failure.message;
    }
  }

  // --- sending ------------------------------------------------------------------------------------

  /** Shows the message at once as "sending" and hands it to the connection's outbox. */
  sendQueued(frame) {
    this.error.textContent = '';
    const element = el('li', { class: 'message mine pending', 'data-pending': 'true', 'data-client-id': frame.client_message_id },
      frame.content ? el('p', { class: 'text' }, frame.content) : el('p', { class: 'text' }, `[${frame.message_type}]`),
      el('span', { class: 'meta' }, el('span', { class: 'status-mark', 'data-status': 'sending', 'aria-label': 'Sending' }, 'Sending…')));
    this.pending.set(frame.client_message_id, { frame, element });
    this.messageList.append(element);
    this.scrollToBottom();
    this.context.connection.sendMessage(frame);
  }

  failPending() {
    // The refusal names no message: the oldest one still waiting is the one the server answered first.
    const [first] = this.pending.values();
    if (!first) return;
    this.context.connection.discard(first.frame.client_message_id);
    first.element.dataset.pending = 'failed';
    first.element.querySelector('.status-mark').textContent = 'Not sent';
    first.element.querySelector('.status-mark').dataset.status = 'failed';
    this.pending.delete(first.frame.client_message_id);
  }

  // --- reading --------------------------------------------------------------------------------------

  /** Marks read the newest message from someone else that is on screen, while the tab is in front. */
  maybeMarkRead() {
    if (this.disposed || document.visibilityState !== 'visible' || !document.hasFocus()) return;
    const view = this.scroller.getBoundingClientRect();
    let newest = 0;
    for (const [id, element] of this.elements) {
      if (id <= this.myLastRead || id <= newest) continue;
      const message = this.messages.get(id);
      if (senderKey(message) === this.me) continue;
      const box = element.getBoundingClientRect();
      if (box.bottom > view.top && box.top < view.bottom) newest = id;
    }
    if (!newest) return;
    this.myLastRead = newest;
    const sent = this.context.connection.joined.has(this.chat.id)
      && this.context.connection.send({ type: 'read_message', chat_id: this.chat.id, message_id: newest });
    if (!sent) this.context.api.post(`/api/v1/chat/chats/${this.chat.id}/read`, { message_id: newest }).catch(() => { this.myLastRead = 0; });
    this.list.markRead(this.chat.id);
  }

  // --- typing ---------------------------------------------------------------------------------------

  showTyping(frame) {
    const key = keyOf(frame.participant_type, frame.participant_id);
    if (key === this.me) return;
    this.clearTyping(key, false);
    if (frame.is_typing) {
      const name = this.chat.participants.find(p => keyOf(p.participant_type, p.participant_id) === key)?.name ?? 'Someone';
      // A lost "stopped typing" must not leave the indicator on for ever.
      this.typing.set(key, { name, timeout: setTimeout(() => this.clearTyping(key), TYPING_SHOWN_MS) });
    }
    this.drawTyping();
  }

  clearTyping(key, redraw = true) {
    const entry = this.typing.get(key);
    if (!entry) return;
    clearTimeout(entry.timeout);
    this.typing.delete(key);
    if (redraw) this.drawTyping();
  }

  drawTyping() {
    const names = [...this.typing.values()].map(t => t.name);
    this.typingLine.textContent = names.length === 0 ? '' : `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} typing…`;
  }

  // --- scrolling ------------------------------------------------------------------------------------

  isNearBottom() {
    return this.scroller.scrollHeight - this.scroller.scrollTop - this.scroller.clientHeight < 120;
  }

  scrollToBottom() {
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }
}
