import { el, formatBytes, icon } from './dom.js';
import { ApiError } from './api.js';

const TYPING_IDLE_MS = 2000;

/**
 * Writing in a chat: text (Enter sends, Shift+Enter breaks the line), reply, edit, an attached image
 * or file (checked against the server's own limits before it is uploaded) and voice notes recorded
 * with MediaRecorder. Tells the chat when the user types, and that they stopped after 2 s idle.
 */
export class Composer {
  constructor(context, chat, { send, edit, error }) {
    this.context = context;
    this.chat = chat;
    this.sendFrame = send;
    this.editMessage = edit;
    this.showError = error;
    this.replyingTo = null;
    this.editing = null;
    this.typingSent = false;
    this.typingTimer = null;
    this.recorder = null;
    this.recordingLimit = null;

    this.text = el('textarea', { id: 'composer-text', rows: 2, maxlength: 4000, placeholder: 'Write a message…', 'aria-label': 'Message' });
    this.text.addEventListener('keydown', event => {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        this.submit();
      } else if (event.key === 'Escape') {
        this.cancelContext();
      }
    });
    this.text.addEventListener('input', () => this.typed());

    this.file = el('input', { type: 'file', id: 'composer-file', class: 'visually-hidden', multiple: true, onchange: () => this.attach() });
    this.contextBar = el('div', { class: 'composer-context', hidden: true });
    this.recordButton = el('button', { type: 'button', class: 'icon', 'aria-label': 'Record a voice note', 'aria-pressed': 'false', onclick: () => this.toggleRecording() }, icon('microphone'));
    const disabled = chat.is_archived;
    this.element = el('form', { class: 'composer', 'aria-label': 'Write a message' },
      this.contextBar,
      el('div', { class: 'row' },
        el('label', { for: 'composer-file', class: 'icon button-like', title: 'Attach an image or file' }, icon('attach'), el('span', { class: 'visually-hidden' }, 'Attach an image or file')),
        this.file,
        this.recordButton,
        this.text,
        el('button', { type: 'submit', class: 'primary', disabled }, 'Send')));
    this.element.addEventListener('submit', event => {
      event.preventDefault();
      this.submit();
    });
    if (disabled) {
      this.text.disabled = true;
      this.text.placeholder = 'This chat is archived.';
    }
  }

  focus() {
    this.text.focus();
  }

  dispose() {
    this.stopTyping();
    if (this.recorder?.state === 'recording') this.recorder.stop();
  }

  replyTo(message) {
    this.editing = null;
    this.replyingTo = message;
    this.showContext(`Replying to ${message.sender_name ?? ''}: ${(message.content ?? `[${message.message_type}]`).slice(0, 80)}`);
    this.focus();
  }

  startEdit(message) {
    this.replyingTo = null;
    this.editing = message;
    this.text.value = message.content ?? '';
    this.showContext('Editing your message');
    this.focus();
  }

  showContext(text) {
    this.contextBar.replaceChildren(el('span', {}, text), el('button', { type: 'button', class: 'link', onclick: () => this.cancelContext() }, 'Cancel'));
    this.contextBar.hidden = false;
  }

  cancelContext() {
    this.replyingTo = null;
    if (this.editing) this.text.value = '';
    this.editing = null;
    this.contextBar.hidden = true;
  }

  async submit() {
    const content = this.text.value.trim();
    if (!content) return;
    if (this.editing) {
      if (await this.editMessage(this.editing, content)) {
        this.text.value = '';
        this.cancelContext();
      }
      return;
    }
    this.sendFrame(this.frame({ message_type: 'text', content }));
    this.text.value = '';
    this.cancelContext();
    this.stopTyping();
  }

  frame(fields) {
    const frame = { type: 'send_message', chat_id: this.chat.id, client_message_id: crypto.randomUUID(), ...fields };
    if (this.replyingTo) frame.reply_to_message_id = this.replyingTo.id;
    return frame;
  }

  // --- typing -----------------------------------------------------------------------------------

  typed() {
    if (!this.typingSent && this.text.value) {
      this.typingSent = this.context.connection.send({ type: 'typing', chat_id: this.chat.id, is_typing: true });
    }
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  stopTyping() {
    clearTimeout(this.typingTimer);
    if (this.typingSent) this.context.connection.send({ type: 'typing', chat_id: this.chat.id, is_typing: false });
    this.typingSent = false;
  }

  // --- files --------------------------------------------------------------------------------------

  async limits() {
    this.context.limits ??= await this.context.api.get('/api/v1/chat/upload/limits');
    return this.context.limits;
  }

  /** Refuses, before any byte is sent, what the server would refuse; returns the accepted type or null. */
  async check(file) {
    const limits = await this.limits();
    if (file.size > limits.max_file_bytes) {
      this.showError(`${file.name} is larger than the ${formatBytes(limits.max_file_bytes)} limit for files.`);
      return null;
    }
    const type = limits.accepted_types.find(t => t.media_type === file.type.split(';')[0]);
    if (!type) {
      const names = [...new Set(limits.accepted_types.map(t => t.extension))].join(', ');
      this.showError(`${file.name} is not a type this chat accepts (${names}).`);
      return null;
    }
    return type;
  }

  /** Sends the chosen files as one message: an image message when all are images, else a file message. */
  async attach() {
    const files = [...this.file.files];
    this.file.value = '';
    if (files.length === 0) return;
    try {
      const limits = await this.limits();
      if (files.length > limits.max_attachments_per_message) {
        this.showError(`A message carries at most ${limits.max_attachments_per_message} files.`);
        return;
      }
      const types = [];
      for (const file of files) {
        const type = await this.check(file);
        if (!type) return;
        types.push(type);
      }
      await this.uploadAndSend(files, types.every(t => t.kind === 'image') ? 'image' : 'file');
    } catch (failure) {
      this.showError(failure.message);
    }
  }

  async uploadAndSend(files, messageType, extra = {}) {
    let current = files[0];
    try {
      this.showError('');
      const urls = [];
      for (const file of files) {
        current = file;
        urls.push((await this.context.api.upload(file, file.name)).file_url);
      }
      const caption = this.text.value.trim();
      this.sendFrame(this.frame({ message_type: messageType, attachments: urls, content: caption || undefined, ...extra }));
      this.text.value = '';
      this.cancelContext();
    } catch (failure) {
      this.showError(failure instanceof ApiError && failure.status === 413 ? `${current.name} is larger than the server accepts.` : `Upload failed: ${failure.message}`);
    }
  }

  // --- voice notes --------------------------------------------------------------------------------

  async toggleRecording() {
    if (this.recorder?.state === 'recording') {
      this.recorder.stop();
      return;
    }
    if (!window.MediaRecorder || !navigator.mediaDevices?.getUserMedia) {
      this.showError('This browser cannot record audio.');
      return;
    }
    let limits;
    try {
      limits = await this.limits();
    } catch (failure) {
      this.showError(`Could not read the server's upload limits: ${failure.message}`);
      return;
    }
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      this.showError('Microphone access was not allowed.');
      return;
    }
    const chunks = [];
    const started = Date.now();
    const recorder = new MediaRecorder(stream, MediaRecorder.isTypeSupported('audio/webm') ? { mimeType: 'audio/webm' } : undefined);
    recorder.addEventListener('dataavailable', event => chunks.push(event.data));
    recorder.addEventListener('stop', async () => {
      clearTimeout(this.recordingLimit);
      stream.getTracks().forEach(track => track.stop());
      this.recordButton.setAttribute('aria-pressed', 'false');
      this.recordButton.replaceChildren(icon('microphone'));
      this.recordButton.setAttribute('aria-label', 'Record a voice note');
      const blob = new Blob(chunks, { type: recorder.mimeType || 'audio/webm' });
      const file = new File([blob], 'voice-note.webm', { type: blob.type });
      const type = await this.check(file).catch(failure => { this.showError(failure.message); return null; });
      if (type) await this.uploadAndSend([file], 'voice', { duration_ms: Math.min(Date.now() - started, limits.max_voice_duration_ms) });
    });
    this.recorder = recorder;
    recorder.start();
    // The server refuses longer notes, so the recording ends itself at the limit rather than failing after.
    this.recordingLimit = setTimeout(() => recorder.stop(), limits.max_voice_duration_ms);
    this.recordButton.setAttribute('aria-pressed', 'true');
    this.recordButton.replaceChildren(icon('stop'));
    this.recordButton.setAttribute('aria-label', 'Stop recording and send');
  }
}
