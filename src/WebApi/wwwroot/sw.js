// CleanChat's service worker: shows a Web Push (sent while this user had no chat open anywhere) as a
// system notification, and opens the chat when the notification is clicked. The push carries only the
// chat id, the sender's name and a short preview.

self.addEventListener('push', event => {
  let data = {};
  try {
    data = event.data?.json() ?? {};
  } catch {
    return;
  }
  if (data.type !== 'message') return;
  event.waitUntil(self.registration.showNotification(data.sender_name || 'CleanChat', {
    body: data.preview ?? '',
    tag: `chat-${data.chat_id}`,
    data: { chatId: data.chat_id },
  }));
});

self.addEventListener('notificationclick', event => {
  event.notification.close();
  const chatId = event.notification.data?.chatId;
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const open = windows.find(client => new URL(client.url).origin === self.location.origin);
    if (open) {
      await open.focus();
      open.postMessage({ type: 'open_chat', chat_id: chatId });
    } else {
      await self.clients.openWindow(chatId ? `/?chat=${chatId}` : '/');
    }
  })());
});
