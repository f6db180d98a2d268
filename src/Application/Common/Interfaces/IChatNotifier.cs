namespace CleanChat.Application.Common.Interfaces;

/// <summary>
/// Pushes chat events to whoever is connected. Called by notification handlers after the change is
/// committed; a failure here never undoes or fails the change itself.
/// </summary>
public interface IChatNotifier
{
    Task NotifyAsync(ChatNotification notification, CancellationToken cancellationToken);
}
