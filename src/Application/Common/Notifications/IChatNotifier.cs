namespace CleanChat.Application.Common.Notifications;

/// <summary>
/// Pushes chat notifications to whoever is connected. A failure here never undoes or fails the change
/// that caused the notification.
/// </summary>
public interface IChatNotifier
{
    /// <summary>
    /// Delivers now. For notifications of committed changes this is called by the event handlers, which
    /// run in commit order; for what is never stored (typing) order does not matter.
    /// </summary>
    Task NotifyAsync(ChatNotification notification, CancellationToken cancellationToken);

    /// <summary>
    /// Delivers after every event of the chat committed so far, so the notification cannot overtake
    /// the announcement of the change it refers to (a retried send repeating a message announced a moment ago).
    /// </summary>
    Task NotifyInChatOrderAsync(ChatNotification notification, CancellationToken cancellationToken);
}
